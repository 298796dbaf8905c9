/* es-member-page.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One member: who they are, their activity, the steps their pipeline allows next, their
 * deadlines, their career as recorded (corrected and cancelled steps struck through, the
 * step that replaces them below) and their support interviews. The page reads the member
 * from the database and reads again when EsDb::changed names a table it shows. The NIR is
 * masked unless the show-nir setting is on or the user asks to see it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "es-application.h"
#include "es-date.h"
#include "es-event-dialog.h"
#include "es-interview-dialog.h"
#include "es-member-form.h"
#include "es-member-list.h"
#include "es-member-page.h"
#include "es-member-store.h"
#include "es-member-view.h"
#include "es-money.h"
#include "es-validate.h"

typedef enum
{
  GROUP_IDENTITY,
  GROUP_CONTACT,
  GROUP_ACTIVITY,
  GROUP_SITUATION,
  N_GROUPS
} Group;

/* The member's details, in the order shown; titles from es_member_field_label (). */
static const struct
{
  const char *field;
  Group group;
} info_fields[] = {
  { "civility", GROUP_IDENTITY },      { "first_name", GROUP_IDENTITY },
  { "last_name", GROUP_IDENTITY },     { "birth_date", GROUP_IDENTITY },
  { "birth_place", GROUP_IDENTITY },   { "nationality", GROUP_IDENTITY },
  { "nir", GROUP_IDENTITY },           { "street", GROUP_CONTACT },
  { "postal_code", GROUP_CONTACT },    { "city", GROUP_CONTACT },
  { "phone", GROUP_CONTACT },          { "email", GROUP_CONTACT },
  { "trade_name", GROUP_ACTIVITY },    { "activity", GROUP_ACTIVITY },
  { "naf_code", GROUP_ACTIVITY },      { "counselor_id", GROUP_ACTIVITY },
  { "entry_status", GROUP_SITUATION }, { "permit_end", GROUP_SITUATION },
  { "benefits_end", GROUP_SITUATION }, { "contribution_ppm", GROUP_SITUATION },
};

#define N_INFO G_N_ELEMENTS (info_fields)

struct _EsMemberPage
{
  AdwBin parent_instance;

  EsDb *db;
  gulong changed_id;
  guint reload_id;
  gint64 member_id;
  EsMember *member;
  GPtrArray *events;     /* EsCareerEvent *, as recorded */
  GPtrArray *interviews; /* EsInterview *, newest first */
  gboolean nir_revealed;

  AdwActionRow *info_rows[N_INFO];
  GtkToggleButton *nir_button;
  GPtrArray *dynamic_rows; /* rows of the deadline, career and interview groups */
  guint layout_id;

  /* template children */
  GtkLabel *toolbar_title;
  GtkStack *stack;
  GtkScrolledWindow *scroller;
  AdwStatusPage *missing_page;
  GtkLabel *name_label;
  GtkLabel *activity_label;
  GtkLabel *stage_label;
  GtkLabel *since_label;
  GtkWidget *steps_box;
  GtkWidget *forward_button;
  GtkLabel *forward_label;
  GtkMenuButton *steps_button;
  GtkBox *sections_box;
  AdwPreferencesGroup *deadlines_group;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *interviews_group;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *contact_group;
  AdwPreferencesGroup *activity_group;
  AdwPreferencesGroup *situation_group;
};

G_DEFINE_FINAL_TYPE (EsMemberPage, es_member_page, ADW_TYPE_BIN)

static const char *const urgency_classes[] = {
  [ES_URGENCY_OVERDUE] = "es-badge-overdue",
  [ES_URGENCY_SOON] = "es-badge-soon",
  [ES_URGENCY_NEAR] = "es-badge-near",
  [ES_URGENCY_LATER] = "es-badge-later",
};

/* Helpers */

static const GDate *
today (EsMemberPage *self)
{
  static GDate fallback;

  if (self->db != NULL)
    return es_member_list_get_today (es_member_list_get_for_db (self->db));
  fallback = es_date_today ();
  return &fallback;
}

