/* es-members-page.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every member in a sortable table, with search as you type and filters by stage,
 * counselor, sector and deadline; a row opens the member's page. The table stands on the
 * database's one shared member list (EsMemberList):
 *
 *   EsMemberArray → GtkSortListModel (the column view's sorter) → EsMemberRows (search
 *   and filters) → EsSlotModel → GtkSliceListModel → GtkSingleSelection → GtkColumnView
 *
 * Filtering sits above sorting, so that a keystroke only filters again: the members stay
 * sorted, and EsMemberRows tells only the rows that differ. The search asks core for the
 * matching ids (es_member_store_search_set) on every keystroke, without delay: it takes
 * well under a millisecond. The slots keep the table's rows in place while what they
 * show changes (GTK 4.8 would otherwise rebuild up to 200 rows on each keystroke); each
 * cell follows its slot, those of the rows a screen holds (screen_rows) at once, the
 * others (kept by the view below the screen) from an idle after the frame, and rows no
 * longer needed go after the frame too. The slice shows only a screen of rows in the
 * frame that first has them, all of them a frame later; a keystroke that finds more
 * members than before makes no more rows than that either, and brings the results to the
 * top. Nobody found is said over the table made transparent rather than instead of it,
 * which would map its rows again, and the table keeps its rows for the next keystroke.
 * The members are read in the background from the moment the window has the database:
 * the table and its toolbar show at once; the first members come before the others (in
 * time for the window's first frame), the count saying "Loading…" until all are there.
 *
 * The section is a leaflet that never unfolds: the table, then a member's page with a
 * back button, so that it works down to 360 pixels.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "es-after-frame.h"
#include "es-badge.h"
#include "es-date.h"
#include "es-member-form.h"
#include "es-member-list.h"
#include "es-member-page.h"
#include "es-member-rows.h"
#include "es-member-store.h"
#include "es-member-view.h"
#include "es-members-page.h"
#include "es-slot-model.h"
#include "es-text-cell.h"
#include "es-tooltip.h"

/* Rows the table makes for the frame that first shows the members, or for a keystroke:
 * those a screen holds, and two more (screen_rows), never more than FIRST_ROWS, far fewer
 * than the 200 a GtkColumnView keeps by itself. The rest follow a frame later. Until rows
 * were measured, a screen is counted in rows of MIN_ROW_HEIGHT pixels, less than any. */
#define FIRST_ROWS 40
/* Less than what stands above the rows (header bar, search, filters, column titles), so
 * that a guess from the window's height guesses more rows. */
#define ABOVE_ROWS 120
#define MIN_ROW_HEIGHT 20.0

/* The table's columns. */
typedef enum
{
  COLUMN_NAME,
  COLUMN_TRADE_NAME,
  COLUMN_ACTIVITY,
  COLUMN_COUNSELOR,
  COLUMN_STAGE,
  COLUMN_SINCE,
  COLUMN_DEADLINE,
  COLUMN_CITY,
  N_COLUMNS
} ColumnId;

static const struct
{
  const char *title;
  const char *sort_property; /* of EsMember (the names: es_member_compare()) */
  gboolean numeric;
  int nat_chars;
  gboolean expand;
} columns[N_COLUMNS] = {
  [COLUMN_NAME] = { N_ ("Name"), NULL, FALSE, 17, FALSE },
  [COLUMN_TRADE_NAME] = { N_ ("Trade Name"), "trade-name", FALSE, 14, FALSE },
  [COLUMN_ACTIVITY] = { N_ ("Activity"), "activity", FALSE, 16, TRUE },
  [COLUMN_COUNSELOR] = { N_ ("Counselor"), "counselor-name", FALSE, 14, FALSE },
  [COLUMN_STAGE] = { N_ ("Stage"), "stage", TRUE, 22, FALSE },
  [COLUMN_SINCE] = { N_ ("Since"), "stage-since", FALSE, 10, FALSE },
  [COLUMN_DEADLINE] = { N_ ("Next Deadline"), "deadline-days", TRUE, 32, FALSE },
  [COLUMN_CITY] = { N_ ("City"), "city", FALSE, 12, FALSE },
};

struct _EsMembersPage
{
  AdwBin parent_instance;

  EsDb *db;
  gulong db_changed_id;
  EsMemberList *list;
  gulong list_changed_id;
  gulong list_loaded_id;
  GCancellable *cancellable; /* of the first read, cancelled when the page goes */

