/* es-after-frame.h — run a function once the next frame of a widget is painted, so that a
 * page shows first and its heavy content follows a frame later. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  GtkWidget *widget; /* not owned: cancel before it goes */
  GSourceFunc func;
  gpointer data;
  guint tick_id;
  guint idle_id;
} EsAfterFrame;

/* Schedules func (data) after widget's next painted frame, unless already scheduled. */
void es_after_frame_schedule (EsAfterFrame *self, GtkWidget *widget, GSourceFunc func,
                              gpointer data);
gboolean es_after_frame_is_pending (EsAfterFrame *self);
void es_after_frame_cancel (EsAfterFrame *self);

/* The height widget's window is given before its first frame (its default height), for a
 * page to size what it makes for that frame before it has a height of its own; 0 if the
 * window was allocated already, or will be maximized or fullscreen (that height is the
 * monitor's), or widget is not about to be drawn (unmapped, a hidden page), or in none. */
int es_after_frame_window_height (GtkWidget *widget);

G_END_DECLS
