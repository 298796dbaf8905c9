/* ui-test-util.c — what the UI tests share. */
#include "config.h"

#include "es-member-list.h"
#include "es-pipeline-page.h"
#include "es-members-page.h"
#include "es-window.h"
#include "ui-test-util.h"

/* Waiting for the screen */

typedef struct
{
  GtkWidget *widget;
  guint frames;
} FrameWait;

static void
after_paint_cb (GdkFrameClock *clock, FrameWait *wait)
{
  wait->frames++;
  gtk_widget_queue_draw (wait->widget);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the members of the window's database are read: the pages read
 * them in the background. */
static void
wait_for_members (GtkWidget *widget, gint64 deadline)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  EsDb *base = ES_IS_WINDOW (root) ? es_window_get_db (ES_WINDOW (root)) : NULL;
  EsMemberList *list = base != NULL ? es_member_list_get_for_db (base) : NULL;

  while (list != NULL && es_member_list_is_loading (list) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (list == NULL || !es_member_list_is_loading (list));
}

/* Runs the main loop until widget is mapped, the members are read and n frames have been
 * painted (or 10 s). */
void
wait_for_frames (GtkWidget *widget, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);
  FrameWait wait = { widget, 0 };
  GdkFrameClock *clock;
  gulong id;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  wait_for_members (widget, deadline);

  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &wait);
  gtk_widget_queue_draw (widget);
  while (wait.frames < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_source_remove (tick);

  g_assert_cmpuint (wait.frames, >=, n);
}

/* Lets pending idles run (dialogs being presented, toasts). */
void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint tick = g_timeout_add (10, tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

void
save_screenshot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("ESSAIM_SCREENSHOT_DIR");
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  /* The paintable shows what the widget drew last: let transitions end (animations stay
   * on: GTK 4.8's revealer warns about a negative allocation without them). */
  paintable = gtk_widget_paintable_new (widget);
  wait_for_frames (widget, 3);
  spin (400);
  wait_for_frames (widget, 2);

  if (dir == NULL || dir[0] == '\0')
    dir = ".";
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, file_name, NULL);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d × %d)", path, width, height);
}

gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

gpointer
wait_for_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  gpointer window;

  while ((window = find_toplevel (type)) == NULL && g_get_monotonic_time () < deadline)
    spin (20);

  return window;
}
