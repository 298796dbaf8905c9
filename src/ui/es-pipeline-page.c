/* es-pipeline-page.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline as a board: a column per stage, each a list over that stage's model of
 * the database's one shared member list (EsMemberList), so that only the cards near the
 * visible ones are widgets whatever the number of members. The lists are one-column
 * GtkGridViews rather than GtkListViews: in GTK 4.8 a list view keeps up to 200 rows
 * alive and a grid view 30, and cards are the cost of opening the board; each first
 * shows only the members its height holds (first_cards), the rest a frame later. The
 * members are read in the background from the moment the window has the database: the
 * columns show at once, each saying "Loading…" until the cards come, with a spinner only
 * if that takes long (an animation is a frame every 16.7 ms taken from the read). The
 * first members of each stage come before the others, in time for the window's first
 * frame; the counts say "Loading…" until every member is there. The
 * Exited column shows the exits of the last 12 months unless asked for all.
 *
 * A member moves forward through the form of that step (EsEventDialog), reached three
 * ways: dropping the card onto another column, the card's menu, or the keyboard
 * (Ctrl+→ for the next step, Shift+F10 or the Menu key for the card's menu). All go
 * through the "pipeline.add-event" action. Enter, or "Open Member Page", emits
 * ::open-member for the window to show the member in the Entrepreneurs section.
 *
 * Actions: pipeline.add-event (member id, event kind code), pipeline.open-member (id),
 * pipeline.step-focused and pipeline.menu-focused (the card with the keyboard focus).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "es-after-frame.h"
#include "es-date.h"
#include "es-event-dialog.h"
#include "es-member-card.h"
#include "es-member-list.h"
#include "es-member-store.h"
#include "es-member-view.h"
#include "es-pipeline-page.h"
#include "es-tooltip.h"

/* Cards a column makes for the frame that first shows the members: as many as its height
 * holds (first_cards), far fewer than the 30 a GtkGridView keeps by itself, never more
 * than FIRST_CARDS, which is that many before the board has a height. The rest follow a
 * frame later. A card is counted no taller than one without a deadline, the smallest. */
#define FIRST_CARDS 10
#define MIN_CARD_HEIGHT 40
/* Between two cards: the padding of .es-board-list > child in style.css. */
#define CARD_SPACING 8
/* Before the first frame, the columns' height is guessed from the window's: this is less
 * than what stands above them (header bar, column headers, margins), so as to guess more. */
#define ABOVE_COLUMNS 100

/* A read that ends sooner shows "Loading…" alone: a spinner is an animation, a frame
 * every 16.7 ms that takes the processor from the read and delays the frame with the
 * cards to its own rhythm. */
#define SPINNER_DELAY_MS 400

typedef struct
{
  EsPipelinePage *page;
  EsStage stage;
  GtkWidget *box;
  GtkLabel *count_label;
  GtkSpinner *spinner;
  GtkStack *stack;
  GtkGridView *view;
  GtkFilterListModel *model;
  GtkSliceListModel *shown; /* what the view shows of model: its first cards, then all */
  GtkCustomFilter *filter;
} Column;

struct _EsPipelinePage
{
  AdwBin parent_instance;

  EsDb *db;
  EsMemberList *list;
  gulong list_changed_id;
  gulong list_loaded_id;
  GCancellable *cancellable; /* of the first read, cancelled when the page goes */
  gboolean attached;         /* the columns follow the list (once shown) */
  EsAfterFrame attach_later; /* the rows follow a read list after the first frame */
  EsAfterFrame show_rest;    /* all the cards follow the first ones after their frame */
  gboolean show_all_exits;
  guint spinner_id; /* shows the spinners of a read that takes long */
  int card_height;  /* pixels, of a card without a deadline, once measured */
  Column columns[ES_STAGE_N_STAGES];
  GtkDropDown *exits_dropdown;

