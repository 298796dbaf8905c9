/* test-pipeline.c — the pipeline board, the step forms, the member table and a member's
 * page, for real under Xvfb, in French, on a demo cooperative generated at a fixed day.
 * Writes a PNG of each screen to ESSAIM_SCREENSHOT_DIR (or the current folder).
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "es-application.h"
#include "es-badge.h"
#include "es-text-cell.h"
#include "es-date.h"
#include "es-demo.h"
#include "es-event-dialog.h"
#include "es-interview-dialog.h"
#include "es-member-card.h"
#include "es-member-form.h"
#include "es-member-list.h"
#include "es-member-page.h"
#include "es-member-store.h"
#include "es-members-page.h"
#include "es-pipeline-page.h"
#include "es-window.h"
#include "ui-test-util.h"

static EsApplication *app;
static char *tmp_dir;
static char *demo_path;
static GDate fixed_today;

/* The member moved from CAPE to contract, for the tests after that one. */
static gint64 moved_id;

/* Waits until no window of that type is on screen. */
static void
wait_closed (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (find_toplevel (type) != NULL && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_null (find_toplevel (type));
}

/* The pieces of the window */

static EsWindow *
main_window (void)
{
  return ES_WINDOW (es_application_get_main_window (app));
}

static EsDb *
db (void)
{
  return es_window_get_db (main_window ());
}

static gpointer
window_child (const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (main_window ()), ES_TYPE_WINDOW, name);
}

static EsPipelinePage *
pipeline_page (void)
{
  return ES_PIPELINE_PAGE (window_child ("pipeline_page"));
}

static EsMembersPage *
members_page (void)
{
  return ES_MEMBERS_PAGE (window_child ("members_page"));
}

static gpointer
child (gpointer widget, GType type, const char *name)
{
  gpointer found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (found);
  return found;
}

static void
set_row (gpointer dialog, GType type, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, type, name)), text);
}

static const char *
row_text (gpointer dialog, GType type, const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (dialog, type, name)));
}

static gboolean
has_error (gpointer dialog, GType type, const char *name)
{
  return gtk_widget_has_css_class (GTK_WIDGET (child (dialog, type, name)), "error");
}

static gboolean
column_has (EsStage stage, gint64 id)
{
  GListModel *column = es_pipeline_page_get_column (pipeline_page (), stage);

  for (guint i = 0; i < g_list_model_get_n_items (column); i++)
    {
      g_autoptr (EsMember) member = g_list_model_get_item (column, i);

      if (member->id == id)
        return TRUE;
    }
  return FALSE;
}

static guint
count_events (gint64 member_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) other = es_db_open (demo_path, ES_DB_OPEN_READ_ONLY, &error);
  g_autoptr (GPtrArray) events = NULL;

  g_assert_no_error (error);
  events = es_member_store_events (other, member_id, &error);
  g_assert_no_error (error);
  return events->len;
}

/* Activates the item of a card's menu for kind, as a click on it does. */
static void
activate_card_menu_item (EsMember *member, const char *kind)
{
  g_autoptr (GMenuModel) menu = es_member_card_build_menu (member);
  gboolean found = FALSE;

  for (int s = 0; s < g_menu_model_get_n_items (menu) && !found; s++)
    {
      g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section) && !found; i++)
        {
          g_autofree char *action = NULL;
          g_autoptr (GVariant) target
              = g_menu_model_get_item_attribute_value (section, i, G_MENU_ATTRIBUTE_TARGET, NULL);
          const char *code = NULL;
          gint64 id;

          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          if (g_strcmp0 (action, "pipeline.add-event") != 0 || target == NULL)
            continue;
          g_variant_get (target, "(x&s)", &id, &code);
          if (g_strcmp0 (code, kind) != 0)
            continue;
          g_assert_cmpint (id, ==, member->id);
          found
              = gtk_widget_activate_action_variant (GTK_WIDGET (pipeline_page ()), action, target);
        }
    }
  g_assert_true (found);
}

static void
open_member_cb (EsPipelinePage *page, gint64 id, gint64 *out)
{
  *out = id;
}

/* How many items the views of type under widget show, all together. */
static guint
count_shown (GtkWidget *widget, GType type)
{
  guint n = 0;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      GtkSelectionModel *model = NULL;

      g_object_get (widget, "model", &model, NULL);
      n = g_list_model_get_n_items (G_LIST_MODEL (model));
      g_object_unref (model);
      return n;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_shown (child, type);
  return n;
}

/* Waits frame by frame (up to 10 s) until the views of type under widget show n items;
 * returns how many they show. */
