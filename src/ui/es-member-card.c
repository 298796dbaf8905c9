/* es-member-card.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One member on the pipeline board: name, activity, counselor, time in stage and the
 * nearest deadline with a badge coloured by how near it is. The card can be dragged onto
 * another column (it carries the member's id as a gint64) and has a menu of the steps the
 * rules allow from the member's stage: "pipeline.add-event" actions the board handles.
 *
 * The card is built in code rather than from a template: the board's lists keep up to
 * 30 cards each alive, and a template costs about 230 µs a card against 35 µs in code,
 * which is most of the board's opening time. The menu is made only when opened.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "es-date.h"
#include "es-member-card.h"
#include "es-member-view.h"
#include "es-tooltip.h"

struct _EsMemberCard
{
  AdwBin parent_instance;

  EsMember *member;

  GtkLabel *name_label;
  GtkWidget *menu_button;
  GtkPopover *menu;
  GtkLabel *activity_label;
  GtkLabel *counselor_label;
  GtkWidget *deadline_box;
  GtkLabel *deadline_label;
  GtkLabel *badge_label;
  guint urgency_shown; /* EsUrgency + 1 of the classes set, 0 for none */
};

G_DEFINE_FINAL_TYPE (EsMemberCard, es_member_card, ADW_TYPE_BIN)

static const char *const urgency_classes[] = {
  [ES_URGENCY_OVERDUE] = "es-badge-overdue",
  [ES_URGENCY_SOON] = "es-badge-soon",
  [ES_URGENCY_NEAR] = "es-badge-near",
  [ES_URGENCY_LATER] = "es-badge-later",
};

static GtkLabel *
new_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return GTK_LABEL (label);
}

/* The nearest deadline: what it is, and a badge coloured by how near it is. Classes
 * change only with the urgency: restyling is what a card's update costs most. */
static void
set_badge (EsMemberCard *self, EsMember *member)
{
  guint urgency = member != NULL && member->has_deadline ? member->deadline.urgency + 1 : 0;

  if (urgency != self->urgency_shown)
    {
      guint old = self->urgency_shown;

      if (old > 0 && old - 1 < G_N_ELEMENTS (urgency_classes))
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), urgency_classes[old - 1]);
          gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), urgency_classes[old - 1]);
        }
      if (urgency > 0 && urgency - 1 < G_N_ELEMENTS (urgency_classes))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), urgency_classes[urgency - 1]);
          gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label),
                                    urgency_classes[urgency - 1]);
        }
      self->urgency_shown = urgency;
      gtk_widget_set_visible (self->deadline_box, urgency > 0);
    }
  if (urgency == 0)
    return;

  {
    g_autofree char *delay = es_deadline_describe_delay (&member->deadline);

    gtk_label_set_text (self->deadline_label, es_deadline_kind_label (member->deadline.kind));
    gtk_label_set_text (self->badge_label, delay);
  }
}

/* The whole of what the card shortens, on hover (asked for then: setting tooltips on
 * every bind costs more than the rest of it). */
