/* es-event-dialog.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form of one step of a member's pipeline: an information meeting, a diagnostic, a
 * CAPE and its renewals, the contract and its amendments, becoming associate, an exit,
 * and the correction or cancellation of a step already recorded. It shows the fields the
 * step needs, prefilled where the rules or the cooperative give a value (today, the
 * longest CAPE allowed, the contribution rate). Recording reads the fields, asks the
 * pipeline rules whether the history with this step still holds, and only then writes.
 * A refusal is said in words at the top, the field at fault is marked, and nothing typed
 * is lost.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "es-field-mark.h"
#include "es-cooperative-store.h"
#include "es-date.h"
#include "es-event-dialog.h"
#include "es-member-store.h"
#include "es-member-view.h"
#include "es-money.h"
#include "es-pipeline.h"

typedef enum
{
  ROW_DATE,
  ROW_ADMITTED,
  ROW_REASON,
  ROW_END_DATE,
  ROW_HOURS,
  ROW_GROSS,
  ROW_RATE,
  ROW_SHARES,
  ROW_PAID,
  ROW_EXIT_REASON,
  ROW_NOTE,
  N_ROWS
} Row;

/* The EsCareerEvent member each row fills, as es_pipeline_refused_field names it. */
static const char *const row_fields[N_ROWS] = {
  "date",
  "admitted",
  "reason",
  "end_date",
  "hours_milli",
  "fixed_gross_cents",
  "contribution_ppm",
  "shares_subscribed",
  "shares_paid_cents",
  "exit_reason",
  "note",
};

static const char *const row_ids[N_ROWS] = {
  "date_row", "admitted_row", "reason_row", "end_date_row",    "hours_row", "gross_row",
  "rate_row", "shares_row",   "paid_row",   "exit_reason_row", "note_row",
};

struct _EsEventDialog
{
  AdwWindow parent_instance;

  EsDb *db;
  EsMember *member;
  EsEventKind kind;
  EsCareerEvent *corrected; /* the event corrected or cancelled, or NULL */
  GDate today;

  /* the texts prefilled for an amendment: unchanged means "not changed" */
  char *current[N_ROWS];
  /* the planned end filled in by the dialog, while the user has not changed it */
  char *auto_end;
  gboolean filling;

  GHashTable *errors; /* field → message */
  char *problem;

  /* the exit reasons offered, after "Choose a reason": those that fit the member's stage */
  EsExitReason exit_choices[ES_EXIT_N_REASONS];
  guint n_exit_choices;

  /* template children */
  AdwWindowTitle *window_title;
  GtkButton *save_button;
  GtkWidget *problem_box;
  GtkLabel *problem_label;
  GtkLabel *intro_label;
  AdwPreferencesGroup *fields_group;
  GtkLabel *errors_label;
  GtkWidget *rows[N_ROWS];
  GtkWidget *error_icons[N_ROWS];
};

G_DEFINE_FINAL_TYPE (EsEventDialog, es_event_dialog, ADW_TYPE_WINDOW)

enum
{
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static const char *
row_text (EsEventDialog *self, Row row)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->rows[row]));
}

static void
set_row_text (EsEventDialog *self, Row row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->rows[row]), text != NULL ? text : "");
}

static char *
strip_text (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* "10 %" → "10": the row's title says it is a percentage. */
static char *
rate_text (gint64 ppm)
{
  g_autofree char *text = es_rate_format (ppm);
  char *sign = strstr (text, "%");

  if (sign != NULL)
    *sign = '\0';
  return strip_text (g_strchomp (text));
}

static void
set_error (EsEventDialog *self, Row row, const char *message)
{
  g_hash_table_replace (self->errors, g_strdup (row_fields[row]), g_strdup (message));
}

static int
row_for_field (const char *field)
{
  for (int i = 0; i < N_ROWS; i++)
    if (g_strcmp0 (row_fields[i], field) == 0)
      return i;
  return -1;
}

/* Marks the rows named in self->errors and lists their messages under the fields. */
static void
show_errors (EsEventDialog *self)
{
  g_autoptr (GString) list = NULL;

  for (int i = 0; i < N_ROWS; i++)
    {
      const char *message = g_hash_table_lookup (self->errors, row_fields[i]);

      es_field_mark (self->rows[i], self->error_icons[i], message, &list);
    }

  gtk_label_set_text (self->errors_label, list != NULL ? list->str : "");
  gtk_widget_set_visible (GTK_WIDGET (self->errors_label), list != NULL);
}

static void
show_problem (EsEventDialog *self, const char *message)
{
  g_free (self->problem);
  self->problem = g_strdup (message);
  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->problem_box, message != NULL);
}