static guint
wait_shown (GtkWidget *widget, GType type, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint shown;

  while ((shown = count_shown (widget, type)) != n && g_get_monotonic_time () < deadline)
    wait_for_frames (GTK_WIDGET (main_window ()), 1);
  return shown;
}

/* Tests */

static void
test_board (void)
{
  EsPipelinePage *page = pipeline_page ();
  guint total = 0;

  es_window_set_section (main_window (), "pipeline");
  wait_for_frames (GTK_WIDGET (main_window ()), 3);

  for (guint s = 0; s < ES_STAGE_N_STAGES; s++)
    {
      guint n = g_list_model_get_n_items (es_pipeline_page_get_column (page, s));

      g_test_message ("%s: %u", es_stage_label (s), n);
      total += n;
      if (s != ES_STAGE_EXITED)
        g_assert_cmpuint (n, >, 0);
    }
  /* The first cards come first; all of them a frame later. */
  g_assert_cmpuint (wait_shown (GTK_WIDGET (page), GTK_TYPE_GRID_VIEW, total), ==, total);
  /* The Exited column shows the last 12 months; every exit when asked. */
  g_assert_cmpuint (total, <=, 60);
  es_pipeline_page_set_show_all_exits (page, TRUE);
  total = 0;
  for (guint s = 0; s < ES_STAGE_N_STAGES; s++)
    total += g_list_model_get_n_items (es_pipeline_page_get_column (page, s));
  g_assert_cmpuint (total, ==, 60);
  es_pipeline_page_set_show_all_exits (page, FALSE);

  save_screenshot (GTK_WIDGET (main_window ()), "board");
}