static void
show_toast (EsMemberPage *self, const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

static GtkWindow *
parent_window (EsMemberPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static gboolean
settings_show_nir (EsMemberPage *self)
{
  GtkWindow *window = parent_window (self);
  GtkApplication *app = window != NULL ? gtk_window_get_application (window) : NULL;
  GSettings *settings
      = ES_IS_APPLICATION (app) ? es_application_get_settings (ES_APPLICATION (app)) : NULL;

  return settings != NULL && g_settings_get_boolean (settings, "show-nir");
}

static AdwPreferencesGroup *
group_widget (EsMemberPage *self, Group group)
{
  switch (group)
    {
    case GROUP_IDENTITY:
      return self->identity_group;
    case GROUP_CONTACT:
      return self->contact_group;
    case GROUP_ACTIVITY:
      return self->activity_group;
    case GROUP_SITUATION:
    case N_GROUPS:
    default:
      return self->situation_group;
    }
}

static char *
date_text (const GDate *date)
{
  return g_date_valid (date) ? es_date_format_short (date) : g_strdup ("");
}

/* The value of a detail as shown; "" when not given. */
static char *
info_value (EsMemberPage *self, const char *field)
{
  EsMember *m = self->member;

  if (g_str_equal (field, "civility"))
    return g_strdup (es_civility_label (m->civility));
  if (g_str_equal (field, "first_name"))
    return g_strdup (m->first_name);
  if (g_str_equal (field, "last_name"))
    return g_strdup (m->last_name);
  if (g_str_equal (field, "birth_date"))
    return date_text (&m->birth_date);
  if (g_str_equal (field, "birth_place"))
    return g_strdup (m->birth_place);
  if (g_str_equal (field, "nationality"))
    return g_strdup (m->nationality);
  if (g_str_equal (field, "nir"))
    {
      if (m->nir == NULL || m->nir[0] == '\0')
        return g_strdup ("");
      return self->nir_revealed ? es_nir_format (m->nir) : es_nir_mask (m->nir);
    }
  if (g_str_equal (field, "street"))
    return g_strdup (m->street);
  if (g_str_equal (field, "postal_code"))
    return g_strdup (m->postal_code);
  if (g_str_equal (field, "city"))
    return g_strdup (m->city);
  if (g_str_equal (field, "phone"))
    return m->phone != NULL && m->phone[0] != '\0' ? es_phone_format (m->phone) : g_strdup ("");
  if (g_str_equal (field, "email"))
    return g_strdup (m->email);
  if (g_str_equal (field, "trade_name"))
    return g_strdup (m->trade_name);
  if (g_str_equal (field, "activity"))
    return g_strdup (m->activity);
  if (g_str_equal (field, "naf_code"))
    {
      const char *sector;

      if (m->naf_code == NULL || m->naf_code[0] == '\0')
        return g_strdup ("");
      sector = es_naf_section_label (es_naf_section (m->naf_code));
      return g_strdup_printf ("%s · %s", m->naf_code, sector != NULL ? sector : "");
    }
  if (g_str_equal (field, "counselor_id"))
    return g_strdup (m->counselor_name);
  if (g_str_equal (field, "entry_status"))
    return g_strdup (es_entry_status_label (m->entry_status));
  if (g_str_equal (field, "permit_end"))
    return date_text (&m->permit_end);
  if (g_str_equal (field, "benefits_end"))
    return date_text (&m->benefits_end);
  if (g_str_equal (field, "contribution_ppm"))
    {
      if (m->contribution_ppm < 0)
        return g_strdup (_ ("The cooperative’s rate"));
      return es_rate_format (m->contribution_ppm);
    }
  return g_strdup ("");
}

static void
fill_info (EsMemberPage *self)
{
  gboolean setting = settings_show_nir (self);

  self->nir_revealed = setting || gtk_toggle_button_get_active (self->nir_button);
  /* As contact cards show them: the value, and what it is below it. */
  for (guint i = 0; i < N_INFO; i++)
    {
      g_autofree char *value = info_value (self, info_fields[i].field);
      GtkWidget *row = GTK_WIDGET (self->info_rows[i]);
      gboolean empty = value == NULL || value[0] == '\0';

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), empty ? "—" : value);
      if (empty)
        gtk_widget_add_css_class (row, "es-detail-empty");
      else
        gtk_widget_remove_css_class (row, "es-detail-empty");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->nir_button),
                          self->member->nir != NULL && self->member->nir[0] != '\0' && !setting);
}