  /* template children */
  GtkStack *stack;
  GtkBox *columns_box;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (EsPipelinePage, es_pipeline_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_DB,
  PROP_SHOW_ALL_EXITS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  OPEN_MEMBER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static const GDate *
today (EsPipelinePage *self)
{
  static GDate fallback;

  if (self->list != NULL)
    return es_member_list_get_today (self->list);
  fallback = es_date_today ();
  return &fallback;
}

static void
show_toast (EsPipelinePage *self, const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

/* The member with that id, from the list or else from the database. */
static EsMember *
get_member (EsPipelinePage *self, gint64 id)
{
  EsMember *member = NULL;
  g_autoptr (GError) error = NULL;

  if (self->list != NULL)
    member = es_member_list_lookup (self->list, id);
  if (member != NULL)
    return g_object_ref (member);
  if (self->db == NULL)
    return NULL;
  member = es_member_store_get (self->db, id, today (self), &error);
  if (member == NULL)
    show_toast (self, error->message);
  return member;
}

static gboolean
loading (EsPipelinePage *self)
{
  return self->list != NULL && (!es_member_list_is_loaded (self->list) || !self->attached);
}

static void
update_count (Column *column)
{
  EsPipelinePage *self = column->page;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (column->model));
  g_autofree char *text = NULL;

  if (!loading (self))
    {
      gtk_spinner_stop (column->spinner);
      gtk_widget_set_visible (GTK_WIDGET (column->spinner), FALSE);
    }
  /* Until the members are there, the column says so rather than that it is empty; until
   * all of them are (the first ones come sooner, and show), rather than how many. */
  if (loading (self) || (self->list != NULL && !es_member_list_is_complete (self->list)))
    {
      gtk_label_set_text (column->count_label, _ ("Loading…"));
      gtk_stack_set_visible_child_name (column->stack, "list");
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n), n);
  gtk_label_set_text (column->count_label, text);
  gtk_stack_set_visible_child_name (column->stack, n > 0 ? "list" : "empty");
}

static gboolean
show_spinners_cb (gpointer data)
{
  EsPipelinePage *self = data;

  self->spinner_id = 0;
  for (guint i = 0; i < ES_STAGE_N_STAGES && loading (self); i++)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->columns[i].spinner), TRUE);
      gtk_spinner_start (self->columns[i].spinner);
    }
  return G_SOURCE_REMOVE;
}

static void
update_counts (EsPipelinePage *self)
{
  for (guint i = 0; i < ES_STAGE_N_STAGES; i++)
    update_count (&self->columns[i]);
  if (!loading (self))
    g_clear_handle_id (&self->spinner_id, g_source_remove);
  else if (self->spinner_id == 0 && !gtk_widget_get_visible (GTK_WIDGET (self->columns[0].spinner)))
    self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, show_spinners_cb, self);
}

static void
update_stack (EsPipelinePage *self)
{
  if (self->list == NULL || !self->attached || !es_member_list_is_loaded (self->list))
    return;
  gtk_stack_set_visible_child_name (
      self->stack,
      g_list_model_get_n_items (es_member_list_get_model (self->list)) > 0 ? "board" : "empty");
}

/* As many cards as a column's height holds, at most FIRST_CARDS. */
static guint
first_cards (EsPipelinePage *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->columns[0].stack));

  if (height <= 0)
    height = es_after_frame_window_height (GTK_WIDGET (self)) - ABOVE_COLUMNS;
  if (height <= 0)
    return FIRST_CARDS;
  if (self->card_height <= 0)
    {
      GtkWidget *card = g_object_ref_sink (es_member_card_new ());
      int natural = 0;

      gtk_widget_measure (card, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
      self->card_height = MAX (natural, MIN_CARD_HEIGHT);
      g_object_unref (card);
    }
  /* A card cut by the bottom counts. */
  return CLAMP (
      (guint)((height + self->card_height + CARD_SPACING - 1) / (self->card_height + CARD_SPACING)),
      1, FIRST_CARDS);
}