static void
focus_first_error (EsEventDialog *self)
{
  for (int i = 0; i < N_ROWS; i++)
    if (g_hash_table_contains (self->errors, row_fields[i])
        && gtk_widget_get_visible (self->rows[i]))
      {
        gtk_widget_grab_focus (self->rows[i]);
        return;
      }
}

/* Reading the fields. Each returns FALSE after noting the problem. */

static gboolean
read_date (EsEventDialog *self, Row row, GDate *out)
{
  g_autoptr (GError) error = NULL;

  if (es_date_parse_user (row_text (self, row), out, &error))
    return TRUE;
  set_error (self, row, error->message);
  return FALSE;
}

static gboolean
read_money (EsEventDialog *self, Row row, gint64 *out)
{
  g_autoptr (GError) error = NULL;

  if (es_money_parse (row_text (self, row), out, &error))
    return TRUE;
  set_error (self, row, error->message);
  return FALSE;
}

static gboolean
read_rate (EsEventDialog *self, Row row, gint64 *out)
{
  g_autoptr (GError) error = NULL;

  if (es_rate_parse (row_text (self, row), out, &error))
    return TRUE;
  set_error (self, row, error->message);
  return FALSE;
}

static gboolean
read_hours (EsEventDialog *self, Row row, gint64 *out)
{
  g_autoptr (GError) error = NULL;

  if (es_hours_parse (row_text (self, row), out, &error))
    return TRUE;
  set_error (self, row, error->message);
  return FALSE;
}

/* For an amendment: an empty field, or one left as prefilled, does not change. */
static gboolean
unchanged (EsEventDialog *self, Row row)
{
  g_autofree char *text = strip_text (row_text (self, row));

  return *text == '\0'
         || (self->kind == ES_EVENT_AMENDMENT && self->current[row] != NULL
             && g_str_equal (text, self->current[row]));
}