/* CAPE → contract through the card's menu, then the form. */
static void
test_move_to_contract (void)
{
  GListModel *cape = es_pipeline_page_get_column (pipeline_page (), ES_STAGE_CAPE);
  g_autoptr (EsMember) member = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GError) error = NULL;
  EsCareerEvent *last;
  EsEventDialog *dialog;
  guint before;
  gint64 deadline;

  g_assert_cmpuint (g_list_model_get_n_items (cape), >, 0);
  member = g_list_model_get_item (cape, 0);
  moved_id = member->id;
  before = count_events (moved_id);

  activate_card_menu_item (member, "contract_signed");
  dialog = wait_for_toplevel (ES_TYPE_EVENT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpint (es_event_dialog_get_kind (dialog), ==, ES_EVENT_CONTRACT_SIGNED);

  /* Today by default, the cooperative's rate prefilled. */
  {
    g_autofree char *today = es_date_format_short (&fixed_today);
    g_assert_cmpstr (row_text (dialog, ES_TYPE_EVENT_DIALOG, "date_row"), ==, today);
  }
  g_assert_cmpstr (row_text (dialog, ES_TYPE_EVENT_DIALOG, "rate_row"), !=, "");

  /* What cannot be read is marked, said, and kept. */
  set_row (dialog, ES_TYPE_EVENT_DIALOG, "hours_row", "vingt");
  set_row (dialog, ES_TYPE_EVENT_DIALOG, "gross_row", "1 200,00");
  g_assert_false (es_event_dialog_save (dialog));
  g_assert_true (has_error (dialog, ES_TYPE_EVENT_DIALOG, "hours_row"));
  g_assert_false (has_error (dialog, ES_TYPE_EVENT_DIALOG, "gross_row"));
  g_assert_cmpstr (row_text (dialog, ES_TYPE_EVENT_DIALOG, "hours_row"), ==, "vingt");
  g_assert_cmpuint (count_events (moved_id), ==, before);

  set_row (dialog, ES_TYPE_EVENT_DIALOG, "hours_row", "24");
  g_assert_false (has_error (dialog, ES_TYPE_EVENT_DIALOG, "hours_row"));
  set_row (dialog, ES_TYPE_EVENT_DIALOG, "rate_row", "10");
  save_screenshot (GTK_WIDGET (dialog), "event-dialog");
  g_assert_true (es_event_dialog_save (dialog));
  wait_closed (ES_TYPE_EVENT_DIALOG);

  /* The board follows the database. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!column_has (ES_STAGE_CONTRACT, moved_id) && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_true (column_has (ES_STAGE_CONTRACT, moved_id));
  g_assert_false (column_has (ES_STAGE_CAPE, moved_id));

  /* The row is in the file. */
  g_assert_cmpuint (count_events (moved_id), ==, before + 1);
  events = es_member_store_events (db (), moved_id, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (events, events->len - 1);
  g_assert_cmpint (last->kind, ==, ES_EVENT_CONTRACT_SIGNED);
  g_assert_cmpint (last->hours_milli, ==, 24000);
  g_assert_cmpint (last->fixed_gross_cents, ==, 120000);
  g_assert_cmpint (last->contribution_ppm, ==, 100000);
  g_assert_true (g_date_compare (&last->date, &fixed_today) == 0);

  save_screenshot (GTK_WIDGET (main_window ()), "board-after");
}

/* Associate from the CAPE column: the form says why not and writes nothing. */
static void
test_refused_step (void)
{
  GListModel *cape = es_pipeline_page_get_column (pipeline_page (), ES_STAGE_CAPE);
  g_autoptr (EsMember) member = NULL;
  EsEventDialog *dialog;
  GtkWidget *problem_box;
  GtkLabel *problem_label;
  guint before;

  g_assert_cmpuint (g_list_model_get_n_items (cape), >, 0);
  member = g_list_model_get_item (cape, 0);
  before = count_events (member->id);

  /* What a drop of the card on the Associate column opens. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pipeline_page ()), "pipeline.add-event",
                                             "(xs)", member->id, "associate"));
  dialog = wait_for_toplevel (ES_TYPE_EVENT_DIALOG);
  g_assert_nonnull (dialog);
  set_row (dialog, ES_TYPE_EVENT_DIALOG, "shares_row", "4");
  set_row (dialog, ES_TYPE_EVENT_DIALOG, "paid_row", "100");
  set_row (dialog, ES_TYPE_EVENT_DIALOG, "note_row", "Essai");

  g_assert_false (es_event_dialog_save (dialog));
  g_assert_nonnull (es_event_dialog_get_problem (dialog));
  problem_box = child (dialog, ES_TYPE_EVENT_DIALOG, "problem_box");
  problem_label = child (dialog, ES_TYPE_EVENT_DIALOG, "problem_label");
  g_assert_true (gtk_widget_get_visible (problem_box));
  g_assert_cmpstr (gtk_label_get_text (problem_label), ==, es_event_dialog_get_problem (dialog));
  /* In French, naming the member's stage. */
  g_assert_nonnull (strstr (gtk_label_get_text (problem_label), "associé"));
  g_assert_nonnull (strstr (gtk_label_get_text (problem_label), "Test (CAPE)"));
  g_test_message ("refused: %s", gtk_label_get_text (problem_label));

  /* Everything typed is still there, and nothing was written. */
  g_assert_cmpstr (row_text (dialog, ES_TYPE_EVENT_DIALOG, "shares_row"), ==, "4");
  g_assert_cmpstr (row_text (dialog, ES_TYPE_EVENT_DIALOG, "paid_row"), ==, "100");
  g_assert_cmpstr (row_text (dialog, ES_TYPE_EVENT_DIALOG, "note_row"), ==, "Essai");
  g_assert_cmpuint (count_events (member->id), ==, before);
  g_assert_true (column_has (ES_STAGE_CAPE, member->id));
  save_screenshot (GTK_WIDGET (dialog), "event-refused");

  gtk_window_close (GTK_WINDOW (dialog));
  wait_closed (ES_TYPE_EVENT_DIALOG);
}

/* A CAPE planned longer than the law allows: the end date is the field marked. */
static void
test_refused_field (void)
{
  GListModel *reception = es_pipeline_page_get_column (pipeline_page (), ES_STAGE_RECEPTION);
  g_autoptr (EsMember) member = NULL;
  EsEventDialog *dialog;
  GDate too_late = es_date_add_months (&fixed_today, 13);
  g_autofree char *end = es_date_format_short (&too_late);

  for (guint i = 0; i < g_list_model_get_n_items (reception) && member == NULL; i++)
    {
      g_autoptr (EsMember) candidate = g_list_model_get_item (reception, i);

      if (candidate->state.diagnostic_done && candidate->state.admitted)
        member = g_steal_pointer (&candidate);
    }
  if (member == NULL)
    {
      g_test_skip ("no admitted member at the reception stage in this demo");
      return;
    }

  activate_card_menu_item (member, "cape_signed");
  dialog = wait_for_toplevel (ES_TYPE_EVENT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (row_text (dialog, ES_TYPE_EVENT_DIALOG, "end_date_row"), !=, "");
  set_row (dialog, ES_TYPE_EVENT_DIALOG, "end_date_row", end);
  g_assert_false (es_event_dialog_save (dialog));
  g_assert_true (has_error (dialog, ES_TYPE_EVENT_DIALOG, "end_date_row"));
  g_assert_false (has_error (dialog, ES_TYPE_EVENT_DIALOG, "date_row"));
  g_assert_nonnull (es_event_dialog_get_problem (dialog));
  g_assert_cmpstr (row_text (dialog, ES_TYPE_EVENT_DIALOG, "end_date_row"), ==, end);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_closed (ES_TYPE_EVENT_DIALOG);
}

/* The other forms of a CAPE member's menu open with what they need, prefilled. */
static void
test_other_forms (void)
{
  GListModel *cape = es_pipeline_page_get_column (pipeline_page (), ES_STAGE_CAPE);
  g_autoptr (EsMember) member = NULL;
  const char *const kinds[] = { "cape_renewed", "exit" };

  /* One whose CAPE can still be renewed. */
  for (guint i = 0; i < g_list_model_get_n_items (cape) && member == NULL; i++)
    {
      g_autoptr (EsMember) candidate = g_list_model_get_item (cape, i);

      if (!candidate->state.cape_ended
          && candidate->state.cape_renewals < ES_PIPELINE_MAX_CAPE_RENEWALS)
        member = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (member);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat ("event-", kinds[i], NULL);
      EsEventDialog *dialog;

      activate_card_menu_item (member, kinds[i]);
      dialog = wait_for_toplevel (ES_TYPE_EVENT_DIALOG);
      g_assert_nonnull (dialog);
      if (g_str_equal (kinds[i], "cape_renewed"))
        g_assert_cmpstr (row_text (dialog, ES_TYPE_EVENT_DIALOG, "end_date_row"), !=, "");
      if (g_str_equal (kinds[i], "exit"))
        {
          GListModel *reasons = adw_combo_row_get_model (
              ADW_COMBO_ROW (child (dialog, ES_TYPE_EVENT_DIALOG, "exit_reason_row")));
          guint n = g_list_model_get_n_items (reasons);
          gboolean dismissal = FALSE;

          /* The reason must be chosen: none is taken for granted. */
          g_assert_false (es_event_dialog_save (dialog));
          g_assert_true (has_error (dialog, ES_TYPE_EVENT_DIALOG, "exit_reason_row"));
          /* Only those that fit a CAPE, after "Choose a reason": no dismissal. */
          g_assert_cmpuint (n, ==, 6);
          for (guint r = 1; r < n; r++)
            dismissal = dismissal
                        || g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (reasons), r),
                                        es_exit_reason_label (ES_EXIT_DISMISSAL));
          g_assert_false (dismissal);
        }
      save_screenshot (GTK_WIDGET (dialog), name);
      gtk_window_close (GTK_WINDOW (dialog));
      wait_closed (ES_TYPE_EVENT_DIALOG);
    }
}

static GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (c, type) ? c : find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first card on the board showing a member at that stage. */
static EsMemberCard *
find_card (GtkWidget *widget, EsStage stage)
{
  if (ES_IS_MEMBER_CARD (widget))
    {
      EsMember *member = es_member_card_get_member (ES_MEMBER_CARD (widget));

      return member != NULL && member->state.stage == stage ? ES_MEMBER_CARD (widget) : NULL;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      EsMemberCard *card = find_card (c, stage);

      if (card != NULL)
        return card;
    }
  return NULL;
}

/* The keyboard path: the focused card's next step, and its menu. */
static void
test_keyboard (void)
{
  EsMemberCard *card;
  EsEventDialog *dialog;
  GtkWidget *popover;

  es_window_set_section (main_window (), "pipeline");
  wait_for_frames (GTK_WIDGET (main_window ()), 2);
  card = find_card (GTK_WIDGET (pipeline_page ()), ES_STAGE_CAPE);
  g_assert_nonnull (card);

  /* The list's row holding the card takes the focus, as arrow keys give it. */
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (card))));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (pipeline_page ()), "pipeline.step-focused", NULL));
  dialog = wait_for_toplevel (ES_TYPE_EVENT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpint (es_event_dialog_get_kind (dialog), ==, ES_EVENT_CONTRACT_SIGNED);
  gtk_window_close (GTK_WINDOW (dialog));
  wait_closed (ES_TYPE_EVENT_DIALOG);

  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (card))));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (pipeline_page ()), "pipeline.menu-focused", NULL));
  spin (100);
  popover = find_descendant (GTK_WIDGET (card), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  save_screenshot (popover, "card-menu");
  gtk_popover_popdown (GTK_POPOVER (popover));
  spin (50);
}

