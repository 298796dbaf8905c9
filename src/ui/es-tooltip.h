/* es-tooltip.h — tooltips that cost nothing until hovered.
 *
 * GTK 4.8's gtk_widget_set_tooltip_text() looks for the pointer at once for a visible
 * widget, even one not yet in a window: three round trips to an X server, about a third of
 * a millisecond each while the machine is busy. Set on the widgets a window builds as it
 * opens (dropdown choices, column titles), that was several milliseconds of every new
 * window. These give the same tooltip, and the same accessible description, by answering
 * ::query-tooltip when the pointer comes. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows text as widget's tooltip (none if NULL or empty), as gtk_widget_set_tooltip_text(). */
void es_tooltip_set_text (GtkWidget *widget, const char *text);

/* Shows the label's own text as its tooltip, whatever it becomes: for a label that may be
 * ellipsized. */
void es_tooltip_follow_label (GtkLabel *label);

G_END_DECLS