/* Builds the event from the fields; NULL after noting what cannot be read. */
static EsCareerEvent *
read_event (EsEventDialog *self)
{
  g_autoptr (EsCareerEvent) event = NULL;
  g_autofree char *note = strip_text (row_text (self, ROW_NOTE));
  gboolean ok = TRUE;
  GDate date;

  g_date_clear (&date, 1);
  ok &= read_date (self, ROW_DATE, &date);
  event = es_career_event_new (self->kind, &date);
  event->member_id = self->member->id;
  event->corrects_id = self->corrected != NULL ? self->corrected->id : 0;
  if (*note != '\0')
    event->note = g_steal_pointer (&note);

  switch (self->kind)
    {
    case ES_EVENT_DIAGNOSTIC:
      event->admitted = adw_combo_row_get_selected (ADW_COMBO_ROW (self->rows[ROW_ADMITTED])) == 0;
      if (!event->admitted)
        {
          g_autofree char *reason = strip_text (row_text (self, ROW_REASON));

          if (*reason == '\0')
            {
              set_error (self, ROW_REASON, _ ("Say why the person was not admitted."));
              ok = FALSE;
            }
          event->reason = g_steal_pointer (&reason);
        }
      break;

    case ES_EVENT_CANCELLATION:
      {
        g_autofree char *reason = strip_text (row_text (self, ROW_REASON));

        if (*reason == '\0')
          {
            set_error (self, ROW_REASON, _ ("Say why this step is cancelled."));
            ok = FALSE;
          }
        event->reason = g_steal_pointer (&reason);
      }
      break;

    case ES_EVENT_CAPE_SIGNED:
    case ES_EVENT_CAPE_RENEWED:
      ok &= read_date (self, ROW_END_DATE, &event->end_date);
      break;

    case ES_EVENT_CONTRACT_SIGNED:
      ok &= read_hours (self, ROW_HOURS, &event->hours_milli);
      ok &= read_money (self, ROW_GROSS, &event->fixed_gross_cents);
      ok &= read_rate (self, ROW_RATE, &event->contribution_ppm);
      break;

    case ES_EVENT_AMENDMENT:
      if (!unchanged (self, ROW_HOURS))
        ok &= read_hours (self, ROW_HOURS, &event->hours_milli);
      if (!unchanged (self, ROW_GROSS))
        ok &= read_money (self, ROW_GROSS, &event->fixed_gross_cents);
      if (!unchanged (self, ROW_RATE))
        ok &= read_rate (self, ROW_RATE, &event->contribution_ppm);
      break;

    case ES_EVENT_ASSOCIATE:
      {
        g_autofree char *shares = strip_text (row_text (self, ROW_SHARES));

        if (!g_ascii_string_to_signed (shares, 10, 0, G_MAXINT32, &event->shares_subscribed, NULL))
          {
            set_error (self, ROW_SHARES, _ ("Enter a whole number of shares, such as 4."));
            ok = FALSE;
          }
        ok &= read_money (self, ROW_PAID, &event->shares_paid_cents);
      }
      break;

    case ES_EVENT_EXIT:
      {
        guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->rows[ROW_EXIT_REASON]));

        /* The first item asks to choose. */
        if (selected == 0 || selected == GTK_INVALID_LIST_POSITION
            || selected > self->n_exit_choices)
          {
            set_error (self, ROW_EXIT_REASON, _ ("Choose why the member leaves."));
            ok = FALSE;
          }
        else
          event->exit_reason = self->exit_choices[selected - 1];
      }
      break;

    case ES_EVENT_INFO_MEETING:
    case ES_EVENT_CAPE_ENDED:
    case ES_EVENT_N_KINDS:
    default:
      break;
    }

  return ok ? g_steal_pointer (&event) : NULL;
}

/* Filling the form */

static gboolean
kind_shows (EsEventKind kind, Row row)
{
  switch (row)
    {
    case ROW_DATE:
    case ROW_NOTE:
      return TRUE;
    case ROW_ADMITTED:
      return kind == ES_EVENT_DIAGNOSTIC;
    case ROW_REASON:
      return kind == ES_EVENT_DIAGNOSTIC || kind == ES_EVENT_CANCELLATION;
    case ROW_END_DATE:
      return kind == ES_EVENT_CAPE_SIGNED || kind == ES_EVENT_CAPE_RENEWED;
    case ROW_HOURS:
    case ROW_GROSS:
    case ROW_RATE:
      return kind == ES_EVENT_CONTRACT_SIGNED || kind == ES_EVENT_AMENDMENT;
    case ROW_SHARES:
    case ROW_PAID:
      return kind == ES_EVENT_ASSOCIATE;
    case ROW_EXIT_REASON:
      return kind == ES_EVENT_EXIT;
    case N_ROWS:
    default:
      return FALSE;
    }
}

static void
update_reason_row (EsEventDialog *self)
{
  gboolean show
      = self->kind == ES_EVENT_CANCELLATION
        || (self->kind == ES_EVENT_DIAGNOSTIC
            && adw_combo_row_get_selected (ADW_COMBO_ROW (self->rows[ROW_ADMITTED])) == 1);

  gtk_widget_set_visible (self->rows[ROW_REASON], show);
}

static void
set_auto_end (EsEventDialog *self, const GDate *end)
{
  g_free (self->auto_end);
  self->auto_end = es_date_format_short (end);
  self->filling = TRUE;
  set_row_text (self, ROW_END_DATE, self->auto_end);
  self->filling = FALSE;
}