/* Before the first cards are made: as many as the columns hold. */
static void
size_first_cards (EsPipelinePage *self)
{
  guint n;

  if (gtk_slice_list_model_get_size (self->columns[0].shown) == G_MAXUINT)
    return;
  n = first_cards (self);
  for (guint i = 0; i < ES_STAGE_N_STAGES; i++)
    gtk_slice_list_model_set_size (self->columns[i].shown, n);
}

static void
list_items_changed_cb (EsPipelinePage *self, guint position, guint removed, guint added,
                       GListModel *model)
{
  /* The whole list changes before each stage's: the columns get their cards next. */
  size_first_cards (self);
  update_stack (self);
}

static void
show_error (EsPipelinePage *self, const GError *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static gboolean
show_rest_cb (gpointer data)
{
  EsPipelinePage *self = data;

  for (guint i = 0; i < ES_STAGE_N_STAGES; i++)
    gtk_slice_list_model_set_size (self->columns[i].shown, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* Once the first cards are on screen, the others: a column of thousands then scrolls
 * to its end. */
static void
schedule_rest (EsPipelinePage *self)
{
  if (gtk_slice_list_model_get_size (self->columns[0].shown) == G_MAXUINT)
    return;
  es_after_frame_schedule (&self->show_rest, GTK_WIDGET (self), show_rest_cb, self);
}

static void
list_loaded_cb (EsPipelinePage *self, EsMemberList *list)
{
  const GError *error = es_member_list_get_error (list);

  if (!es_member_list_is_loaded (list) && error != NULL)
    {
      show_error (self, error);
      return;
    }
  update_counts (self);
  update_stack (self);
  schedule_rest (self);
}

/* The columns follow the list from the first time the board is shown. */
static void
attach (EsPipelinePage *self)
{
  GListModel *model;

  if (self->list == NULL || self->attached)
    return;
  model = es_member_list_get_model (self->list);
  /* The columns hear of a change before this page does. */
  for (guint i = 0; i < ES_STAGE_N_STAGES; i++)
    gtk_filter_list_model_set_model (self->columns[i].model,
                                     es_member_list_get_stage_model (self->list, i));
  self->list_changed_id = g_signal_connect_object (
      model, "items-changed", G_CALLBACK (list_items_changed_cb), self, G_CONNECT_SWAPPED);
  self->list_loaded_id = g_signal_connect_object (self->list, "loaded", G_CALLBACK (list_loaded_cb),
                                                  self, G_CONNECT_SWAPPED);
  self->attached = TRUE;
}

static gboolean
attach_later_cb (gpointer data)
{
  EsPipelinePage *self = data;

  size_first_cards (self);
  attach (self);
  update_counts (self);
  update_stack (self);
  schedule_rest (self);
  return G_SOURCE_REMOVE;
}

/* The members are read in the background: the board shows its columns meanwhile. */
static void
load (EsPipelinePage *self)
{
  if (self->list == NULL)
    return;
  if (!self->attached && es_member_list_is_complete (self->list))
    {
      /* Filtering thousands of members into the columns takes tens of milliseconds: the
       * columns show first, the cards a frame later. */
      es_after_frame_schedule (&self->attach_later, GTK_WIDGET (self), attach_later_cb, self);
      update_counts (self);
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
  if (!es_member_list_is_loaded (self->list) && es_member_list_get_error (self->list) != NULL
      && !es_member_list_is_loading (self->list))
    {
      show_error (self, es_member_list_get_error (self->list));
      return;
    }
  update_counts (self);
  update_stack (self);
}

/* The card that has the keyboard focus, or NULL. */
static EsMemberCard *
focused_card (EsPipelinePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *card;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;
  card = gtk_widget_get_ancestor (focus, ES_TYPE_MEMBER_CARD);
  if (card == NULL)
    {
      /* The focus is on the list's row, which holds the card. */
      GtkWidget *child = gtk_widget_get_first_child (focus);

      if (ES_IS_MEMBER_CARD (child))
        card = child;
    }
  return card != NULL ? ES_MEMBER_CARD (card) : NULL;
}

/* Filters */

static gboolean
exits_filter_func (gpointer item, gpointer user_data)
{
  Column *column = user_data;

  return column->page->show_all_exits
         || es_member_exited_within (item, today (column->page), ES_RECENT_EXIT_MONTHS);
}

/* Opening the forms */

static void
event_recorded_cb (EsPipelinePage *self, gint64 event_id, const char *description,
                   EsEventDialog *dialog)
{
  show_toast (self, description);
}

static void
open_event_dialog (EsPipelinePage *self, gint64 member_id, EsEventKind kind)
{
  g_autoptr (EsMember) member = get_member (self, member_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  EsEventDialog *dialog;

  if (member == NULL || self->db == NULL)
    return;

  dialog = es_event_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->db, member,
                                kind, today (self));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (event_recorded_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_event_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  EsPipelinePage *self = ES_PIPELINE_PAGE (widget);
  const char *code = NULL;
  EsEventKind kind;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &code);
  if (!es_event_kind_from_code (code, &kind) || kind == ES_EVENT_CANCELLATION)
    return;
  open_event_dialog (self, id, kind);
}

static void
open_member_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_signal_emit (widget, signals[OPEN_MEMBER], 0, g_variant_get_int64 (parameter));
}

/* Keyboard: Ctrl+→ takes the focused card to its next step, Shift+F10 or the Menu key
 * opens its menu. The keys are caught before the lists, which would take them for
 * themselves; they call the page's actions, which tests can call too. */

static void
step_focused_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  EsPipelinePage *self = ES_PIPELINE_PAGE (widget);
  EsMemberCard *card = focused_card (self);
  EsMember *member = card != NULL ? es_member_card_get_member (card) : NULL;
  EsEventKind kind;

  if (member == NULL)
    return;
  if (es_pipeline_forward_kind (&member->state, &kind))
    open_event_dialog (self, member->id, kind);
  else
    es_member_card_popup_menu (card);
}

static void
menu_focused_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  EsMemberCard *card = focused_card (ES_PIPELINE_PAGE (widget));

  if (card != NULL)
    es_member_card_popup_menu (card);
}

static gboolean
focused_shortcut_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  /* Elsewhere on the page the keys keep their usual meaning. */
  if (focused_card (ES_PIPELINE_PAGE (widget)) == NULL)
    return FALSE;
  return gtk_widget_activate_action (widget, user_data, NULL);
}