static gboolean
query_tooltip_cb (EsMemberCard *self, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  EsMember *member = self->member;
  g_autoptr (GString) text = NULL;
  g_autofree char *activity = NULL;

  if (member == NULL)
    return FALSE;

  text = g_string_new (NULL);
  if (member->trade_name[0] != '\0')
    g_string_append_printf (text, "%s\n", member->trade_name);
  if (member->activity[0] != '\0')
    g_string_append_printf (text, "%s\n", member->activity);
  if (g_date_valid (&member->state.stage_since))
    {
      g_autofree char *date = es_date_format_short (&member->state.stage_since);

      /* Translators: tooltip of the time in stage on a card: "Since 24/11/2026". */
      g_string_append_printf (text, _ ("Since %s"), date);
      g_string_append_c (text, '\n');
    }
  if (member->has_deadline)
    {
      g_autofree char *date = es_date_format_short (&member->deadline.date);

      g_string_append_printf (text, "%s · %s\n", es_deadline_kind_label (member->deadline.kind),
                              date);
    }
  if (text->len == 0)
    return FALSE;
  g_string_truncate (text, text->len - 1);
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
menu_clicked_cb (EsMemberCard *self, GtkButton *button)
{
  es_member_card_popup_menu (self);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source, double x, double y, EsMemberCard *self)
{
  if (self->member == NULL)
    return NULL;

  return gdk_content_provider_new_typed (G_TYPE_INT64, self->member->id);
}

static void
drag_begin_cb (GtkDragSource *source, GdkDrag *drag, EsMemberCard *self)
{
  g_autoptr (GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, icon, 24, 16);
  gtk_widget_add_css_class (GTK_WIDGET (self), "es-dragged");
}

static void
drag_end_cb (GtkDragSource *source, GdkDrag *drag, gboolean delete_data, EsMemberCard *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "es-dragged");
}

static void
es_member_card_dispose (GObject *object)
{
  EsMemberCard *self = ES_MEMBER_CARD (object);

  if (self->menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->menu));
      self->menu = NULL;
    }
  g_clear_object (&self->member);

  G_OBJECT_CLASS (es_member_card_parent_class)->dispose (object);
}

static void
es_member_card_class_init (EsMemberCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = es_member_card_dispose;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
es_member_card_init (EsMemberCard *self)
{
  GtkWidget *box, *line;
  GtkDragSource *source;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "es-member-card");

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->name_label = new_label ("heading");
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_label), TRUE);
  /* A name is never cut in a narrow column: on two lines, if need be. */
  gtk_label_set_single_line_mode (self->name_label, FALSE);
  gtk_label_set_wrap (self->name_label, TRUE);
  gtk_label_set_wrap_mode (self->name_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->name_label, 2);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->name_label));
  self->menu_button = gtk_button_new_from_icon_name ("view-more-symbolic");
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_START);
  es_tooltip_set_text (self->menu_button, _ ("Steps"));
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_add_css_class (self->menu_button, "circular");
  gtk_widget_add_css_class (self->menu_button, "es-card-menu-button");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE, -1);
  g_signal_connect_object (self->menu_button, "clicked", G_CALLBACK (menu_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (line), self->menu_button);
  gtk_box_append (GTK_BOX (box), line);

  self->activity_label = new_label (NULL);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->activity_label));

  self->counselor_label = new_label ("caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->counselor_label), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->counselor_label));

  /* What the deadline is, then how near, one under the other: side by side in a narrow
   * column, a long kind ("Contract or exit to record") had no room left beside the badge. */
  self->deadline_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (self->deadline_box, 3);
  self->deadline_label = new_label ("caption");
  gtk_box_append (GTK_BOX (self->deadline_box), GTK_WIDGET (self->deadline_label));
  self->badge_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_halign (GTK_WIDGET (self->badge_label), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), "es-badge");
  gtk_box_append (GTK_BOX (self->deadline_box), GTK_WIDGET (self->badge_label));
  gtk_box_append (GTK_BOX (box), self->deadline_box);

  adw_bin_set_child (ADW_BIN (self), box);

  gtk_widget_set_visible (self->deadline_box, FALSE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
}

GtkWidget *
es_member_card_new (void)
{
  return g_object_new (ES_TYPE_MEMBER_CARD, NULL);
}