/* A new CAPE's planned end follows its start, as long as nobody typed another one. */
static void
update_auto_end (EsEventDialog *self)
{
  GDate start, end;

  if (self->kind != ES_EVENT_CAPE_SIGNED || self->auto_end == NULL
      || g_strcmp0 (row_text (self, ROW_END_DATE), self->auto_end) != 0)
    return;
  if (!es_date_parse_user (row_text (self, ROW_DATE), &start, NULL))
    return;
  end = es_pipeline_cape_max_end (&start);
  set_auto_end (self, &end);
}

static void
fill_from_event (EsEventDialog *self, const EsCareerEvent *event)
{
  if (event->kind == ES_EVENT_DIAGNOSTIC)
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->rows[ROW_ADMITTED]),
                                  event->admitted ? 0 : 1);
      set_row_text (self, ROW_REASON, event->reason);
    }
  if (g_date_valid (&event->end_date))
    {
      g_autofree char *end = es_date_format_short (&event->end_date);
      set_row_text (self, ROW_END_DATE, end);
    }
  if (event->hours_milli >= 0)
    {
      g_autofree char *hours = es_hours_format (event->hours_milli);
      set_row_text (self, ROW_HOURS, hours);
    }
  if (event->fixed_gross_cents >= 0)
    {
      g_autofree char *gross = es_money_format_plain (event->fixed_gross_cents);
      set_row_text (self, ROW_GROSS, gross);
    }
  if (event->contribution_ppm >= 0)
    {
      g_autofree char *rate = rate_text (event->contribution_ppm);
      set_row_text (self, ROW_RATE, rate);
    }
  if (event->kind == ES_EVENT_ASSOCIATE)
    {
      g_autofree char *shares = g_strdup_printf ("%" G_GINT64_FORMAT, event->shares_subscribed);
      g_autofree char *paid = es_money_format_plain (event->shares_paid_cents);

      set_row_text (self, ROW_SHARES, shares);
      set_row_text (self, ROW_PAID, paid);
    }
  if (event->kind == ES_EVENT_EXIT)
    for (guint i = 0; i < self->n_exit_choices; i++)
      if (self->exit_choices[i] == event->exit_reason)
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->rows[ROW_EXIT_REASON]), i + 1);
  set_row_text (self, ROW_NOTE, event->note);
}

static gint64
default_contribution (EsEventDialog *self)
{
  g_autoptr (EsCooperative) coop = NULL;

  if (self->member->contribution_ppm >= 0)
    return self->member->contribution_ppm;
  coop = es_cooperative_store_load (self->db, NULL);
  return coop != NULL ? coop->default_contribution_ppm : -1;
}

static void
fill_defaults (EsEventDialog *self)
{
  const EsPipelineState *state = &self->member->state;
  GDate date = self->today;

  /* A CAPE ends on its last day, no later than planned. */
  if (self->kind == ES_EVENT_CAPE_ENDED && g_date_valid (&state->cape_end)
      && es_date_compare (&state->cape_end, &date) < 0)
    date = state->cape_end;
  {
    g_autofree char *text = es_date_format_short (&date);
    set_row_text (self, ROW_DATE, text);
  }

  switch (self->kind)
    {
    case ES_EVENT_CAPE_SIGNED:
      {
        GDate end = es_pipeline_cape_max_end (&date);
        set_auto_end (self, &end);
      }
      break;

    case ES_EVENT_CAPE_RENEWED:
      if (g_date_valid (&state->cape_end))
        {
          GDate from = es_date_add_days (&state->cape_end, 1);
          GDate end = es_pipeline_cape_max_end (&from);
          set_auto_end (self, &end);
        }
      break;

    case ES_EVENT_CONTRACT_SIGNED:
      {
        gint64 rate = default_contribution (self);

        if (rate >= 0)
          {
            g_autofree char *text = rate_text (rate);
            set_row_text (self, ROW_RATE, text);
          }
      }
      break;

    case ES_EVENT_AMENDMENT:
      if (state->hours_milli > 0)
        self->current[ROW_HOURS] = es_hours_format (state->hours_milli);
      if (state->fixed_gross_cents >= 0)
        self->current[ROW_GROSS] = es_money_format_plain (state->fixed_gross_cents);
      if (state->contribution_ppm > 0)
        self->current[ROW_RATE] = rate_text (state->contribution_ppm);
      set_row_text (self, ROW_HOURS, self->current[ROW_HOURS]);
      set_row_text (self, ROW_GROSS, self->current[ROW_GROSS]);
      set_row_text (self, ROW_RATE, self->current[ROW_RATE]);
      break;

    case ES_EVENT_INFO_MEETING:
    case ES_EVENT_DIAGNOSTIC:
    case ES_EVENT_CAPE_ENDED:
    case ES_EVENT_ASSOCIATE:
    case ES_EVENT_EXIT:
    case ES_EVENT_CANCELLATION:
    case ES_EVENT_N_KINDS:
    default:
      break;
    }
}

