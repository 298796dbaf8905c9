/* es-tooltip.c — tooltips that cost nothing until hovered.
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "es-tooltip.h"

static GQuark
text_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("es-tooltip-text");
  return quark;
}

static gboolean
query_text_cb (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  const char *text = g_object_get_qdata (G_OBJECT (widget), text_quark ());

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
es_tooltip_set_text (GtkWidget *widget, const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  g_object_set_qdata_full (G_OBJECT (widget), text_quark (), g_strdup (text), g_free);
  if (text != NULL
      && g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, query_text_cb, NULL) == 0)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_text_cb), NULL);
  gtk_widget_set_has_tooltip (widget, text != NULL);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Only when shortened: the whole text is there to read otherwise. */
static gboolean
query_label_cb (GtkLabel *label, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  const char *text = gtk_label_get_text (label);

  if (text == NULL || text[0] == '\0' || !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
es_tooltip_follow_label (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  if (g_signal_handler_find (label, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, query_label_cb, NULL) != 0)
    return;
  gtk_widget_set_has_tooltip (GTK_WIDGET (label), TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_label_cb), NULL);
}