static void
test_member_page (void)
{
  EsMembersPage *page = members_page ();
  EsMemberPage *member_page;
  EsMember *member;
  gint64 opened = 0;

  g_assert_cmpint (moved_id, >, 0);

  /* The board asks for the member; the window shows them in the Entrepreneurs section. */
  g_signal_connect (pipeline_page (), "open-member", G_CALLBACK (open_member_cb), &opened);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pipeline_page ()), "pipeline.open-member",
                                             "x", moved_id));
  g_signal_handlers_disconnect_by_func (pipeline_page (), G_CALLBACK (open_member_cb), &opened);
  g_assert_cmpint (opened, ==, moved_id);
  /* The window shows the member in the Entrepreneurs section (by hand until it does). */
  if (g_strcmp0 (es_window_get_section (main_window ()), "members") != 0)
    {
      g_test_message ("the window does not follow EsPipelinePage::open-member yet");
      es_window_set_section (main_window (), "members");
      es_members_page_show_member (page, moved_id);
    }
  wait_for_frames (GTK_WIDGET (main_window ()), 3);

  /* Made for the first member shown, not with the window. */
  member_page = es_members_page_get_member_page (page);
  g_assert_nonnull (member_page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (member_page)));
  g_assert_cmpint (es_member_page_get_member_id (member_page), ==, moved_id);
  member = es_member_page_get_member (member_page);
  g_assert_nonnull (member);
  g_assert_cmpint (member->state.stage, ==, ES_STAGE_CONTRACT);
  save_screenshot (GTK_WIDGET (main_window ()), "member-page");

  /* An interview: the report is required, and nothing typed is lost. */
  {
    EsInterviewDialog *dialog;
    GtkTextView *view;
    guint before = 0, after = 0;
    g_autoptr (GPtrArray) list = es_interview_store_list (db (), moved_id, NULL);

    before = list->len;
    g_assert_true (
        gtk_widget_activate_action (GTK_WIDGET (member_page), "member.add-interview", NULL));
    dialog = wait_for_toplevel (ES_TYPE_INTERVIEW_DIALOG);
    g_assert_nonnull (dialog);
    g_assert_false (es_interview_dialog_save (dialog));
    g_assert_true (has_error (dialog, ES_TYPE_INTERVIEW_DIALOG, "summary_frame"));
    view = child (dialog, ES_TYPE_INTERVIEW_DIALOG, "summary_view");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                              "Point sur les premiers mois du contrat.", -1);
    save_screenshot (GTK_WIDGET (dialog), "interview-dialog");
    g_assert_true (es_interview_dialog_save (dialog));
    wait_closed (ES_TYPE_INTERVIEW_DIALOG);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = es_interview_store_list (db (), moved_id, NULL);
    after = list->len;
    g_assert_cmpuint (after, ==, before + 1);
  }

  /* A correction: the contract said 28 hours, not 24. Both stay in the history. */
  {
    g_autoptr (GPtrArray) events = es_member_store_events (db (), moved_id, NULL);
    EsCareerEvent *contract = g_ptr_array_index (events, events->len - 1);
    g_autoptr (EsMember) corrected = NULL;
    EsEventDialog *dialog;
    GtkScrolledWindow *scroller;
    GtkWidget *timeline;
    graphene_point_t top;
    gint64 deadline;

    g_assert_cmpint (contract->kind, ==, ES_EVENT_CONTRACT_SIGNED);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (member_page), "member.correct-event",
                                               "x", contract->id));
    dialog = wait_for_toplevel (ES_TYPE_EVENT_DIALOG);
    g_assert_nonnull (dialog);
    g_assert_cmpstr (row_text (dialog, ES_TYPE_EVENT_DIALOG, "hours_row"), ==, "24");
    set_row (dialog, ES_TYPE_EVENT_DIALOG, "hours_row", "28");
    g_assert_true (es_event_dialog_save (dialog));
    wait_closed (ES_TYPE_EVENT_DIALOG);
    g_assert_cmpuint (count_events (moved_id), ==, events->len + 1);
    corrected = es_member_store_get (db (), moved_id, &fixed_today, NULL);
    g_assert_cmpint (corrected->state.hours_milli, ==, 28000);

    deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    while (es_member_page_get_member (member_page)->state.hours_milli != 28000
           && g_get_monotonic_time () < deadline)
      spin (20);
    g_assert_cmpint (es_member_page_get_member (member_page)->state.hours_milli, ==, 28000);

    /* The career, struck through where corrected. */
    scroller = child (member_page, ES_TYPE_MEMBER_PAGE, "scroller");
    timeline = child (member_page, ES_TYPE_MEMBER_PAGE, "timeline_group");
    wait_for_frames (GTK_WIDGET (main_window ()), 2);
    g_assert_true (gtk_widget_compute_point (timeline, gtk_scrolled_window_get_child (scroller),
                                             &GRAPHENE_POINT_INIT (0, 0), &top));
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (scroller), top.y - 12);
    save_screenshot (GTK_WIDGET (main_window ()), "member-timeline");
  }

  es_members_page_show_list (page);
}