/* Drag and drop */

typedef struct
{
  EsPipelinePage *page;
  gint64 member_id;
  EsStage stage;
} Drop;

static gboolean
drop_idle_cb (gpointer data)
{
  Drop *drop = data;
  g_autoptr (EsMember) member = get_member (drop->page, drop->member_id);
  EsEventKind kind;

  if (member != NULL && member->state.stage != drop->stage)
    {
      if (es_member_step_to_stage (&member->state, drop->stage, &kind))
        open_event_dialog (drop->page, member->id, kind);
      else
        show_toast (drop->page, _ ("A member does not go back in the pipeline: to undo a step, "
                                   "correct or cancel it on the member’s page."));
    }
  g_object_unref (drop->page);
  g_free (drop);
  return G_SOURCE_REMOVE;
}

static gboolean
drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, Column *column)
{
  Drop *drop;

  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;

  /* The form opens once the drag is over. */
  drop = g_new0 (Drop, 1);
  drop->page = g_object_ref (column->page);
  drop->member_id = g_value_get_int64 (value);
  drop->stage = column->stage;
  g_idle_add (drop_idle_cb, drop);
  return TRUE;
}

static GdkDragAction
drop_motion_cb (GtkDropTarget *target, double x, double y, Column *column)
{
  const GValue *value = gtk_drop_target_get_value (target);
  EsMember *member;

  /* A card already in this column goes nowhere. */
  if (value != NULL && G_VALUE_HOLDS_INT64 (value) && column->page->list != NULL)
    {
      member = es_member_list_lookup (column->page->list, g_value_get_int64 (value));
      if (member != NULL && member->state.stage == column->stage)
        return 0;
    }
  return GDK_ACTION_MOVE;
}