  GtkSortListModel *sorted;
  EsMemberRows *filtered; /* the sorted members the search and filters keep */
  EsSlotModel *slots;
  GtkSliceListModel *shown; /* what the table shows of the slots: its first rows, then all */
  GtkSingleSelection *selection;
  gboolean attached;         /* the table follows the list (once shown) */
  EsAfterFrame attach_later; /* the rows follow a read list after the first frame */
  EsAfterFrame show_rest;    /* all the rows follow the first ones after their frame */
  double row_height;         /* pixels, measured once rows were drawn, else 0 */
  EsMemberFilter criteria;

  /* the search: the ids found (gint64) and a set pointing into them */
  char *search_text;
  GArray *search_ids;

  GArray *counselor_ids; /* gint64 per item of the counselor filter after the first two */
  GString *sectors;      /* the section letters per item of the sector filter after "all" */
  gint64 selected_id;
  guint reselect_id;

  /* template children */
  AdwLeaflet *leaflet;
  GtkSearchEntry *search_entry;
  GtkWidget *add_icon_button;
  GtkDropDown *stage_dropdown;
  GtkDropDown *counselor_dropdown;
  GtkDropDown *sector_dropdown;
  GtkDropDown *deadline_dropdown;
  GtkLabel *count_label;
  GtkFlowBox *filters_box;
  GtkStack *list_stack;
  AdwStatusPage *no_match_page; /* over the table when it is empty */
  GtkWidget *table_scroller;
  GtkColumnView *column_view;
  AdwStatusPage *error_page;
  EsMemberPage *member_page; /* in the leaflet once a member was shown, else NULL */
};

G_DEFINE_FINAL_TYPE (EsMembersPage, es_members_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static const GDate *
today (EsMembersPage *self)
{
  static GDate fallback;

  if (self->list != NULL)
    return es_member_list_get_today (self->list);
  fallback = es_date_today ();
  return &fallback;
}

static void
show_toast (EsMembersPage *self, const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

static GtkWindow *
parent_window (EsMembersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Nobody found: said over the table, which keeps its rows for the next keystroke, empty
 * and out of sight, out of reach of the pointer and the keyboard. */
static void
show_no_match (EsMembersPage *self, gboolean no_match)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->no_match_page)) == no_match)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_page), no_match);
  es_slot_model_set_hold (self->slots, no_match);
  gtk_widget_set_opacity (self->table_scroller, no_match ? 0 : 1);
  gtk_widget_set_can_target (self->table_scroller, !no_match);
  gtk_widget_set_can_focus (self->table_scroller, !no_match);
}

static void
update_view (EsMembersPage *self)
{
  guint total, shown;
  g_autofree char *text = NULL;

  if (self->list == NULL)
    return;
  if (!es_member_list_is_loaded (self->list) || !self->attached
      || !es_member_list_is_complete (self->list))
    {
      /* Never "no members" before they are read, nor a count before all of them are (the
       * first ones come sooner, and show). */
      gtk_label_set_text (self->count_label, _ ("Loading…"));
      gtk_stack_set_visible_child_name (self->list_stack, "table");
      show_no_match (self, FALSE);
      return;
    }

  total = g_list_model_get_n_items (es_member_list_get_model (self->list));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", total), total);
  else
    /* Translators: members shown by the search and filters, of all the members. */
    text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u of %u member", "%u of %u members", total), shown, total);
  gtk_label_set_text (self->count_label, text);

  gtk_stack_set_visible_child_name (self->list_stack, total == 0 ? "none" : "table");
  show_no_match (self, total > 0 && shown == 0);
}