static char *
intro_text (EsEventDialog *self)
{
  if (self->corrected != NULL)
    {
      g_autofree char *what = es_career_event_describe (self->corrected);
      g_autofree char *when = es_date_format_short (&self->corrected->date);

      if (self->kind == ES_EVENT_CANCELLATION)
        /* Translators: "%s" describes the step, the second "%s" is its date. */
        return g_strdup_printf (_ ("This cancels “%s” of %s. Both stay in the member’s history."),
                                what, when);
      /* Translators: "%s" describes the step, the second "%s" is its date. */
      return g_strdup_printf (_ ("This replaces “%s” of %s. Both stay in the member’s history."),
                              what, when);
    }

  switch (self->kind)
    {
    case ES_EVENT_CAPE_SIGNED:
      return g_strdup (_ ("A CAPE lasts at most 12 months and can be renewed twice, 36 months in "
                          "all. The person keeps their status and benefits meanwhile."));
    case ES_EVENT_CAPE_RENEWED:
      return g_strdup (_ ("A renewal adds at most 12 months after the current planned end."));
    case ES_EVENT_CONTRACT_SIGNED:
      return g_strdup (_ ("The trial period lasts 8 months minus the time spent in CAPE. The "
                          "member must become associate within 3 years minus that time."));
    case ES_EVENT_AMENDMENT:
      return g_strdup (_ ("Change only what the amendment changes: the other terms stay as they "
                          "are."));
    case ES_EVENT_ASSOCIATE:
      return g_strdup (_ ("The member subscribes shares of the cooperative and gets one vote."));
    case ES_EVENT_INFO_MEETING:
    case ES_EVENT_DIAGNOSTIC:
    case ES_EVENT_CAPE_ENDED:
    case ES_EVENT_EXIT:
    case ES_EVENT_CANCELLATION:
    case ES_EVENT_N_KINDS:
    default:
      return NULL;
    }
}

static void
setup (EsEventDialog *self)
{
  g_autofree char *name = es_member_dup_display_name (self->member);
  g_autofree char *intro = intro_text (self);
  g_autofree char *title = NULL;
  GtkStringList *reasons = gtk_string_list_new (NULL);
  GtkStringList *outcomes = gtk_string_list_new (NULL);

  if (self->kind == ES_EVENT_CANCELLATION)
    title = g_strdup (_ ("Cancel a Step"));
  else if (self->corrected != NULL)
    /* Translators: title of the form that corrects a step: "Corriger : Contrat signé". */
    title = g_strdup_printf (_ ("Correct: %s"), es_event_kind_label (self->kind));
  else
    title = g_strdup (es_event_kind_label (self->kind));
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  gtk_string_list_append (outcomes, _ ("Admitted"));
  gtk_string_list_append (outcomes, _ ("Not admitted"));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->rows[ROW_ADMITTED]), G_LIST_MODEL (outcomes));
  g_object_unref (outcomes);

  /* A correction may change the stage the exit left from: every reason, the rules say. */
  gtk_string_list_append (reasons, _ ("Choose a reason"));
  self->n_exit_choices = 0;
  for (guint i = 0; i < ES_EXIT_N_REASONS; i++)
    if (self->corrected != NULL || es_pipeline_exit_reason_fits (&self->member->state, i))
      {
        self->exit_choices[self->n_exit_choices++] = i;
        gtk_string_list_append (reasons, es_exit_reason_label (i));
      }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->rows[ROW_EXIT_REASON]), G_LIST_MODEL (reasons));
  g_object_unref (reasons);

  for (int i = 0; i < N_ROWS; i++)
    gtk_widget_set_visible (self->rows[i], kind_shows (self->kind, i));

  gtk_label_set_text (self->intro_label, intro != NULL ? intro : "");
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label), intro != NULL);

  self->filling = TRUE;
  fill_defaults (self);
  if (self->corrected != NULL && self->kind != ES_EVENT_CANCELLATION)
    {
      g_autofree char *date = es_date_format_short (&self->corrected->date);

      fill_from_event (self, self->corrected);
      set_row_text (self, ROW_DATE, date);
      g_clear_pointer (&self->auto_end, g_free);
    }
  self->filling = FALSE;
  update_reason_row (self);
}