/* What a widget draws now (its own drawing, not its children's): NULL when nothing. */
static GskRenderNode *
drawn_node (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  wait_for_frames (widget, 1);
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

static double
drawn_width (GtkWidget *widget)
{
  g_autoptr (GskRenderNode) node = drawn_node (widget);
  graphene_rect_t bounds;

  if (node == NULL)
    return 0;
  gsk_render_node_get_bounds (node, &bounds);
  return bounds.size.width;
}

/* A deadline's badge in the table: its size never follows its text, so that a search does
 * not lay out every row again; the pill it draws does, within that size. */
static void
test_badge (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *badge = es_badge_new (16, 32);
  int min_before, nat_before, min_after, nat_after, height_before, height_after;
  double short_width, long_width;

  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_window_set_child (GTK_WINDOW (window), badge);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window, 1);

  gtk_widget_measure (badge, GTK_ORIENTATION_HORIZONTAL, -1, &min_before, &nat_before, NULL, NULL);
  gtk_widget_measure (badge, GTK_ORIENTATION_VERTICAL, -1, &height_before, NULL, NULL, NULL);
  g_assert_cmpint (min_before, >, 0);
  g_assert_cmpint (nat_before, >, min_before);
  g_assert_cmpfloat (drawn_width (badge), ==, 0);

  es_badge_set (ES_BADGE (badge), "CAPE · dans 3 jours", ES_URGENCY_SOON);
  g_assert_cmpstr (es_badge_get_text (ES_BADGE (badge)), ==, "CAPE · dans 3 jours");
  g_assert_cmpint (es_badge_get_urgency (ES_BADGE (badge)), ==, ES_URGENCY_SOON);
  short_width = drawn_width (badge);
  g_assert_cmpfloat (short_width, >, 0);
  g_assert_cmpfloat (short_width, <, gtk_widget_get_width (badge));

  es_badge_set (ES_BADGE (badge),
                "Fin du CAPE · en retard de 12 jours, et bien plus encore que cela, qui est long",
                ES_URGENCY_OVERDUE);
  long_width = drawn_width (badge);
  g_assert_cmpfloat (long_width, >, short_width);
  /* Ellipsized to what the badge was given. */
  g_assert_cmpfloat (long_width, <=, gtk_widget_get_width (badge));

  gtk_widget_measure (badge, GTK_ORIENTATION_HORIZONTAL, -1, &min_after, &nat_after, NULL, NULL);
  gtk_widget_measure (badge, GTK_ORIENTATION_VERTICAL, -1, &height_after, NULL, NULL, NULL);
  g_assert_cmpint (min_after, ==, min_before);
  g_assert_cmpint (nat_after, ==, nat_before);
  g_assert_cmpint (height_after, ==, height_before);

  es_badge_set (ES_BADGE (badge), "", ES_URGENCY_LATER);
  g_assert_null (es_badge_get_text (ES_BADGE (badge)));
  g_assert_cmpfloat (drawn_width (badge), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A table's text cell: its size never follows its text; the same text, drawn by two cells,
 * draws the same; nothing drawn without text. */
static void
test_text_cell (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cells[2] = { es_text_cell_new (6, 20, FALSE), es_text_cell_new (6, 20, FALSE) };
  int min_before, nat_before, min_after, nat_after;
  double widths[2];

  for (guint i = 0; i < 2; i++)
    gtk_box_append (GTK_BOX (box), cells[i]);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (window, 1);

  gtk_widget_measure (cells[0], GTK_ORIENTATION_HORIZONTAL, -1, &min_before, &nat_before, NULL,
                      NULL);
  g_assert_cmpfloat (drawn_width (cells[0]), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      es_text_cell_set_text (ES_TEXT_CELL (cells[i]), "Entrepreneur salarié (CDI)");
      widths[i] = drawn_width (cells[i]);
    }
  g_assert_cmpstr (es_text_cell_get_text (ES_TEXT_CELL (cells[0])), ==,
                   "Entrepreneur salarié (CDI)");
  g_assert_cmpfloat (widths[0], >, 0);
  g_assert_cmpfloat (widths[0], ==, widths[1]);
  g_assert_cmpfloat (widths[0], <=, gtk_widget_get_width (cells[0]));
  gtk_widget_measure (cells[0], GTK_ORIENTATION_HORIZONTAL, -1, &min_after, &nat_after, NULL, NULL);
  g_assert_cmpint (min_after, ==, min_before);
  g_assert_cmpint (nat_after, ==, nat_before);

  es_text_cell_set_text (ES_TEXT_CELL (cells[1]), NULL);
  g_assert_null (es_text_cell_get_text (ES_TEXT_CELL (cells[1])));
  g_assert_cmpfloat (drawn_width (cells[1]), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_members_table (void)
{
  EsMembersPage *page = members_page ();
  GListModel *rows = es_members_page_get_rows (page);
  GtkEditable *search = child (page, ES_TYPE_MEMBERS_PAGE, "search_entry");
  GtkDropDown *stage = child (page, ES_TYPE_MEMBERS_PAGE, "stage_dropdown");
  g_autoptr (EsMember) member = NULL;
  g_autofree char *prefix = NULL;
  guint n;

  es_window_set_section (main_window (), "members");
  wait_for_frames (GTK_WIDGET (main_window ()), 2);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 60);
  /* The first rows come first; all of them a frame later. */
  g_assert_cmpuint (wait_shown (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, 60), ==, 60);
  save_screenshot (GTK_WIDGET (main_window ()), "members-table");

  /* Search as you type: a few letters of a last name find that member. */
  member = es_member_store_get (db (), moved_id, &fixed_today, NULL);
  prefix = g_utf8_substring (member->last_name, 0, 4);
  gtk_editable_set_text (search, prefix);
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <, 60);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < n && !found; i++)
      {
        g_autoptr (EsMember) row = g_list_model_get_item (rows, i);
        found = row->id == moved_id;
      }
    g_assert_true (found);
  }
  save_screenshot (GTK_WIDGET (main_window ()), "members-search");

  /* Nobody found: said over the empty table, which stays; somebody again: the rows. */
  {
    GtkWidget *no_match = child (page, ES_TYPE_MEMBERS_PAGE, "no_match_page");
    GtkWidget *view = child (page, ES_TYPE_MEMBERS_PAGE, "column_view");

    g_assert_false (gtk_widget_get_visible (no_match));
    gtk_editable_set_text (search, "zzqxw");
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
    g_assert_true (gtk_widget_get_visible (no_match));
    wait_for_frames (GTK_WIDGET (main_window ()), 2);
    g_assert_true (gtk_widget_get_mapped (view));
    save_screenshot (GTK_WIDGET (main_window ()), "members-no-match");
    gtk_editable_set_text (search, prefix);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
    g_assert_false (gtk_widget_get_visible (no_match));
  }

  /* And the stage filter narrows further. */
  gtk_editable_set_text (search, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 60);
  gtk_drop_down_set_selected (stage, 1 + ES_STAGE_CONTRACT);
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EsMember) row = g_list_model_get_item (rows, i);
      g_assert_cmpint (row->state.stage, ==, ES_STAGE_CONTRACT);
    }
  gtk_drop_down_set_selected (stage, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 60);
}

