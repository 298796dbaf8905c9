/* es-after-frame.c — run a function once the next frame is painted. */
#include "config.h"

#include "es-after-frame.h"

static gboolean
idle_cb (gpointer data)
{
  EsAfterFrame *self = data;

  self->idle_id = 0;
  self->func (self->data);
  return G_SOURCE_REMOVE;
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  EsAfterFrame *self = data;

  /* This tick comes before the frame is painted: the idle runs once it is. */
  self->tick_id = 0;
  self->idle_id = g_idle_add (idle_cb, self);
  return G_SOURCE_REMOVE;
}

void
es_after_frame_schedule (EsAfterFrame *self, GtkWidget *widget, GSourceFunc func, gpointer data)
{
  if (es_after_frame_is_pending (self))
    return;
  self->widget = widget;
  self->func = func;
  self->data = data;
  self->tick_id = gtk_widget_add_tick_callback (widget, tick_cb, self, NULL);
}

gboolean
es_after_frame_is_pending (EsAfterFrame *self)
{
  return self->tick_id != 0 || self->idle_id != 0;
}

void
es_after_frame_cancel (EsAfterFrame *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
  g_clear_handle_id (&self->idle_id, g_source_remove);
}

int
es_after_frame_window_height (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  int width = 0, height = 0;

  if (!GTK_IS_WINDOW (root) || !gtk_widget_get_mapped (widget)
      || gtk_widget_get_height (GTK_WIDGET (root)) > 0
      || gtk_window_is_maximized (GTK_WINDOW (root))
      || gtk_window_is_fullscreen (GTK_WINDOW (root)))
    return 0;
  gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  return MAX (height, 0);
}
