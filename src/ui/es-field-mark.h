/* es-field-mark.h — how every form marks a field it refuses: the row's "error" style, an
 * error icon whose tooltip says why, the accessible "invalid" state, and a line
 * "Field: message" added to the list shown under the group. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* message NULL clears the mark. An empty message marks the row without a line (the
 * reason is said elsewhere). list may be NULL; *list is created on the first line. */
void es_field_mark (GtkWidget *row, GtkWidget *error_icon, const char *message, GString **list);

G_END_DECLS