/* The list view inside the column view, which knows how to scroll to a row. */
static GtkWidget *
inner_list_view (EsMembersPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

static guint
find_row (EsMembersPage *self, gint64 id)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EsMember) member = g_list_model_get_item (model, i);

      if (member->id == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The member of the selected row, or NULL. */
static EsMember *
selected_member (EsMembersPage *self)
{
  EsSlot *slot = gtk_single_selection_get_selected_item (self->selection);

  return slot != NULL ? es_slot_get_item (slot) : NULL;
}

/* After a search the rows show other members: a selection that moved to another member
 * is dropped (the member stays remembered for the way back from their page). */
static void
check_selection (EsMembersPage *self)
{
  EsMember *member = selected_member (self);

  if (member != NULL && member->id != self->selected_id)
    {
      gint64 kept = self->selected_id;

      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      self->selected_id = kept;
    }
}

/* After a frame with the first rows: their height, from the height of them all. */
static void
measure_rows (EsMembersPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  if (adjustment != NULL && n > 0 && gtk_adjustment_get_upper (adjustment) >= n * MIN_ROW_HEIGHT)
    self->row_height = gtk_adjustment_get_upper (adjustment) / n;
}

static guint
screen_rows (EsMembersPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  double page = adjustment != NULL ? gtk_adjustment_get_page_size (adjustment) : 0;
  double height = MAX (self->row_height, MIN_ROW_HEIGHT);

  /* Before the first frame: guessed from the window's height. */
  if (page <= 0)
    page = es_after_frame_window_height (GTK_WIDGET (self)) - ABOVE_ROWS;
  if (page <= 0)
    return FIRST_ROWS;
  return MIN (FIRST_ROWS, (guint)(page / height) + 2);
}

static gboolean
show_rest_cb (gpointer data)
{
  EsMembersPage *self = data;

  measure_rows (self);
  gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

static void
select_row (EsMembersPage *self, gint64 id, gboolean scroll)
{
  guint position = find_row (self, id);
  GtkWidget *view;

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  if (position >= gtk_slice_list_model_get_size (self->shown))
    {
      es_after_frame_cancel (&self->show_rest);
      show_rest_cb (self);
    }
  gtk_single_selection_set_selected (self->selection, position);
  view = inner_list_view (self);
  if (scroll && view != NULL)
    gtk_widget_activate_action (view, "list.scroll-to-item", "u", position);
}

static void list_changed_cb (EsMembersPage *self, guint position, guint removed, guint added,
                             GListModel *model);
static void list_loaded_cb (EsMembersPage *self, EsMemberList *list);
static void fill_sectors (EsMembersPage *self);

/* The table follows the list from the first time it is shown. */
static void
attach (EsMembersPage *self)
{
  GListModel *model;
  guint first;

  if (self->list == NULL || self->attached)
    return;
  model = es_member_list_get_model (self->list);
  /* As many rows as the screen holds first, if it was measured already. */
  first = screen_rows (self);
  if (gtk_slice_list_model_get_size (self->shown) != G_MAXUINT)
    gtk_slice_list_model_set_size (self->shown, first);
  es_slot_model_set_eager (self->slots, first);
  /* The models above hear of a change before this page does. */
  gtk_sort_list_model_set_model (self->sorted, model);
  self->list_changed_id = g_signal_connect_object (
      model, "items-changed", G_CALLBACK (list_changed_cb), self, G_CONNECT_SWAPPED);
  self->list_loaded_id = g_signal_connect_object (self->list, "loaded", G_CALLBACK (list_loaded_cb),
                                                  self, G_CONNECT_SWAPPED);
  self->attached = TRUE;
}

static gboolean
show_load_error (EsMembersPage *self)
{
  const GError *error = es_member_list_get_error (self->list);

  if (es_member_list_is_loaded (self->list) || es_member_list_is_loading (self->list)
      || error == NULL)
    return FALSE;
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->list_stack, "error");
  return TRUE;
}

static void show_rows (EsMembersPage *self);

static gboolean
attach_later_cb (gpointer data)
{
  EsMembersPage *self = data;

  attach (self);
  show_rows (self);
  return G_SOURCE_REMOVE;
}

/* The members are read in the background: the table shows its toolbar meanwhile. */
static void
load (EsMembersPage *self)
{
  if (self->list == NULL)
    return;
  if (!self->attached && es_member_list_is_complete (self->list))
    {
      /* Sorting and filtering thousands of members takes tens of milliseconds: the table
       * shows first, its rows a frame later. */
      es_after_frame_schedule (&self->attach_later, GTK_WIDGET (self), attach_later_cb, self);
      update_view (self);
      return;
    }
  attach (self);
  if (!es_member_list_is_loaded (self->list))
    {
      if (self->cancellable == NULL)
        self->cancellable = g_cancellable_new ();
      es_member_list_load_async (self->list, self->cancellable);
    }
  /* At once if it was read on the spot (an in-memory database). */
  if (show_load_error (self))
    return;
  fill_sectors (self);
  update_view (self);
}

/* Cells */

static void
update_text (GtkListItem *item, ColumnId id)
{
  EsSlot *slot = gtk_list_item_get_item (item);
  EsMember *member = slot != NULL ? es_slot_get_item (slot) : NULL;
  EsTextCell *cell = ES_TEXT_CELL (gtk_list_item_get_child (item));
  g_autofree char *owned = NULL;
  const char *text = NULL;

  if (member == NULL)
    {
      es_text_cell_set_text (cell, NULL);
      return;
    }
  switch (id)
    {
    case COLUMN_NAME:
      text = owned = es_member_dup_display_name (member);
      break;
    case COLUMN_TRADE_NAME:
      text = member->trade_name;
      break;
    case COLUMN_ACTIVITY:
      text = member->activity;
      break;
    case COLUMN_COUNSELOR:
      text = member->counselor_name;
      break;
    case COLUMN_STAGE:
      text = es_stage_label (member->state.stage);
      break;
    case COLUMN_SINCE:
      if (g_date_valid (&member->state.stage_since))
        text = owned = es_date_format_short (&member->state.stage_since);
      break;
    case COLUMN_CITY:
      text = member->city;
      break;
    case COLUMN_DEADLINE:
    case N_COLUMNS:
    default:
      break;
    }
  es_text_cell_set_text (cell, text);
}

/* Tooltips are asked for on hover rather than set on every change: setting them costs
 * more than the rest of a row's update. */
static gboolean
query_tooltip_cb (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  GtkListItem *item)
{
  ColumnId id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "es-column"));
  EsSlot *slot = gtk_list_item_get_item (item);
  EsMember *member = slot != NULL ? es_slot_get_item (slot) : NULL;
  g_autofree char *text = NULL;

  if (member == NULL)
    return FALSE;
  switch (id)
    {
    case COLUMN_TRADE_NAME:
      text = g_strdup (member->trade_name);
      break;
    case COLUMN_ACTIVITY:
      text = g_strdup (member->activity);
      break;
    case COLUMN_DEADLINE:
      if (member->has_deadline)
        {
          g_autofree char *delay = es_deadline_describe_delay (&member->deadline);
          g_autofree char *date = es_date_format_long (&member->deadline.date);

          text = g_strdup_printf ("%s · %s\n%s", es_deadline_kind_label (member->deadline.kind),
                                  delay, date);
        }
      break;
    case COLUMN_NAME:
    case COLUMN_COUNSELOR:
    case COLUMN_STAGE:
    case COLUMN_SINCE:
    case COLUMN_CITY:
    case N_COLUMNS:
    default:
      break;
    }
  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_deadline (GtkListItem *item)
{
  EsSlot *slot = gtk_list_item_get_item (item);
  EsMember *member = slot != NULL ? es_slot_get_item (slot) : NULL;
  EsBadge *badge = ES_BADGE (gtk_list_item_get_child (item));
  g_autofree char *delay = NULL;
  g_autofree char *text = NULL;

  if (member == NULL || !member->has_deadline)
    {
      es_badge_set (badge, NULL, ES_URGENCY_LATER);
      return;
    }
  delay = es_deadline_describe_delay (&member->deadline);
  text = g_strdup_printf ("%s · %s", es_deadline_kind_label (member->deadline.kind), delay);
  es_badge_set (badge, text, member->deadline.urgency);
}