static void
clear_dynamic (EsMemberPage *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static GtkWidget *
add_row (EsMemberPage *self, AdwPreferencesGroup *group, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, row);
  return row;
}

static void
add_placeholder (EsMemberPage *self, AdwPreferencesGroup *group, const char *text)
{
  GtkWidget *row = add_row (self, group, text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
}

/* Deadlines */

static void
fill_deadlines (EsMemberPage *self)
{
  g_autoptr (GArray) deadlines = g_array_new (FALSE, FALSE, sizeof (EsDeadline));
  g_autoptr (GArray) dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  EsDeadlineFacts facts = { 0 };

  for (guint i = 0; i < self->interviews->len; i++)
    {
      EsInterview *interview = g_ptr_array_index (self->interviews, i);

      if (g_date_valid (&interview->date))
        g_array_append_val (dates, interview->date);
    }
  facts.member_id = self->member->id;
  facts.permit_end = self->member->permit_end;
  facts.benefits_end = self->member->benefits_end;
  facts.interviews = (const GDate *)(gpointer)dates->data;
  facts.n_interviews = dates->len;
  es_pipeline_deadlines (&self->member->state, &facts, today (self), deadlines);
  es_deadlines_sort (deadlines);

  for (guint i = 0; i < deadlines->len; i++)
    {
      const EsDeadline *deadline = &g_array_index (deadlines, EsDeadline, i);
      g_autofree char *date = es_date_format_long (&deadline->date);
      g_autofree char *delay = es_deadline_describe_delay (deadline);
      GtkWidget *row
          = add_row (self, self->deadlines_group, es_deadline_kind_label (deadline->kind), date);
      GtkWidget *badge = gtk_label_new (delay);

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "es-badge");
      gtk_widget_add_css_class (badge, "caption");
      if ((guint)deadline->urgency < G_N_ELEMENTS (urgency_classes))
        gtk_widget_add_css_class (badge, urgency_classes[deadline->urgency]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  if (deadlines->len == 0)
    add_placeholder (self, self->deadlines_group, _ ("No deadline to watch"));
}

/* Career */

typedef struct
{
  EsCareerEvent *event;
  gint64 root;
  GDate sort_date; /* the date of the version that counts */
} TimelineEntry;

static int
entry_cmp (gconstpointer a, gconstpointer b)
{
  const TimelineEntry *ea = a, *eb = b;
  int c;

  if (ea->root != eb->root)
    {
      c = es_date_compare (&ea->sort_date, &eb->sort_date);
      if (c != 0)
        return c;
      return ea->root < eb->root ? -1 : 1;
    }
  /* Within a step: the original first, then corrections as recorded. */
  return ea->event->id < eb->event->id ? -1 : ea->event->id > eb->event->id;
}

static GtkWidget *
event_menu_button (const EsCareerEvent *event)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenuItem) correct = g_menu_item_new (_ ("_Correct…"), NULL);
  g_autoptr (GMenuItem) cancel = g_menu_item_new (_ ("C_ancel This Step…"), NULL);
  GtkWidget *button = gtk_menu_button_new ();

  g_menu_item_set_action_and_target (correct, "member.correct-event", "x", event->id);
  g_menu_item_set_action_and_target (cancel, "member.cancel-event", "x", event->id);
  g_menu_append_item (menu, correct);
  g_menu_append_item (menu, cancel);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _ ("Correct or Cancel"));
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
fill_timeline (EsMemberPage *self)
{
  g_autoptr (GPtrArray) effective = es_pipeline_effective (self->events);
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) root_dates
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (TimelineEntry));

  for (guint i = 0; i < effective->len; i++)
    g_hash_table_add (counts, g_ptr_array_index (effective, i));

  /* Each step sorts by the date of its version that counts (or its own, once cancelled). */
  for (guint i = 0; i < self->events->len; i++)
    {
      EsCareerEvent *event = g_ptr_array_index (self->events, i);
      TimelineEntry entry = { event, es_career_event_root_id (self->events, event) };
      GDate *date = g_hash_table_lookup (root_dates, &entry.root);

      if (event->id == entry.root && date == NULL)
        {
          gint64 *key = g_memdup2 (&entry.root, sizeof entry.root);
          g_hash_table_insert (root_dates, key, g_memdup2 (&event->date, sizeof (GDate)));
        }
      else if (g_hash_table_contains (counts, event))
        {
          gint64 *key = g_memdup2 (&entry.root, sizeof entry.root);
          g_hash_table_replace (root_dates, key, g_memdup2 (&event->date, sizeof (GDate)));
        }
      g_array_append_val (entries, entry);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      TimelineEntry *entry = &g_array_index (entries, TimelineEntry, i);
      GDate *date = g_hash_table_lookup (root_dates, &entry->root);

      entry->sort_date = date != NULL ? *date : entry->event->date;
    }
  g_array_sort (entries, entry_cmp);

  for (guint i = 0; i < entries->len; i++)
    {
      TimelineEntry *entry = &g_array_index (entries, TimelineEntry, i);
      EsCareerEvent *event = entry->event;
      gboolean counts_now = g_hash_table_contains (counts, event);
      gboolean struck = !counts_now && event->kind != ES_EVENT_CANCELLATION;
      g_autofree char *what = es_career_event_describe (event);
      g_autofree char *date = es_date_format_short (&event->date);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *recorded = NULL;
      GtkWidget *row;

      if (event->created_at != NULL && strlen (event->created_at) >= 10)
        {
          g_autofree char *iso = g_strndup (event->created_at, 10);
          GDate day;

          if (es_date_parse_iso (iso, &day))
            recorded = es_date_format_short (&day);
        }
      if (event->author != NULL && event->author[0] != '\0' && recorded != NULL)
        /* Translators: under a step of the career: "saisie par jdupont le 24/11/2026". */
        subtitle = g_strdup_printf (_ ("%s · recorded by %s on %s"), date, event->author, recorded);
      else
        subtitle = g_strdup (date);

      if (struck)
        {
          g_autofree char *escaped = g_markup_escape_text (what, -1);
          title = g_strdup_printf ("<s>%s</s>", escaped);
        }
      else
        title = g_markup_escape_text (what, -1);

      row = add_row (self, self->timeline_group, title, subtitle);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      if (event->id != entry->root)
        gtk_widget_add_css_class (row, "es-timeline-correction");
      if (struck)
        gtk_widget_add_css_class (row, "es-timeline-struck");
      if (counts_now)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), event_menu_button (event));
    }
  if (entries->len == 0)
    add_placeholder (self, self->timeline_group, _ ("No step recorded yet"));
}