static void
test_member_form (void)
{
  EsMembersPage *page = members_page ();
  GListModel *rows = es_members_page_get_rows (page);
  EsMemberForm *form;
  gint64 deadline;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.add", NULL));
  form = wait_for_toplevel (ES_TYPE_MEMBER_FORM);
  g_assert_nonnull (form);

  /* No name, a wrong e-mail and birth date: each marked, nothing lost, nothing written. */
  set_row (form, ES_TYPE_MEMBER_FORM, "first_name_row", "Léa");
  set_row (form, ES_TYPE_MEMBER_FORM, "email_row", "lea.martin@");
  set_row (form, ES_TYPE_MEMBER_FORM, "birth_date_row", "31/02/1990");
  g_assert_false (es_member_form_save (form));
  g_assert_true (has_error (form, ES_TYPE_MEMBER_FORM, "last_name_row"));
  g_assert_true (has_error (form, ES_TYPE_MEMBER_FORM, "email_row"));
  g_assert_true (has_error (form, ES_TYPE_MEMBER_FORM, "birth_date_row"));
  g_assert_false (has_error (form, ES_TYPE_MEMBER_FORM, "first_name_row"));
  g_assert_cmpstr (row_text (form, ES_TYPE_MEMBER_FORM, "email_row"), ==, "lea.martin@");
  g_assert_cmpuint (es_member_store_count (db (), NULL), ==, 60);
  save_screenshot (GTK_WIDGET (form), "member-form-error");

  set_row (form, ES_TYPE_MEMBER_FORM, "last_name_row", "Martin");
  set_row (form, ES_TYPE_MEMBER_FORM, "email_row", "lea.martin@example.org");
  set_row (form, ES_TYPE_MEMBER_FORM, "birth_date_row", "28/02/1990");
  g_assert_true (es_member_form_save (form));
  wait_closed (ES_TYPE_MEMBER_FORM);
  g_assert_cmpuint (es_member_store_count (db (), NULL), ==, 61);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (rows) < 61 && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 61);
  g_assert_cmpuint (
      g_list_model_get_n_items (es_pipeline_page_get_column (pipeline_page (), ES_STAGE_RECEPTION)),
      >, 0);

  /* Editing from the member's page: the page follows. */
  {
    EsMemberPage *member_page;
    g_autoptr (EsMember) stored = NULL;

    es_members_page_show_member (page, moved_id);
    member_page = es_members_page_get_member_page (page);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (member_page), "member.edit", NULL));
    form = wait_for_toplevel (ES_TYPE_MEMBER_FORM);
    g_assert_nonnull (form);
    g_assert_cmpstr (row_text (form, ES_TYPE_MEMBER_FORM, "last_name_row"), ==,
                     es_member_page_get_member (member_page)->last_name);
    set_row (form, ES_TYPE_MEMBER_FORM, "city_row", "Die");
    g_assert_true (es_member_form_save (form));
    wait_closed (ES_TYPE_MEMBER_FORM);
    stored = es_member_store_get (db (), moved_id, &fixed_today, NULL);
    g_assert_cmpstr (stored->city, ==, "Die");
    deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    while (g_strcmp0 (es_member_page_get_member (member_page)->city, "Die") != 0
           && g_get_monotonic_time () < deadline)
      spin (20);
    g_assert_cmpstr (es_member_page_get_member (member_page)->city, ==, "Die");
  }
  es_members_page_show_list (page);
}