/* A cell shows what its row's slot shows, now and after a search. */
static void
update_cell (GtkListItem *item)
{
  ColumnId id = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "es-column"));

  if (id == COLUMN_DEADLINE)
    update_deadline (item);
  else
    update_text (item, id);
}

static void
slot_changed_cb (EsSlot *slot, GParamSpec *pspec, GtkListItem *item)
{
  update_cell (item);
}

static void
setup_text_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  ColumnId id = GPOINTER_TO_INT (data);
  /* Never narrower than that: on a small screen the table scrolls sideways. */
  GtkWidget *cell = es_text_cell_new (MAX (6, columns[id].nat_chars * 2 / 3), columns[id].nat_chars,
                                      id == COLUMN_SINCE);

  g_object_set_data (G_OBJECT (item), "es-column", data);
  if (id == COLUMN_NAME)
    gtk_widget_add_css_class (cell, "es-cell-name");
  if (id == COLUMN_ACTIVITY || id == COLUMN_TRADE_NAME)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_tooltip_cb), item);
    }
  gtk_list_item_set_child (item, cell);
}

static void
setup_deadline_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *badge = es_badge_new (16, columns[COLUMN_DEADLINE].nat_chars);

  g_object_set_data (G_OBJECT (item), "es-column", data);
  gtk_widget_add_css_class (badge, "caption");
  gtk_widget_set_has_tooltip (badge, TRUE);
  g_signal_connect (badge, "query-tooltip", G_CALLBACK (query_tooltip_cb), item);
  gtk_list_item_set_child (item, badge);
}