/* Interviews */

static void
fill_interviews (EsMemberPage *self)
{
  for (guint i = 0; i < self->interviews->len; i++)
    {
      EsInterview *interview = g_ptr_array_index (self->interviews, i);
      g_autofree char *date = es_date_format_short (&interview->date);
      g_autofree char *title = NULL;

      if (interview->staff_name != NULL && interview->staff_name[0] != '\0')
        title = g_strdup_printf ("%s · %s · %s", date, es_interview_kind_label (interview->kind),
                                 interview->staff_name);
      else
        title = g_strdup_printf ("%s · %s", date, es_interview_kind_label (interview->kind));
      add_row (self, self->interviews_group, title, interview->summary);
    }
  if (self->interviews->len == 0)
    add_placeholder (self, self->interviews_group, _ ("No interview recorded yet"));
}

/* Steps: the natural next one as a button, the others in a menu. */

static void
fill_steps (EsMemberPage *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  EsEventKind kinds[ES_EVENT_N_KINDS];
  EsEventKind forward;
  gboolean has_forward = es_pipeline_forward_kind (&self->member->state, &forward);
  guint n = es_pipeline_next_kinds (&self->member->state, kinds);

  if (has_forward)
    {
      g_autofree char *label
          = g_strdup_printf (_ ("Next Step: %s…"), es_event_kind_action (forward));

      gtk_label_set_text (self->forward_label, label);
      gtk_widget_set_tooltip_text (self->forward_button, label);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->forward_button), "s",
                                        es_event_kind_to_code (forward));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->forward_button), "member.add-event");
    }
  gtk_widget_set_visible (self->forward_button, has_forward);

  for (guint i = 0; i < n; i++)
    if (!has_forward || kinds[i] != forward)
      {
        g_autofree char *label = g_strdup_printf (_ ("%s…"), es_event_kind_action (kinds[i]));
        g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

        g_menu_item_set_action_and_target (item, "member.add-event", "s",
                                           es_event_kind_to_code (kinds[i]));
        g_menu_append_item (menu, item);
      }
  gtk_menu_button_set_menu_model (self->steps_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->steps_button),
                          g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
  gtk_widget_set_visible (self->steps_box, n > 0);
}

