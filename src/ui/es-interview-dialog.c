/* es-interview-dialog.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records a support interview: its date, the counselor who held it, its kind and the
 * written report the law asks for. Core checks it (es_interview_validate); what is wrong
 * is marked and said, and nothing typed is lost.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "es-date.h"
#include "es-interview-dialog.h"
#include "es-member-store.h"

struct _EsInterviewDialog
{
  AdwWindow parent_instance;

  EsDb *db;
  EsMember *member;
  GDate today;
  GArray *staff_ids;  /* gint64, one per item of the counselor row after "none" */
  GHashTable *errors; /* field → message, as last shown */

  /* template children */
  AdwWindowTitle *window_title;
  AdwEntryRow *date_row;
  AdwComboRow *staff_row;
  AdwComboRow *kind_row;
  GtkWidget *summary_frame;
  GtkTextView *summary_view;
  GtkLabel *errors_label;
  GtkWidget *date_icon;
};

G_DEFINE_FINAL_TYPE (EsInterviewDialog, es_interview_dialog, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mark (GtkWidget *widget, gboolean wrong)
{
  if (wrong)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
show_errors (EsInterviewDialog *self)
{
  GHashTable *errors = self->errors;
  const char *date = g_hash_table_lookup (errors, "date");
  const char *summary = g_hash_table_lookup (errors, "summary");
  g_autoptr (GString) list = g_string_new (NULL);

  mark (GTK_WIDGET (self->date_row), date != NULL);
  gtk_widget_set_visible (self->date_icon, date != NULL);
  gtk_widget_set_tooltip_text (self->date_icon, date);
  mark (self->summary_frame, summary != NULL);

  if (date != NULL)
    /* Translators: a problem under a group of fields: "field name: what is wrong". */
    g_string_append_printf (list, _ ("%s: %s"), _ ("Date"), date);
  if (summary != NULL)
    {
      if (list->len > 0)
        g_string_append_c (list, '\n');
      g_string_append (list, summary);
    }
  gtk_label_set_text (self->errors_label, list->str);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_label), list->len > 0);
}

static char *
summary_text (EsInterviewDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* What is being corrected is no longer shown as wrong. */
static void
date_changed_cb (EsInterviewDialog *self, GtkEditable *editable)
{
  if (g_hash_table_remove (self->errors, "date"))
    show_errors (self);
}

static void
summary_changed_cb (EsInterviewDialog *self, GtkTextBuffer *buffer)
{
  if (g_hash_table_remove (self->errors, "summary"))
    show_errors (self);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  es_interview_dialog_save (ES_INTERVIEW_DIALOG (widget));
}

static void
es_interview_dialog_dispose (GObject *object)
{
  EsInterviewDialog *self = ES_INTERVIEW_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ES_TYPE_INTERVIEW_DIALOG);
  g_clear_object (&self->db);
  g_clear_object (&self->member);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);

  G_OBJECT_CLASS (es_interview_dialog_parent_class)->dispose (object);
}

static void
es_interview_dialog_class_init (EsInterviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = es_interview_dialog_dispose;

  /**
   * EsInterviewDialog::saved:
   * @interview_id: the interview recorded
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/coop/essaim/Essaim/ui/es-interview-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EsInterviewDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EsInterviewDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, EsInterviewDialog, staff_row);
  gtk_widget_class_bind_template_child (widget_class, EsInterviewDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, EsInterviewDialog, summary_frame);
  gtk_widget_class_bind_template_child (widget_class, EsInterviewDialog, summary_view);
  gtk_widget_class_bind_template_child (widget_class, EsInterviewDialog, errors_label);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);

  gtk_widget_class_install_action (widget_class, "interview.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "interview.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
es_interview_dialog_init (EsInterviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->date_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->date_icon, "error");
  gtk_widget_set_visible (self->date_icon, FALSE);
  adw_entry_row_add_suffix (self->date_row, self->date_icon);
  g_signal_connect_object (gtk_text_view_get_buffer (self->summary_view), "changed",
                           G_CALLBACK (summary_changed_cb), self, G_CONNECT_SWAPPED);
}

EsInterviewDialog *
es_interview_dialog_new (GtkWindow *parent, EsDb *db, EsMember *member, const GDate *today)
{
  EsInterviewDialog *self;
  g_autoptr (GPtrArray) staff = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  GtkStringList *list;
  guint selected = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ES_IS_DB (db), NULL);
  g_return_val_if_fail (ES_IS_MEMBER (member), NULL);

  self = g_object_new (ES_TYPE_INTERVIEW_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->member = g_object_ref (member);
  self->today = today != NULL && g_date_valid (today) ? *today : es_date_today ();

  name = es_member_dup_display_name (member);
  adw_window_title_set_subtitle (self->window_title, name);
  date = es_date_format_short (&self->today);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);

  /* The member's counselor by default. */
  staff = es_staff_store_list (db, NULL);
  list = gtk_string_list_new (NULL);
  gtk_string_list_append (list, _ ("Not given"));
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      EsStaff *person = g_ptr_array_index (staff, i);

      if (!person->active)
        continue;
      gtk_string_list_append (list, person->name);
      g_array_append_val (self->staff_ids, person->id);
      if (person->id == member->counselor_id)
        selected = self->staff_ids->len;
    }
  adw_combo_row_set_model (self->staff_row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (self->staff_row, selected);
  g_object_unref (list);

  list = gtk_string_list_new (NULL);
  for (guint k = 0; k < ES_INTERVIEW_N_KINDS; k++)
    gtk_string_list_append (list, es_interview_kind_label (k));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (list));
  g_object_unref (list);

  return self;
}

gboolean
es_interview_dialog_save (EsInterviewDialog *self)
{
  g_autoptr (EsInterview) interview = es_interview_new ();
  GHashTable *errors;
  g_autoptr (GHashTable) problems = NULL;
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint staff;

  g_return_val_if_fail (ES_IS_INTERVIEW_DIALOG (self), FALSE);

  errors = self->errors;
  g_hash_table_remove_all (errors);
  interview->member_id = self->member->id;
  if (!es_date_parse_user (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &interview->date,
                           &error))
    {
      g_hash_table_insert (errors, g_strdup ("date"), g_strdup (error->message));
      g_clear_error (&error);
    }
  staff = adw_combo_row_get_selected (self->staff_row);
  if (staff > 0 && staff <= self->staff_ids->len)
    interview->staff_id = g_array_index (self->staff_ids, gint64, staff - 1);
  interview->kind = adw_combo_row_get_selected (self->kind_row);
  g_free (interview->summary);
  interview->summary = summary_text (self);

  /* What could not even be read keeps its own message. */
  problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  es_interview_validate (interview, &self->today, problems);
  g_hash_table_iter_init (&iter, problems);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (errors, key))
      {
        g_hash_table_iter_steal (&iter);
        g_hash_table_insert (errors, key, value);
      }
  if (g_hash_table_size (errors) == 0
      && es_interview_store_add (self->db, interview, &self->today, &error) != 0)
    {
      show_errors (self);
      g_signal_emit (self, signals[SAVED], 0, interview->id);
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    }
  if (error != NULL)
    g_hash_table_insert (errors, g_strdup ("summary"), g_strdup (error->message));

  show_errors (self);
  if (g_hash_table_contains (errors, "date"))
    gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->summary_view));
  return FALSE;
}