/* The columns */

static void
setup_card_cb (GtkSignalListItemFactory *factory, GtkListItem *item, Column *column)
{
  gtk_list_item_set_child (item, es_member_card_new ());
}

static void
bind_card_cb (GtkSignalListItemFactory *factory, GtkListItem *item, Column *column)
{
  es_member_card_set_member (ES_MEMBER_CARD (gtk_list_item_get_child (item)),
                             gtk_list_item_get_item (item), today (column->page));
}

static void
unbind_card_cb (GtkSignalListItemFactory *factory, GtkListItem *item, Column *column)
{
  es_member_card_set_member (ES_MEMBER_CARD (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
activate_cb (GtkGridView *view, guint position, Column *column)
{
  g_autoptr (EsMember) member = g_list_model_get_item (G_LIST_MODEL (column->model), position);

  if (member != NULL)
    g_signal_emit (column->page, signals[OPEN_MEMBER], 0, member->id);
}

static void
column_items_changed_cb (GListModel *model, guint position, guint removed, guint added,
                         Column *column)
{
  update_count (column);
}

static void
exits_selected_cb (EsPipelinePage *self, GParamSpec *pspec, GtkDropDown *dropdown)
{
  es_pipeline_page_set_show_all_exits (self, gtk_drop_down_get_selected (dropdown) == 1);
}

static void
setup_scope_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  es_tooltip_follow_label (GTK_LABEL (label));
  gtk_list_item_set_child (item, label);
}

static void
bind_scope_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
build_column (EsPipelinePage *self, EsStage stage)
{
  Column *column = &self->columns[stage];
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *header, *title, *line, *scroller, *empty;
  GtkDropTarget *drop;

  column->page = self;
  column->stage = stage;

  column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (column->box, "es-board-column");
  gtk_widget_set_size_request (column->box, 196, -1);
  gtk_widget_set_hexpand (column->box, TRUE);

  /* The stage's name (and for the exits, which are shown), then how many members. */
  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (header, "es-board-column-header");
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (line, "es-board-column-title");
  title = gtk_label_new (es_stage_label (stage));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  es_tooltip_follow_label (GTK_LABEL (title));
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (line), title);
  column->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_valign (GTK_WIDGET (column->spinner), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (column->spinner), FALSE);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (column->spinner));
  gtk_box_append (GTK_BOX (header), line);
  column->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (column->count_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (column->count_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (column->count_label), "numeric");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->count_label));
  gtk_box_append (GTK_BOX (column->box), header);

  if (stage == ES_STAGE_EXITED)
    {
      const char *const scopes[] = { _ ("Last 12 months"), _ ("Every exit"), NULL };
      g_autoptr (GtkListItemFactory) scope_factory = gtk_signal_list_item_factory_new ();

      /* Its label may shrink rather than widen the column. */
      g_signal_connect (scope_factory, "setup", G_CALLBACK (setup_scope_cb), NULL);
      g_signal_connect (scope_factory, "bind", G_CALLBACK (bind_scope_cb), NULL);
      self->exits_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (scopes));
      gtk_drop_down_set_factory (self->exits_dropdown, scope_factory);
      es_tooltip_set_text (GTK_WIDGET (self->exits_dropdown), _ ("Exits Shown"));
      gtk_widget_set_valign (GTK_WIDGET (self->exits_dropdown), GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (self->exits_dropdown), "es-board-column-scope");
      g_signal_connect_object (self->exits_dropdown, "notify::selected",
                               G_CALLBACK (exits_selected_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->exits_dropdown));
    }

  /* Each column shows its stage's own list: only the exits are filtered (by date). */
  if (stage == ES_STAGE_EXITED)
    column->filter = gtk_custom_filter_new (exits_filter_func, column, NULL);
  column->model = gtk_filter_list_model_new (
      NULL, column->filter != NULL ? GTK_FILTER (g_object_ref (column->filter)) : NULL);
  g_signal_connect (column->model, "items-changed", G_CALLBACK (column_items_changed_cb), column);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_card_cb), column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_card_cb), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_card_cb), column);
  column->shown
      = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (column->model)), 0, FIRST_CARDS);
  column->view = GTK_GRID_VIEW (gtk_grid_view_new (
      GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (column->shown)))),
      factory));
  gtk_grid_view_set_max_columns (column->view, 1);
  gtk_widget_add_css_class (GTK_WIDGET (column->view), "es-board-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  es_stage_label (stage), -1);
  g_signal_connect (column->view, "activate", G_CALLBACK (activate_cb), column);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (column->view));

  empty = gtk_label_new (stage == ES_STAGE_EXITED ? _ ("No exit in the last 12 months")
                                                  : _ ("Nobody at this stage"));
  gtk_label_set_wrap (GTK_LABEL (empty), TRUE);
  gtk_label_set_justify (GTK_LABEL (empty), GTK_JUSTIFY_CENTER);
  gtk_widget_set_valign (empty, GTK_ALIGN_START);
  gtk_widget_set_margin_top (empty, 24);
  gtk_widget_add_css_class (empty, "dim-label");

  column->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (column->stack), TRUE);
  gtk_stack_add_named (column->stack, scroller, "list");
  gtk_stack_add_named (column->stack, empty, "empty");
  gtk_box_append (GTK_BOX (column->box), GTK_WIDGET (column->stack));

  drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (drop, TRUE);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), column);
  g_signal_connect (drop, "enter", G_CALLBACK (drop_motion_cb), column);
  g_signal_connect (drop, "motion", G_CALLBACK (drop_motion_cb), column);
  gtk_widget_add_controller (column->box, GTK_EVENT_CONTROLLER (drop));

  gtk_box_append (self->columns_box, column->box);
  update_count (column);
}