static void
fill (EsMemberPage *self)
{
  g_autofree char *name = es_member_dup_display_name (self->member);
  g_autofree char *activity = NULL;
  g_autofree char *since = es_member_describe_time_in_stage (self->member, today (self));
  g_autofree char *since_tooltip = NULL;
  const char *trade = self->member->trade_name, *what = self->member->activity;

  clear_dynamic (self);

  gtk_label_set_text (self->toolbar_title, name);
  gtk_label_set_text (self->name_label, name);
  if (trade[0] != '\0' && what[0] != '\0')
    activity = g_strdup_printf ("%s · %s", trade, what);
  else
    activity = g_strdup (trade[0] != '\0' ? trade : what);
  gtk_label_set_text (self->activity_label, activity);
  gtk_widget_set_visible (GTK_WIDGET (self->activity_label), activity[0] != '\0');
  gtk_label_set_text (self->stage_label, es_stage_label (self->member->state.stage));
  gtk_label_set_text (self->since_label, since != NULL ? since : "");
  if (g_date_valid (&self->member->state.stage_since))
    {
      g_autofree char *date = es_date_format_short (&self->member->state.stage_since);
      since_tooltip = g_strdup_printf (_ ("Since %s"), date);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->since_label), since_tooltip);

  fill_steps (self);
  fill_info (self);
  fill_deadlines (self);
  fill_timeline (self);
  fill_interviews (self);
}

/* Actions */

static void
recorded_cb (EsMemberPage *self, gint64 id, const char *description, EsEventDialog *dialog)
{
  show_toast (self, description);
}

static EsCareerEvent *
find_event (EsMemberPage *self, gint64 id)
{
  for (guint i = 0; self->events != NULL && i < self->events->len; i++)
    {
      EsCareerEvent *event = g_ptr_array_index (self->events, i);

      if (event->id == id)
        return event;
    }
  return NULL;
}

static void
present_event_dialog (EsMemberPage *self, EsEventDialog *dialog)
{
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (recorded_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_event_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  EsMemberPage *self = ES_MEMBER_PAGE (widget);
  EsEventKind kind;

  if (self->member == NULL
      || !es_event_kind_from_code (g_variant_get_string (parameter, NULL), &kind)
      || kind == ES_EVENT_CANCELLATION)
    return;
  present_event_dialog (
      self, es_event_dialog_new (parent_window (self), self->db, self->member, kind, today (self)));
}

static void
correct_event (EsMemberPage *self, gint64 id, gboolean cancel)
{
  EsCareerEvent *event = find_event (self, id);

  if (self->member == NULL || event == NULL)
    return;
  present_event_dialog (self,
                        es_event_dialog_new_correction (parent_window (self), self->db,
                                                        self->member, event, cancel, today (self)));
}

static void
correct_event_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  correct_event (ES_MEMBER_PAGE (widget), g_variant_get_int64 (parameter), FALSE);
}