static void
bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  g_signal_connect (gtk_list_item_get_item (item), "notify::item", G_CALLBACK (slot_changed_cb),
                    item);
  update_cell (item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), slot_changed_cb, item);
}

static int
compare_names (gconstpointer a, gconstpointer b, gpointer data)
{
  return es_member_compare ((EsMember *)a, (EsMember *)b);
}

static void
add_columns (EsMembersPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkExpression *expression = NULL;
      GtkSorter *sorter;
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup",
                        i == COLUMN_DEADLINE ? G_CALLBACK (setup_deadline_cb)
                                             : G_CALLBACK (setup_text_cb),
                        GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);

      /* Names as the list has them: by the keys kept with them. */
      if (columns[i].sort_property != NULL)
        expression = gtk_property_expression_new (ES_TYPE_MEMBER, NULL, columns[i].sort_property);
      if (i == COLUMN_NAME)
        sorter = GTK_SORTER (gtk_custom_sorter_new (compare_names, NULL, NULL));
      else if (columns[i].numeric)
        sorter = GTK_SORTER (gtk_numeric_sorter_new (expression));
      else
        sorter = GTK_SORTER (gtk_string_sorter_new (expression));

      column = gtk_column_view_column_new (_ (columns[i].title), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_append_column (self->column_view, column);
      g_object_unref (sorter);
      g_object_unref (column);
    }
}

/* Filters */

/* The filters' labels may shrink on a narrow screen. */
static void
setup_choice_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  es_tooltip_follow_label (GTK_LABEL (label));
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (string));
}

static void
set_choice_factory (GtkDropDown *dropdown)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_cb), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
}

static void
set_strings (GtkDropDown *dropdown, GtkStringList *strings, guint selected)
{
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (dropdown, selected);
  g_object_unref (strings);
}

static void
fill_counselors (EsMembersPage *self)
{
  g_autoptr (GPtrArray) staff = self->db != NULL ? es_staff_store_list (self->db, NULL) : NULL;
  GtkStringList *strings = gtk_string_list_new (NULL);
  gint64 chosen = self->criteria.counselor_id;
  guint selected = 0;

  g_array_set_size (self->counselor_ids, 0);
  gtk_string_list_append (strings, _ ("All counselors"));
  gtk_string_list_append (strings, _ ("No counselor"));
  if (chosen == 0)
    selected = 1;
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      EsStaff *person = g_ptr_array_index (staff, i);

      gtk_string_list_append (strings, person->name);
      g_array_append_val (self->counselor_ids, person->id);
      if (person->id == chosen)
        selected = self->counselor_ids->len + 1;
    }
  set_strings (self->counselor_dropdown, strings, selected);
}

/* The sectors present among the members, in the order of the nomenclature. */
static void
fill_sectors (EsMembersPage *self)
{
  const char *letters = self->list != NULL ? es_member_list_get_sectors (self->list) : "";
  GtkStringList *strings;
  guint selected = 0;

  if (g_str_equal (letters, self->sectors->str)
      && gtk_drop_down_get_model (self->sector_dropdown) != NULL)
    return;

  g_string_assign (self->sectors, letters);
  strings = gtk_string_list_new (NULL);
  gtk_string_list_append (strings, _ ("All sectors"));
  for (guint i = 0; letters[i] != '\0'; i++)
    {
      gtk_string_list_append (strings, es_naf_section_label (letters[i]));
      if (letters[i] == self->criteria.sector)
        selected = i + 1;
    }
  set_strings (self->sector_dropdown, strings, selected);
}

static void
fill_static_filters (EsMembersPage *self)
{
  GtkStringList *strings = gtk_string_list_new (NULL);

  gtk_string_list_append (strings, _ ("All stages"));
  for (guint i = 0; i < ES_STAGE_N_STAGES; i++)
    gtk_string_list_append (strings, es_stage_label (i));
  set_strings (self->stage_dropdown, strings, 0);

  strings = gtk_string_list_new (NULL);
  for (guint i = 0; i < ES_DEADLINE_FILTER_N; i++)
    gtk_string_list_append (strings, es_deadline_filter_label (i));
  set_strings (self->deadline_dropdown, strings, 0);
}