static void
test_narrow (void)
{
  EsWindow *window = main_window ();
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  while (gtk_widget_get_width (GTK_WIDGET (window)) > 360 && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  es_window_set_section (window, "pipeline");
  save_screenshot (GTK_WIDGET (window), "narrow-board");
  es_window_set_section (window, "members");
  save_screenshot (GTK_WIDGET (window), "narrow-members");
  es_members_page_show_member (members_page (), moved_id);
  save_screenshot (GTK_WIDGET (window), "narrow-member-page");
  es_members_page_show_list (members_page ());

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  wait_for_frames (GTK_WIDGET (window), 3);
}

/* Setup */

static void
make_demo (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) demo = NULL;
  EsDemoOptions options;

  tmp_dir = g_dir_make_tmp ("essaim-pipeline-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (tmp_dir, "demo.db", NULL);

  demo = es_db_open (demo_path, ES_DB_OPEN_CREATE_NEW, &error);
  g_assert_no_error (error);
  es_demo_options_init (&options);
  options.seed = 1;
  options.n_members = 60;
  options.today = fixed_today;
  es_demo_generate (demo, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path_child = g_build_filename (path, name, NULL);

      if (g_file_test (path_child, G_FILE_TEST_IS_DIR))
        remove_tree (path_child);
      else
        g_unlink (path_child);
    }
  g_rmdir (path);
}

int
main (int argc, char *argv[])
{
  const char *localedir = g_getenv ("ESSAIM_LOCALEDIR");
  g_autoptr (GError) error = NULL;
  EsWindow *window;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  fixed_today = es_date_make (2026, 11, 24);
  make_demo ();

  app = es_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (es_application_open_path (app, demo_path, ES_DB_OPEN_DEFAULT, FALSE));

  /* Stages and deadlines at the demo's day, whatever the clock says. */
  es_member_list_set_today (es_member_list_get_for_db (db ()), &fixed_today);
  window = main_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));

  g_test_add_func ("/ui/pipeline/board", test_board);
  g_test_add_func ("/ui/pipeline/move-to-contract", test_move_to_contract);
  g_test_add_func ("/ui/pipeline/refused-step", test_refused_step);
  g_test_add_func ("/ui/pipeline/refused-field", test_refused_field);
  g_test_add_func ("/ui/pipeline/other-forms", test_other_forms);
  g_test_add_func ("/ui/pipeline/keyboard", test_keyboard);
  g_test_add_func ("/ui/members/member-page", test_member_page);
  g_test_add_func ("/ui/members/table", test_members_table);
  g_test_add_func ("/ui/members/badge", test_badge);
  g_test_add_func ("/ui/members/text-cell", test_text_cell);
  g_test_add_func ("/ui/members/form", test_member_form);
  g_test_add_func ("/ui/members/narrow", test_narrow);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (main_window ()));
  g_clear_object (&app);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (demo_path);

  return status;
}