static void
cancel_event_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  correct_event (ES_MEMBER_PAGE (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
member_saved_cb (EsMemberPage *self, gint64 id, gboolean created, EsMemberForm *form)
{
  show_toast (self, _ ("Changes saved"));
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  EsMemberPage *self = ES_MEMBER_PAGE (widget);
  EsMemberForm *form;

  if (self->member == NULL)
    return;
  form = es_member_form_new (parent_window (self), self->db, self->member, today (self));
  g_signal_connect_object (form, "saved", G_CALLBACK (member_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (form));
}

static void
interview_saved_cb (EsMemberPage *self, gint64 id, EsInterviewDialog *dialog)
{
  show_toast (self, _ ("Interview recorded"));
}

static void
add_interview_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  EsMemberPage *self = ES_MEMBER_PAGE (widget);
  EsInterviewDialog *dialog;

  if (self->member == NULL)
    return;
  dialog = es_interview_dialog_new (parent_window (self), self->db, self->member, today (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (interview_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
nir_toggled_cb (EsMemberPage *self, GtkToggleButton *button)
{
  gboolean active = gtk_toggle_button_get_active (button);

  gtk_button_set_icon_name (GTK_BUTTON (button),
                            active ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), active ? _ ("Hide the Social Security Number")
                                                           : _ ("Show the Social Security Number"));
  if (self->member != NULL)
    fill_info (self);
}

/* Reading */

static gboolean
reload_idle_cb (gpointer data)
{
  EsMemberPage *self = data;

  self->reload_id = 0;
  es_member_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
db_changed_cb (EsMemberPage *self, const char *table, EsDb *db)
{
  static const char *const watched[] = { "member", "career_event", "interview", "staff" };

  if (self->member_id == 0 || self->reload_id != 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    if (g_strcmp0 (table, watched[i]) == 0)
      {
        self->reload_id = g_idle_add (reload_idle_cb, self);
        return;
      }
}

/* Layout: two columns when there is room, one below the other when not. */

#define TWO_COLUMNS_WIDTH 880
#define STEPS_IN_A_ROW_WIDTH 520

static gboolean
is_horizontal (gpointer orientable)
{
  return gtk_orientable_get_orientation (GTK_ORIENTABLE (orientable)) == GTK_ORIENTATION_HORIZONTAL;
}

static gboolean
layout_idle_cb (gpointer data)
{
  EsMemberPage *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  gboolean wide = width >= TWO_COLUMNS_WIDTH;
  gboolean steps_in_a_row = width >= STEPS_IN_A_ROW_WIDTH;

  self->layout_id = 0;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->sections_box),
                                  wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_box_set_homogeneous (self->sections_box, wide);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->steps_box), steps_in_a_row
                                                                        ? GTK_ORIENTATION_HORIZONTAL
                                                                        : GTK_ORIENTATION_VERTICAL);
  return G_SOURCE_REMOVE;
}

static void
es_member_page_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                        int *natural, int *minimum_baseline, int *natural_baseline)
{
  EsMemberPage *self = ES_MEMBER_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child == NULL)
    return;
  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);

  /* Side by side, the halves need more width than one below the other: claim only what
   * the narrow layout needs, so that the window can shrink and the halves follow. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL && is_horizontal (self->sections_box))
    {
      GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box));
      GtkWidget *second = first != NULL ? gtk_widget_get_next_sibling (first) : NULL;
      int min1 = 0, min2 = 0;

      if (first != NULL)
        gtk_widget_measure (first, orientation, -1, &min1, NULL, NULL, NULL);
      if (second != NULL)
        gtk_widget_measure (second, orientation, -1, &min2, NULL, NULL, NULL);
      *minimum
          -= MAX (0, min1 + min2 + gtk_box_get_spacing (self->sections_box) - MAX (min1, min2));
      *minimum = MAX (0, *minimum);
    }
}

static void
es_member_page_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  EsMemberPage *self = ES_MEMBER_PAGE (widget);
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));
  gboolean wide = width >= TWO_COLUMNS_WIDTH;
  gboolean steps_in_a_row = width >= STEPS_IN_A_ROW_WIDTH;

  /* Until the halves go one below the other (at the next turn), they may overflow. */
  if (child != NULL)
    {
      int min = 0;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      gtk_widget_allocate (child, MAX (width, min), height, baseline, NULL);
    }

  /* Not while allocating: the next main loop turn lays the page out again. */
  if ((wide != is_horizontal (self->sections_box)
       || steps_in_a_row != is_horizontal (self->steps_box))
      && self->layout_id == 0)
    self->layout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, layout_idle_cb, self, NULL);
}

static void
es_member_page_dispose (GObject *object)
{
  EsMemberPage *self = ES_MEMBER_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_handle_id (&self->layout_id, g_source_remove);
  es_member_page_set_db (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ES_TYPE_MEMBER_PAGE);
  g_clear_object (&self->member);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->interviews, g_ptr_array_unref);

  G_OBJECT_CLASS (es_member_page_parent_class)->dispose (object);
}

static void
es_member_page_finalize (GObject *object)
{
  EsMemberPage *self = ES_MEMBER_PAGE (object);

  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (es_member_page_parent_class)->finalize (object);
}