/* Callbacks */

static void
row_changed_cb (EsEventDialog *self, GtkEditable *editable)
{
  if (self->filling)
    return;

  for (int i = 0; i < N_ROWS; i++)
    if (self->rows[i] == GTK_WIDGET (editable))
      {
        if (g_hash_table_remove (self->errors, row_fields[i]))
          show_errors (self);
        if (i == ROW_DATE)
          update_auto_end (self);
        break;
      }
}

static void
combo_changed_cb (EsEventDialog *self, GParamSpec *pspec, AdwComboRow *row)
{
  if (self->rows[ROW_ADMITTED] == NULL)
    return;
  update_reason_row (self);
  for (int i = 0; i < N_ROWS; i++)
    if (self->rows[i] == GTK_WIDGET (row) && g_hash_table_remove (self->errors, row_fields[i]))
      show_errors (self);
}

static void
row_activated_cb (EsEventDialog *self, AdwEntryRow *row)
{
  es_event_dialog_save (self);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  es_event_dialog_save (ES_EVENT_DIALOG (widget));
}

static void
es_event_dialog_dispose (GObject *object)
{
  EsEventDialog *self = ES_EVENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ES_TYPE_EVENT_DIALOG);
  g_clear_object (&self->db);
  g_clear_object (&self->member);

  G_OBJECT_CLASS (es_event_dialog_parent_class)->dispose (object);
}

static void
es_event_dialog_finalize (GObject *object)
{
  EsEventDialog *self = ES_EVENT_DIALOG (object);

  g_clear_pointer (&self->corrected, es_career_event_free);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_free (self->problem);
  g_free (self->auto_end);
  for (int i = 0; i < N_ROWS; i++)
    g_free (self->current[i]);

  G_OBJECT_CLASS (es_event_dialog_parent_class)->finalize (object);
}

static void
es_event_dialog_class_init (EsEventDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = es_event_dialog_dispose;
  object_class->finalize = es_event_dialog_finalize;

  /**
   * EsEventDialog::recorded:
   * @event_id: the id of the new career event
   * @description: the step in words, for a toast
   */
  signals[RECORDED] = g_signal_new ("recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/coop/essaim/Essaim/ui/es-event-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, EsEventDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, EsEventDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, EsEventDialog, problem_box);
  gtk_widget_class_bind_template_child (widget_class, EsEventDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, EsEventDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, EsEventDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, EsEventDialog, errors_label);
  for (int i = 0; i < N_ROWS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, row_ids[i], FALSE,
                                               G_STRUCT_OFFSET (EsEventDialog, rows)
                                                   + i * sizeof (gpointer));
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, combo_changed_cb);

  gtk_widget_class_install_action (widget_class, "event.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "event.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
es_event_dialog_init (EsEventDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_date_clear (&self->today, 1);

  for (int i = 0; i < N_ROWS; i++)
    {
      self->error_icons[i] = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_set_visible (self->error_icons[i], FALSE);
      gtk_widget_add_css_class (self->error_icons[i], "error");
      if (ADW_IS_ENTRY_ROW (self->rows[i]))
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->rows[i]), self->error_icons[i]);
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (self->rows[i]), self->error_icons[i]);
    }
}