static void
read_filters (EsMembersPage *self)
{
  guint stage = gtk_drop_down_get_selected (self->stage_dropdown);
  guint counselor = gtk_drop_down_get_selected (self->counselor_dropdown);
  guint sector = gtk_drop_down_get_selected (self->sector_dropdown);
  guint deadline = gtk_drop_down_get_selected (self->deadline_dropdown);

  self->criteria.stage = stage >= 1 && stage <= ES_STAGE_N_STAGES ? (int)stage - 1 : -1;
  if (counselor == 1)
    self->criteria.counselor_id = 0;
  else if (counselor >= 2 && counselor - 2 < self->counselor_ids->len)
    self->criteria.counselor_id = g_array_index (self->counselor_ids, gint64, counselor - 2);
  else
    self->criteria.counselor_id = -1;
  self->criteria.sector
      = sector >= 1 && sector <= self->sectors->len ? self->sectors->str[sector - 1] : 0;
  self->criteria.deadline
      = deadline < ES_DEADLINE_FILTER_N ? (EsDeadlineFilter)deadline : ES_DEADLINE_FILTER_ANY;
}

static void
scroll_to_top (EsMembersPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
run_search (EsMembersPage *self, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  GArray *ids;
  guint first;

  if (g_strcmp0 (stripped, self->search_text) == 0)
    return;

  g_free (self->search_text);
  self->search_text = g_strdup (stripped);
  g_clear_pointer (&self->search_ids, g_array_unref);

  if (stripped[0] != '\0' && self->db != NULL)
    {
      ids = es_member_store_search_set (self->db, stripped, &error);
      if (ids == NULL)
        {
          g_warning ("Cannot search the members: %s", error->message);
          ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        }
      self->search_ids = ids;
    }

  /* More rows than the screen holds are made after the frame, not in the keystroke; those
   * there stay (the slots past the end go after the frame too). */
  first = screen_rows (self);
  es_slot_model_set_eager (self->slots, first);
  if (gtk_slice_list_model_get_size (self->shown) > first)
    {
      gtk_slice_list_model_set_size (
          self->shown, MAX (first, g_list_model_get_n_items (G_LIST_MODEL (self->slots))));
      es_after_frame_schedule (&self->show_rest, GTK_WIDGET (self), show_rest_cb, self);
    }
  es_member_rows_set_filter_ids (self->filtered, &self->criteria, self->search_ids);
  check_selection (self);
  /* Another search: its results from the top. */
  scroll_to_top (self);
}

/* Callbacks */

static void
search_changed_cb (EsMembersPage *self, GtkEditable *editable)
{
  run_search (self, gtk_editable_get_text (editable));
}

static void
stop_search_cb (EsMembersPage *self, GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
search_activate_cb (EsMembersPage *self, GtkSearchEntry *entry)
{
  g_autoptr (EsMember) member = NULL;

  /* Enter opens the first member found. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0)
    return;
  member = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);
  es_members_page_show_member (self, member->id);
}

static void
filter_dropdown_cb (EsMembersPage *self, GParamSpec *pspec, GtkDropDown *dropdown)
{
  if (self->filtered == NULL || self->counselor_ids == NULL)
    return;
  read_filters (self);
  es_member_rows_set_filter_ids (self->filtered, &self->criteria, self->search_ids);
  check_selection (self);
}

static void
row_activated_cb (EsMembersPage *self, guint position, GtkColumnView *view)
{
  g_autoptr (EsMember) member = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (member != NULL)
    es_members_page_show_member (self, member->id);
}

static void
selection_changed_cb (EsMembersPage *self, GParamSpec *pspec, GtkSingleSelection *selection)
{
  EsMember *member = selected_member (self);

  if (member != NULL)
    self->selected_id = member->id;
}

/* After a reload the selected member is a new object: select it again. */
static gboolean
reselect_cb (gpointer data)
{
  EsMembersPage *self = data;

  self->reselect_id = 0;
  if (self->selected_id == 0)
    return G_SOURCE_REMOVE;
  check_selection (self);
  if (selected_member (self) == NULL)
    select_row (self, self->selected_id, FALSE);
  return G_SOURCE_REMOVE;
}

static void
rows_changed_cb (EsMembersPage *self, guint position, guint removed, guint added, GListModel *model)
{
  update_view (self);
  if (self->selected_id != 0 && self->reselect_id == 0)
    self->reselect_id = g_idle_add (reselect_cb, self);
}

static void
list_changed_cb (EsMembersPage *self, guint position, guint removed, guint added, GListModel *model)
{
  fill_sectors (self);
  update_view (self);
}

static void
list_loaded_cb (EsMembersPage *self, EsMemberList *list)
{
  if (show_load_error (self))
    return;
  show_rows (self);
}

static void
show_rows (EsMembersPage *self)
{
  fill_sectors (self);
  update_view (self);
  /* Once the first rows are on screen, the others: the scroll bar then spans them all. */
  if (gtk_slice_list_model_get_size (self->shown) != G_MAXUINT)
    es_after_frame_schedule (&self->show_rest, GTK_WIDGET (self), show_rest_cb, self);
  /* A member asked for before the rows were there. */
  if (self->selected_id != 0 && selected_member (self) == NULL)
    select_row (self, self->selected_id, TRUE);
}

static void
db_changed_cb (EsMembersPage *self, const char *table, EsDb *db)
{
  if (g_strcmp0 (table, "staff") == 0)
    fill_counselors (self);
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  es_members_page_show_list (ES_MEMBERS_PAGE (widget));
}

static void
member_added_cb (EsMembersPage *self, gint64 id, gboolean created, EsMemberForm *form)
{
  show_toast (self, _ ("Member added"));
  es_members_page_show_member (self, id);
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  EsMembersPage *self = ES_MEMBERS_PAGE (widget);
  EsMemberForm *form;

  if (self->db == NULL)
    return;
  form = es_member_form_new (parent_window (self), self->db, NULL, today (self));
  g_signal_connect_object (form, "saved", G_CALLBACK (member_added_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (form));
}

static void
clear_filters_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  EsMembersPage *self = ES_MEMBERS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->stage_dropdown, 0);
  gtk_drop_down_set_selected (self->counselor_dropdown, 0);
  gtk_drop_down_set_selected (self->sector_dropdown, 0);
  gtk_drop_down_set_selected (self->deadline_dropdown, 0);
}

static void
focus_search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  EsMembersPage *self = ES_MEMBERS_PAGE (widget);

  es_members_page_show_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* GObject */

static void
set_list (EsMembersPage *self, EsMemberList *list)
{
  es_after_frame_cancel (&self->attach_later);
  es_after_frame_cancel (&self->show_rest);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  if (self->list != NULL)
    {
      g_clear_signal_handler (&self->list_changed_id, es_member_list_get_model (self->list));
      g_clear_signal_handler (&self->list_loaded_id, self->list);
      g_clear_object (&self->list);
    }
  gtk_sort_list_model_set_model (self->sorted, NULL);
  gtk_slice_list_model_set_size (self->shown, FIRST_ROWS);
  self->attached = FALSE;
  if (list != NULL)
    self->list = g_object_ref (list);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

/* A member's page is a few milliseconds of widgets: made when first needed, not with the
 * window. */
static EsMemberPage *
ensure_member_page (EsMembersPage *self)
{
  AdwLeafletPage *page;

  if (self->member_page != NULL)
    return self->member_page;
  self->member_page = g_object_new (ES_TYPE_MEMBER_PAGE, NULL);
  es_member_page_set_db (self->member_page, self->db);
  page = adw_leaflet_append (self->leaflet, GTK_WIDGET (self->member_page));
  adw_leaflet_page_set_name (page, "member");
  return self->member_page;
}

static void
es_members_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (es_members_page_parent_class)->map (widget);

  /* The rows follow the members from when the table is first seen. */
  load (ES_MEMBERS_PAGE (widget));
}

static void
es_members_page_dispose (GObject *object)
{
  EsMembersPage *self = ES_MEMBERS_PAGE (object);

  g_clear_handle_id (&self->reselect_id, g_source_remove);
  if (self->db != NULL)
    g_clear_signal_handler (&self->db_changed_id, self->db);
  if (self->sorted != NULL)
    set_list (self, NULL);
  /* The bin's child is a template child too: the bin must let go of it first. */
  self->member_page = NULL;
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ES_TYPE_MEMBERS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->slots);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (es_members_page_parent_class)->dispose (object);
}

static void
es_members_page_finalize (GObject *object)
{
  EsMembersPage *self = ES_MEMBERS_PAGE (object);

  g_free (self->search_text);
  g_clear_pointer (&self->search_ids, g_array_unref);
  g_clear_pointer (&self->counselor_ids, g_array_unref);
  if (self->sectors != NULL)
    g_string_free (self->sectors, TRUE);

  G_OBJECT_CLASS (es_members_page_parent_class)->finalize (object);
}

static void
es_members_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EsMembersPage *self = ES_MEMBERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_members_page_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  EsMembersPage *self = ES_MEMBERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB:
      es_members_page_set_db (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_members_page_class_init (EsMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = es_members_page_dispose;
  object_class->finalize = es_members_page_finalize;
  object_class->get_property = es_members_page_get_property;
  object_class->set_property = es_members_page_set_property;
  widget_class->map = es_members_page_map;

  properties[PROP_DB]
      = g_param_spec_object ("db", NULL, NULL, ES_TYPE_DB,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ES_TYPE_MEMBER_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/coop/essaim/Essaim/ui/es-members-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, add_icon_button);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, counselor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, sector_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, deadline_dropdown);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, filters_box);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, EsMembersPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_dropdown_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "members.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "members.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "members.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_install_action (widget_class, "members.focus-search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "members.add",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "members.back",
                                       NULL);
}

