/* es-badge.c — a deadline as a coloured pill, in a table's cell.
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "es-badge.h"
#include "es-text-cell.h"

/* As .es-badge in the style sheet: padding: 1px 8px; border-radius: 999px. */
#define PAD_X 8
#define PAD_Y 1

struct _EsBadge
{
  GtkWidget parent_instance;

  char *text; /* NULL: nothing shown */
  EsUrgency urgency;
  int min_chars;
  int nat_chars;

  PangoLayout *layout; /* of text, made when first drawn */
  int layout_width;    /* what it was ellipsized to, Pango units */
  guint context_serial;
};

G_DEFINE_FINAL_TYPE (EsBadge, es_badge, GTK_TYPE_WIDGET)

/* The named colour of the theme that an urgency is drawn in, and how strong its pill is:
 * as the style sheet's .es-badge-overdue, -soon, -near and -later. */
static const struct
{
  const char *color; /* NULL: the text's own colour */
  float fill_alpha;
  gboolean bold;
  float opacity;
} looks[] = {
  [ES_URGENCY_OVERDUE] = { "error_color", 0.14f, TRUE, 1.0f },
  [ES_URGENCY_SOON] = { "warning_color", 0.16f, TRUE, 1.0f },
  [ES_URGENCY_NEAR] = { "accent_color", 0.12f, FALSE, 1.0f },
  [ES_URGENCY_LATER] = { NULL, 0.08f, FALSE, 0.75f },
};

static guint
look_index (EsUrgency urgency)
{
  return (guint)urgency < G_N_ELEMENTS (looks) ? (guint)urgency : ES_URGENCY_LATER;
}

static void
es_badge_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                  int *natural, int *minimum_baseline, int *natural_baseline)
{
  EsBadge *self = ES_BADGE (widget);
  int pad = orientation == GTK_ORIENTATION_HORIZONTAL ? 2 * PAD_X : 2 * PAD_Y;

  /* Never from the text: a new one must not ask for a new layout. */
  es_text_measure_chars (widget, orientation, self->min_chars, self->nat_chars, minimum, natural);
  *minimum += pad;
  *natural += pad;
}

static PangoLayout *
ensure_layout (EsBadge *self, int width)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  if (self->layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      if (looks[look_index (self->urgency)].bold)
        pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (self->layout, attrs);
      pango_attr_list_unref (attrs);
      self->layout_width = -1;
      self->context_serial = pango_context_get_serial (context);
    }
  else if (self->context_serial != pango_context_get_serial (context))
    {
      /* Another font or direction since. */
      pango_layout_context_changed (self->layout);
      self->context_serial = pango_context_get_serial (context);
    }
  if (self->layout_width != width)
    {
      pango_layout_set_width (self->layout, width);
      self->layout_width = width;
    }
  return self->layout;
}

static void
es_badge_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  EsBadge *self = ES_BADGE (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  guint look = look_index (self->urgency);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color, fill;
  GskRoundedRect pill;
  float pill_width, pill_height, x, y;

  if (self->text == NULL || width <= 2 * PAD_X)
    return;
  pango_layout_get_pixel_extents (ensure_layout (self, (width - 2 * PAD_X) * PANGO_SCALE), NULL,
                                  &logical);

  gtk_style_context_get_color (style, &color);
  if (looks[look].color != NULL)
    {
      GdkRGBA named;

      if (gtk_style_context_lookup_color (style, looks[look].color, &named))
        color = named;
    }
  fill = color;
  fill.alpha *= looks[look].fill_alpha;

  pill_width = MIN (logical.width + 2 * PAD_X, width);
  pill_height = MIN (logical.height + 2 * PAD_Y, height);
  x = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? width - pill_width : 0;
  y = floorf ((height - pill_height) / 2);
  gsk_rounded_rect_init_from_rect (&pill, &GRAPHENE_RECT_INIT (x, y, pill_width, pill_height),
                                   pill_height / 2);

  if (looks[look].opacity < 1)
    gtk_snapshot_push_opacity (snapshot, looks[look].opacity);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &fill, &pill.bounds);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + PAD_X, y + PAD_Y - logical.y));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
  if (looks[look].opacity < 1)
    gtk_snapshot_pop (snapshot);
}

static void
es_badge_finalize (GObject *object)
{
  EsBadge *self = ES_BADGE (object);

  g_free (self->text);
  g_clear_object (&self->layout);
  G_OBJECT_CLASS (es_badge_parent_class)->finalize (object);
}

static void
es_badge_class_init (EsBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = es_badge_finalize;
  widget_class->measure = es_badge_measure;
  widget_class->snapshot = es_badge_snapshot;
  gtk_widget_class_set_css_name (widget_class, "badge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
es_badge_init (EsBadge *self)
{
  self->urgency = ES_URGENCY_LATER;
  self->min_chars = 8;
  self->nat_chars = 16;
}

GtkWidget *
es_badge_new (int min_chars, int nat_chars)
{
  EsBadge *self = g_object_new (ES_TYPE_BADGE, NULL);

  self->min_chars = MAX (0, min_chars);
  self->nat_chars = MAX (self->min_chars, nat_chars);
  return GTK_WIDGET (self);
}

void
es_badge_set (EsBadge *self, const char *text, EsUrgency urgency)
{
  g_return_if_fail (ES_IS_BADGE (self));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (text, self->text) == 0 && urgency == self->urgency)
    return;
  /* Bold or not is in the layout's attributes: another look, another layout. */
  if (looks[look_index (urgency)].bold != looks[look_index (self->urgency)].bold)
    g_clear_object (&self->layout);
  self->urgency = urgency;
  if (g_strcmp0 (text, self->text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      if (self->layout != NULL)
        pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text != NULL ? text : "", -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
es_badge_get_text (EsBadge *self)
{
  g_return_val_if_fail (ES_IS_BADGE (self), NULL);

  return self->text;
}

EsUrgency
es_badge_get_urgency (EsBadge *self)
{
  g_return_val_if_fail (ES_IS_BADGE (self), ES_URGENCY_LATER);

  return self->urgency;
}