static void
es_member_page_class_init (EsMemberPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = es_member_page_dispose;
  object_class->finalize = es_member_page_finalize;
  widget_class->measure = es_member_page_measure;
  widget_class->size_allocate = es_member_page_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/coop/essaim/Essaim/ui/es-member-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, toolbar_title);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, missing_page);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, activity_label);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, stage_label);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, since_label);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, steps_box);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, forward_button);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, forward_label);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, steps_button);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, sections_box);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, interviews_group);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, identity_group);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, contact_group);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, activity_group);
  gtk_widget_class_bind_template_child (widget_class, EsMemberPage, situation_group);

  gtk_widget_class_install_action (widget_class, "member.add-event", "s", add_event_action);
  gtk_widget_class_install_action (widget_class, "member.correct-event", "x", correct_event_action);
  gtk_widget_class_install_action (widget_class, "member.cancel-event", "x", cancel_event_action);
  gtk_widget_class_install_action (widget_class, "member.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "member.add-interview", NULL,
                                   add_interview_action);
}

static void
es_member_page_init (EsMemberPage *self)
{
  /* The page lays out its child itself, to know its width (see size_allocate). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dynamic_rows = g_ptr_array_new ();

  for (guint i = 0; i < N_INFO; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   es_member_field_label (info_fields[i].field));
      gtk_widget_add_css_class (row, "es-detail");
      self->info_rows[i] = ADW_ACTION_ROW (row);

      if (g_str_equal (info_fields[i].field, "nir"))
        {
          self->nir_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
          gtk_button_set_icon_name (GTK_BUTTON (self->nir_button), "view-reveal-symbolic");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->nir_button),
                                       _ ("Show the Social Security Number"));
          gtk_widget_set_valign (GTK_WIDGET (self->nir_button), GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (GTK_WIDGET (self->nir_button), "flat");
          g_signal_connect_object (self->nir_button, "toggled", G_CALLBACK (nir_toggled_cb), self,
                                   G_CONNECT_SWAPPED);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->nir_button));
        }
      adw_preferences_group_add (group_widget (self, info_fields[i].group), row);
    }

  gtk_stack_set_visible_child_name (self->stack, "missing");
}

void
es_member_page_set_db (EsMemberPage *self, EsDb *db)
{
  g_return_if_fail (ES_IS_MEMBER_PAGE (self));

  if (self->db == db)
    return;
  if (self->db != NULL)
    g_clear_signal_handler (&self->changed_id, self->db);
  g_set_object (&self->db, db);
  if (db != NULL)
    self->changed_id = g_signal_connect_object (db, "changed", G_CALLBACK (db_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  self->member_id = 0;
  es_member_page_reload (self);
}

void
es_member_page_set_member_id (EsMemberPage *self, gint64 id)
{
  g_return_if_fail (ES_IS_MEMBER_PAGE (self));

  if (self->member_id != id)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

      /* Another member: the NIR is masked again and the page starts at the top. */
      gtk_toggle_button_set_active (self->nir_button, FALSE);
      gtk_adjustment_set_value (adjustment, 0);
    }
  self->member_id = id;
  es_member_page_reload (self);
}

gint64
es_member_page_get_member_id (EsMemberPage *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_PAGE (self), 0);

  return self->member_id;
}

EsMember *
es_member_page_get_member (EsMemberPage *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_PAGE (self), NULL);

  return self->member;
}

void
es_member_page_reload (EsMemberPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) member = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GPtrArray) interviews = NULL;

  g_return_if_fail (ES_IS_MEMBER_PAGE (self));

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->db == NULL || self->member_id == 0)
    {
      g_clear_object (&self->member);
      adw_status_page_set_description (self->missing_page, NULL);
      gtk_stack_set_visible_child_name (self->stack, "missing");
      return;
    }

  member = es_member_store_get (self->db, self->member_id, today (self), &error);
  if (member != NULL)
    events = es_member_store_events (self->db, self->member_id, &error);
  if (events != NULL)
    interviews = es_interview_store_list (self->db, self->member_id, &error);
  if (interviews == NULL)
    {
      g_clear_object (&self->member);
      adw_status_page_set_description (self->missing_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "missing");
      return;
    }

  g_set_object (&self->member, member);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = g_steal_pointer (&events);
  g_clear_pointer (&self->interviews, g_ptr_array_unref);
  self->interviews = g_steal_pointer (&interviews);
  fill (self);
  gtk_stack_set_visible_child_name (self->stack, "member");
}
