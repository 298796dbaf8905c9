/* es-field-mark.c — marking a refused form field. */
#include "config.h"

#include <glib/gi18n.h>

#include "es-field-mark.h"

void
es_field_mark (GtkWidget *row, GtkWidget *error_icon, const char *message, GString **list)
{
  if (message == NULL)
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_visible (error_icon, FALSE);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      return;
    }

  gtk_widget_add_css_class (row, "error");
  gtk_widget_set_tooltip_text (error_icon, message);
  gtk_widget_set_visible (error_icon, TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  if (*message == '\0' || list == NULL)
    return;

  if (*list == NULL)
    *list = g_string_new (NULL);
  else
    g_string_append_c (*list, '\n');
  /* Translators: a problem under a group of fields: "field name: what is wrong". */
  g_string_append_printf (*list, _ ("%s: %s"),
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), message);
}
