/* es-text-cell.h — one line of text in a table's cell, laid out once per distinct text.
 *
 * What GtkInscription does (a width in characters, the text ellipsized to what the column
 * gives, a new text only redrawn), with one difference: the laid-out lines are shared by
 * every cell showing the same text at the same width in the same font. A table's stages,
 * counselors, cities and activities repeat from row to row; a keystroke that changes every
 * row then shapes each distinct text once, rather than every cell its own. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ES_TYPE_TEXT_CELL (es_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (EsTextCell, es_text_cell, ES, TEXT_CELL, GtkWidget)

/* A cell that asks for min_chars characters and would like nat_chars; tabular: figures
 * of one width (dates, amounts). */
GtkWidget *es_text_cell_new (int min_chars, int nat_chars, gboolean tabular);

void es_text_cell_set_text (EsTextCell *self, const char *text);

/* The size of one line of min_chars, and of nat_chars, characters in widget's font,
 * whatever the text: for cells that must not ask for another size when it changes. */
void es_text_measure_chars (GtkWidget *widget, GtkOrientation orientation, int min_chars,
                            int nat_chars, int *minimum, int *natural);
const char *es_text_cell_get_text (EsTextCell *self);

G_END_DECLS
