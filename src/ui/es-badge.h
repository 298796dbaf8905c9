/* es-badge.h — a deadline as a coloured pill, in a table's cell.
 *
 * A GtkLabel with the es-badge style class looks the same, but each new text asks for a new
 * size, up to the window: in a table where a search changes every row, that is a layout of
 * every row and column. An EsBadge takes the width its column gives, draws its pill as wide
 * as its text within it, and a new text or urgency only redraws it. The look is the style
 * sheet's .es-badge: the urgency's colour, a pill of that colour behind, bold when overdue or
 * soon. */
#pragma once

#include <gtk/gtk.h>

#include "es-pipeline.h"

G_BEGIN_DECLS

#define ES_TYPE_BADGE (es_badge_get_type ())
G_DECLARE_FINAL_TYPE (EsBadge, es_badge, ES, BADGE, GtkWidget)

/* A badge that asks for min_chars characters and would like nat_chars. */
GtkWidget *es_badge_new (int min_chars, int nat_chars);

/* Shows text in the urgency's colours; nothing when text is NULL or empty. */
void es_badge_set (EsBadge *self, const char *text, EsUrgency urgency);

const char *es_badge_get_text (EsBadge *self);
EsUrgency es_badge_get_urgency (EsBadge *self);

G_END_DECLS