void
es_member_card_set_member (EsMemberCard *self, EsMember *member, const GDate *today)
{
  g_autofree char *name = NULL;
  g_autofree char *since = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *who = NULL;
  const char *trade, *what, *counselor;

  g_return_if_fail (ES_IS_MEMBER_CARD (self));
  g_return_if_fail (member == NULL || ES_IS_MEMBER (member));

  /* A recycled card: its menu was another member's. */
  if (self->menu != NULL)
    gtk_popover_popdown (self->menu);

  g_set_object (&self->member, member);
  if (member == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->activity_label, "");
      gtk_label_set_text (self->counselor_label, "");
      set_badge (self, NULL);
      return;
    }

  name = es_member_dup_display_name (member);
  gtk_label_set_text (self->name_label, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  trade = member->trade_name != NULL ? member->trade_name : "";
  what = member->activity != NULL ? member->activity : "";
  if (*trade != '\0' && *what != '\0')
    activity = g_strdup_printf ("%s · %s", trade, what);
  else
    activity = g_strdup (*trade != '\0' ? trade : what);
  gtk_label_set_text (self->activity_label, activity);
  gtk_widget_set_visible (GTK_WIDGET (self->activity_label), *activity != '\0');

  counselor = member->counselor_name != NULL && member->counselor_name[0] != '\0'
                  ? member->counselor_name
                  : _ ("No counselor");
  since = es_member_describe_time_in_stage (member, today);
  who = since != NULL ? g_strdup_printf ("%s · %s", counselor, since) : g_strdup (counselor);
  gtk_label_set_text (self->counselor_label, who);

  set_badge (self, member);
}

EsMember *
es_member_card_get_member (EsMemberCard *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_CARD (self), NULL);

  return self->member;
}

void
es_member_card_popup_menu (EsMemberCard *self)
{
  g_autoptr (GMenuModel) model = NULL;

  g_return_if_fail (ES_IS_MEMBER_CARD (self));

  if (self->member == NULL)
    return;

  /* One popover per card, made the first time: the menu is the member's of the moment. */
  model = es_member_card_build_menu (self->member);
  if (self->menu == NULL)
    {
      self->menu = GTK_POPOVER (gtk_popover_menu_new_from_model (model));
      gtk_widget_set_parent (GTK_WIDGET (self->menu), self->menu_button);
      gtk_popover_set_position (self->menu, GTK_POS_BOTTOM);
    }
  else
    gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  gtk_popover_popup (self->menu);
}

static GMenuItem *
step_item (EsMember *member, EsEventKind kind, const char *label)
{
  GMenuItem *item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target (item, "pipeline.add-event", "(xs)", member->id,
                                     es_event_kind_to_code (kind));
  return item;
}

GMenuModel *
es_member_card_build_menu (EsMember *member)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) steps = g_menu_new ();
  g_autoptr (GMenu) others = g_menu_new ();
  g_autoptr (GMenu) open = g_menu_new ();
  g_autoptr (GMenuItem) open_item = NULL;
  EsEventKind kinds[ES_EVENT_N_KINDS];
  EsEventKind forward;
  gboolean has_forward;
  guint n;

  g_return_val_if_fail (ES_IS_MEMBER (member), NULL);

  has_forward = es_pipeline_forward_kind (&member->state, &forward);
  n = es_pipeline_next_kinds (&member->state, kinds);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (has_forward && kinds[i] == forward)
        {
          /* Translators: the first entry of a card's menu: "Étape suivante : Contrat
           * signé…". */
          label = g_strdup_printf (_ ("Next Step: %s…"), es_event_kind_action (kinds[i]));
          item = step_item (member, kinds[i], label);
          g_menu_append_item (steps, item);
        }
      else
        {
          /* Translators: another step in a card's menu: "Sortie…". */
          label = g_strdup_printf (_ ("%s…"), es_event_kind_action (kinds[i]));
          item = step_item (member, kinds[i], label);
          g_menu_append_item (others, item);
        }
    }

  open_item = g_menu_item_new (_ ("Open Member Page"), NULL);
  g_menu_item_set_action_and_target (open_item, "pipeline.open-member", "x", member->id);
  g_menu_append_item (open, open_item);

  if (g_menu_model_get_n_items (G_MENU_MODEL (steps)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (steps));
  if (g_menu_model_get_n_items (G_MENU_MODEL (others)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (others));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (open));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}