/* GObject */

static void
es_pipeline_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (es_pipeline_page_parent_class)->map (widget);

  /* The columns follow the members from when the board is first seen. */
  load (ES_PIPELINE_PAGE (widget));
}

static void
set_list (EsPipelinePage *self, EsMemberList *list)
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
  for (guint i = 0; i < ES_STAGE_N_STAGES; i++)
    {
      gtk_filter_list_model_set_model (self->columns[i].model, NULL);
      if (self->columns[i].shown != NULL)
        gtk_slice_list_model_set_size (self->columns[i].shown, FIRST_CARDS);
    }
  self->attached = FALSE;
  if (list != NULL)
    {
      self->list = g_object_ref (list);
      update_counts (self);
    }
  gtk_stack_set_visible_child_name (self->stack, "board");
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static void
es_pipeline_page_dispose (GObject *object)
{
  EsPipelinePage *self = ES_PIPELINE_PAGE (object);

  g_clear_handle_id (&self->spinner_id, g_source_remove);
  set_list (self, NULL);
  /* The bin's child is a template child too: the bin must let go of it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ES_TYPE_PIPELINE_PAGE);
  for (guint i = 0; i < ES_STAGE_N_STAGES; i++)
    {
      if (self->columns[i].model != NULL)
        g_signal_handlers_disconnect_by_data (self->columns[i].model, &self->columns[i]);
      g_clear_object (&self->columns[i].model);
      g_clear_object (&self->columns[i].shown);
      g_clear_object (&self->columns[i].filter);
    }
  g_clear_object (&self->db);

  G_OBJECT_CLASS (es_pipeline_page_parent_class)->dispose (object);
}

static void
es_pipeline_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EsPipelinePage *self = ES_PIPELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    case PROP_SHOW_ALL_EXITS:
      g_value_set_boolean (value, self->show_all_exits);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_pipeline_page_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  EsPipelinePage *self = ES_PIPELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB:
      es_pipeline_page_set_db (self, g_value_get_object (value));
      break;

    case PROP_SHOW_ALL_EXITS:
      es_pipeline_page_set_show_all_exits (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_shortcut (GtkShortcutController *controller, const char *trigger, const char *action)
{
  gtk_shortcut_controller_add_shortcut (
      controller,
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (trigger),
                        gtk_callback_action_new (focused_shortcut_cb, (gpointer)action, NULL)));
}

static void
es_pipeline_page_class_init (EsPipelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = es_pipeline_page_dispose;
  object_class->get_property = es_pipeline_page_get_property;
  object_class->set_property = es_pipeline_page_set_property;
  widget_class->map = es_pipeline_page_map;

  properties[PROP_DB]
      = g_param_spec_object ("db", NULL, NULL, ES_TYPE_DB,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ALL_EXITS]
      = g_param_spec_boolean ("show-all-exits", NULL, NULL, FALSE,
                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EsPipelinePage::open-member:
   * @member_id: the member to show
   *
   * Asks to show a member's page (in the Entrepreneurs section).
   */
  signals[OPEN_MEMBER] = g_signal_new ("open-member", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/coop/essaim/Essaim/ui/es-pipeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EsPipelinePage, stack);
  gtk_widget_class_bind_template_child (widget_class, EsPipelinePage, columns_box);
  gtk_widget_class_bind_template_child (widget_class, EsPipelinePage, error_page);

  gtk_widget_class_install_action (widget_class, "pipeline.add-event", "(xs)", add_event_action);
  gtk_widget_class_install_action (widget_class, "pipeline.open-member", "x", open_member_action);
  gtk_widget_class_install_action (widget_class, "pipeline.step-focused", NULL,
                                   step_focused_action);
  gtk_widget_class_install_action (widget_class, "pipeline.menu-focused", NULL,
                                   menu_focused_action);
}