static void
es_members_page_init (EsMembersPage *self)
{
  self->counselor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->sectors = g_string_new (NULL);
  es_member_filter_init (&self->criteria);

  gtk_widget_init_template (GTK_WIDGET (self));

  add_columns (self);
  set_choice_factory (self->stage_dropdown);
  set_choice_factory (self->counselor_dropdown);
  set_choice_factory (self->sector_dropdown);
  set_choice_factory (self->deadline_dropdown);
  es_tooltip_set_text (self->add_icon_button, _ ("Add a Member"));
  es_tooltip_set_text (GTK_WIDGET (self->stage_dropdown), _ ("Stage"));
  es_tooltip_set_text (GTK_WIDGET (self->counselor_dropdown), _ ("Counselor"));
  es_tooltip_set_text (GTK_WIDGET (self->sector_dropdown), _ ("Sector"));
  es_tooltip_set_text (GTK_WIDGET (self->deadline_dropdown), _ ("Deadline"));
  self->sorted = gtk_sort_list_model_new (
      NULL, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filtered = es_member_rows_new (G_LIST_MODEL (self->sorted));
  self->slots = es_slot_model_new (G_LIST_MODEL (self->filtered));
  /* The rows on screen follow a search at once, those the view keeps below them after. */
  es_slot_model_set_eager (self->slots, FIRST_ROWS);
  self->shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->slots)), 0, FIRST_ROWS);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (rows_changed_cb), self,
                           G_CONNECT_SWAPPED);

  fill_static_filters (self);
  fill_counselors (self);
  fill_sectors (self);

  /* The filters are boxes of a flow box only to wrap on narrow screens. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->filters_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
}

EsDb *
es_members_page_get_db (EsMembersPage *self)
{
  g_return_val_if_fail (ES_IS_MEMBERS_PAGE (self), NULL);

  return self->db;
}

void
es_members_page_set_db (EsMembersPage *self, EsDb *db)
{
  g_return_if_fail (ES_IS_MEMBERS_PAGE (self));
  g_return_if_fail (db == NULL || ES_IS_DB (db));

  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->db_changed_id, self->db);
  g_set_object (&self->db, db);
  if (db != NULL)
    self->db_changed_id = g_signal_connect_object (db, "changed", G_CALLBACK (db_changed_cb), self,
                                                   G_CONNECT_SWAPPED);

  g_clear_pointer (&self->search_text, g_free);
  self->selected_id = 0;
  if (self->member_page != NULL)
    es_member_page_set_db (self->member_page, db);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  set_list (self, db != NULL ? es_member_list_get_for_db (db) : NULL);
  fill_counselors (self);
  fill_sectors (self);
  run_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}

void
es_members_page_show_member (EsMembersPage *self, gint64 id)
{
  g_return_if_fail (ES_IS_MEMBERS_PAGE (self));

  load (self);
  self->selected_id = id;
  select_row (self, id, TRUE);
  es_member_page_set_member_id (ensure_member_page (self), id);
  adw_leaflet_set_visible_child_name (self->leaflet, "member");
}

void
es_members_page_show_list (EsMembersPage *self)
{
  g_return_if_fail (ES_IS_MEMBERS_PAGE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  if (self->selected_id != 0)
    select_row (self, self->selected_id, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
es_members_page_search (EsMembersPage *self, const char *text)
{
  g_return_if_fail (ES_IS_MEMBERS_PAGE (self));

  es_members_page_show_list (self);
  /* Once, not for the text removed then for the text inserted. */
  g_signal_handlers_block_by_func (self->search_entry, search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, search_changed_cb, self);
  run_search (self, text);
}

GListModel *
es_members_page_get_rows (EsMembersPage *self)
{
  g_return_val_if_fail (ES_IS_MEMBERS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

EsMemberPage *
es_members_page_get_member_page (EsMembersPage *self)
{
  g_return_val_if_fail (ES_IS_MEMBERS_PAGE (self), NULL);

  return self->member_page;
}
