/* es-text-cell.c — one line of text in a table's cell, laid out once per distinct text.
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "es-text-cell.h"

/* Layouts kept for all cells: past that many, the cache starts again (a table shows a few
 * hundred distinct texts). */
#define MAX_LAYOUTS 4096

struct _EsTextCell
{
  GtkWidget parent_instance;

  char *text; /* NULL: nothing shown */
  int min_chars;
  int nat_chars;
  gboolean tabular;
};

G_DEFINE_FINAL_TYPE (EsTextCell, es_text_cell, GTK_TYPE_WIDGET)

typedef struct
{
  PangoLayout *layout;
  PangoFontDescription *font;
} Shared;

static void
shared_free (gpointer data)
{
  Shared *shared = data;

  g_object_unref (shared->layout);
  pango_font_description_free (shared->font);
  g_free (shared);
}

/* text at width (Pango units) in the cell's font, laid out by the first cell that drew it.
 * Keyed by the font's hash, the width, tabular figures and the text; the font itself is
 * compared too, against a collision of hashes. */
static PangoLayout *
shared_layout (EsTextCell *self, int width)
{
  static GHashTable *layouts;
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  g_autofree char *key = g_strdup_printf ("%u:%d:%d:%s", pango_font_description_hash (font), width,
                                          self->tabular, self->text);
  Shared *shared;

  if (layouts == NULL)
    layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, shared_free);
  shared = g_hash_table_lookup (layouts, key);
  if (shared != NULL && pango_font_description_equal (shared->font, font))
    return shared->layout;

  if (g_hash_table_size (layouts) >= MAX_LAYOUTS)
    g_hash_table_remove_all (layouts);
  shared = g_new0 (Shared, 1);
  shared->font = pango_font_description_copy (font);
  {
    /* A context of its own, which GTK does not change under the layout when the cell's
     * style changes: another font, another entry. */
    PangoContext *own = gtk_widget_create_pango_context (GTK_WIDGET (self));

    shared->layout = pango_layout_new (own);
    g_object_unref (own);
    pango_layout_set_text (shared->layout, self->text, -1);
  }
  pango_layout_set_ellipsize (shared->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (shared->layout, TRUE);
  pango_layout_set_width (shared->layout, width);
  if (self->tabular)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (shared->layout, attrs);
      pango_attr_list_unref (attrs);
    }
  g_hash_table_replace (layouts, g_steal_pointer (&key), shared);
  return shared->layout;
}

void
es_text_measure_chars (GtkWidget *widget, GtkOrientation orientation, int min_chars, int nat_chars,
                       int *minimum, int *natural)
{
  PangoFontMetrics *metrics
      = pango_context_get_metrics (gtk_widget_get_pango_context (widget), NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                            pango_font_metrics_get_approximate_digit_width (metrics));

      *minimum = PANGO_PIXELS_CEIL (char_width * min_chars);
      *natural = MAX (*minimum, PANGO_PIXELS_CEIL (char_width * nat_chars));
    }
  else
    {
      int height = pango_font_metrics_get_height (metrics);

      if (height <= 0)
        height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
      *minimum = *natural = PANGO_PIXELS_CEIL (height);
    }
  pango_font_metrics_unref (metrics);
}

static void
es_text_cell_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                      int *natural, int *minimum_baseline, int *natural_baseline)
{
  EsTextCell *self = ES_TEXT_CELL (widget);

  /* Never from the text: a new one must not ask for a new layout. */
  es_text_measure_chars (widget, orientation, self->min_chars, self->nat_chars, minimum, natural);
}

static void
es_text_cell_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  EsTextCell *self = ES_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoLayout *layout;
  PangoRectangle logical;
  GdkRGBA color;
  float x, y;

  if (self->text == NULL || width <= 0)
    return;
  layout = shared_layout (self, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  x = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? width - logical.width : 0;
  y = floorf ((height - logical.height) / 2.0f) - logical.y;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
es_text_cell_finalize (GObject *object)
{
  g_free (ES_TEXT_CELL (object)->text);
  G_OBJECT_CLASS (es_text_cell_parent_class)->finalize (object);
}

static void
es_text_cell_class_init (EsTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = es_text_cell_finalize;
  widget_class->measure = es_text_cell_measure;
  widget_class->snapshot = es_text_cell_snapshot;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
es_text_cell_init (EsTextCell *self)
{
}

GtkWidget *
es_text_cell_new (int min_chars, int nat_chars, gboolean tabular)
{
  EsTextCell *self = g_object_new (ES_TYPE_TEXT_CELL, NULL);

  self->min_chars = MAX (0, min_chars);
  self->nat_chars = MAX (self->min_chars, nat_chars);
  self->tabular = tabular;
  return GTK_WIDGET (self);
}

void
es_text_cell_set_text (EsTextCell *self, const char *text)
{
  g_return_if_fail (ES_IS_TEXT_CELL (self));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
es_text_cell_get_text (EsTextCell *self)
{
  g_return_val_if_fail (ES_IS_TEXT_CELL (self), NULL);

  return self->text;
}