static void
es_pipeline_page_init (EsPipelinePage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < ES_STAGE_N_STAGES; i++)
    build_column (self, i);

  /* Before the lists, which would take Ctrl+→ for themselves. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>Right", "pipeline.step-focused");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Shift>F10", "pipeline.menu-focused");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "Menu", "pipeline.menu-focused");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

EsDb *
es_pipeline_page_get_db (EsPipelinePage *self)
{
  g_return_val_if_fail (ES_IS_PIPELINE_PAGE (self), NULL);

  return self->db;
}

void
es_pipeline_page_set_db (EsPipelinePage *self, EsDb *db)
{
  g_return_if_fail (ES_IS_PIPELINE_PAGE (self));
  g_return_if_fail (db == NULL || ES_IS_DB (db));

  if (!g_set_object (&self->db, db))
    return;

  set_list (self, db != NULL ? es_member_list_get_for_db (db) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}

GListModel *
es_pipeline_page_get_column (EsPipelinePage *self, EsStage stage)
{
  g_return_val_if_fail (ES_IS_PIPELINE_PAGE (self), NULL);
  g_return_val_if_fail ((guint)stage < ES_STAGE_N_STAGES, NULL);

  return G_LIST_MODEL (self->columns[stage].model);
}

gboolean
es_pipeline_page_get_show_all_exits (EsPipelinePage *self)
{
  g_return_val_if_fail (ES_IS_PIPELINE_PAGE (self), FALSE);

  return self->show_all_exits;
}

void
es_pipeline_page_set_show_all_exits (EsPipelinePage *self, gboolean show_all)
{
  g_return_if_fail (ES_IS_PIPELINE_PAGE (self));

  show_all = !!show_all;
  if (self->show_all_exits == show_all)
    return;

  self->show_all_exits = show_all;
  gtk_drop_down_set_selected (self->exits_dropdown, show_all ? 1 : 0);
  gtk_filter_changed (GTK_FILTER (self->columns[ES_STAGE_EXITED].filter),
                      show_all ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ALL_EXITS]);
}