static EsEventDialog *
dialog_new (GtkWindow *parent, EsDb *db, EsMember *member, EsEventKind kind,
            const EsCareerEvent *corrected, const GDate *today)
{
  EsEventDialog *self;

  self = g_object_new (ES_TYPE_EVENT_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->member = g_object_ref (member);
  self->kind = kind;
  self->corrected = corrected != NULL ? es_career_event_copy (corrected) : NULL;
  self->today = today != NULL && g_date_valid (today) ? *today : es_date_today ();
  setup (self);
  return self;
}

EsEventDialog *
es_event_dialog_new (GtkWindow *parent, EsDb *db, EsMember *member, EsEventKind kind,
                     const GDate *today)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ES_IS_DB (db), NULL);
  g_return_val_if_fail (ES_IS_MEMBER (member), NULL);
  g_return_val_if_fail ((guint)kind < ES_EVENT_N_KINDS && kind != ES_EVENT_CANCELLATION, NULL);

  return dialog_new (parent, db, member, kind, NULL, today);
}

EsEventDialog *
es_event_dialog_new_correction (GtkWindow *parent, EsDb *db, EsMember *member,
                                const EsCareerEvent *event, gboolean cancel, const GDate *today)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ES_IS_DB (db), NULL);
  g_return_val_if_fail (ES_IS_MEMBER (member), NULL);
  g_return_val_if_fail (event != NULL && event->id > 0, NULL);

  return dialog_new (parent, db, member, cancel ? ES_EVENT_CANCELLATION : event->kind, event,
                     today);
}

EsEventKind
es_event_dialog_get_kind (EsEventDialog *self)
{
  g_return_val_if_fail (ES_IS_EVENT_DIALOG (self), ES_EVENT_N_KINDS);

  return self->kind;
}

const char *
es_event_dialog_get_problem (EsEventDialog *self)
{
  g_return_val_if_fail (ES_IS_EVENT_DIALOG (self), NULL);

  return self->problem;
}

/* A step the rules refused: the field at fault marked (none when the step itself is),
 * the reason said above the fields. */
static gboolean
refuse_step (EsEventDialog *self, const char *field, const GError *error)
{
  int row = row_for_field (field);

  if (row >= 0)
    g_hash_table_replace (self->errors, g_strdup (row_fields[row]), g_strdup (""));
  show_errors (self);
  if (row >= 0)
    gtk_widget_set_tooltip_text (self->error_icons[row], error->message);
  show_problem (self, error->message);
  focus_first_error (self);
  return FALSE;
}

gboolean
es_event_dialog_save (EsEventDialog *self)
{
  g_autoptr (EsCareerEvent) event = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;
  gint64 id;

  g_return_val_if_fail (ES_IS_EVENT_DIALOG (self), FALSE);

  g_hash_table_remove_all (self->errors);
  show_problem (self, NULL);

  event = read_event (self);
  if (event == NULL)
    {
      show_errors (self);
      focus_first_error (self);
      return FALSE;
    }

  /* The rules first, to mark the field at fault; the store checks again when writing. */
  if (!es_pipeline_check_event_after_birth (&self->member->birth_date, event, &error))
    return refuse_step (self, "date", error);
  events = es_member_store_events (self->db, self->member->id, &error);
  if (events != NULL && !es_pipeline_check_event (events, event, &self->today, &error))
    return refuse_step (self, es_pipeline_refused_field (events, event, &self->today, error),
                        error);
  if (events == NULL)
    {
      show_problem (self, error->message);
      return FALSE;
    }

  id = es_member_store_add_event (self->db, event, &self->today, &error);
  if (id == 0)
    {
      show_errors (self);
      show_problem (self, error->message);
      return FALSE;
    }

  description = es_career_event_describe (event);
  g_signal_emit (self, signals[RECORDED], 0, id, description);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
