/* es-window.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window shows the six sections of one database. It holds that database and
 * hands it to each section through their "db" properties; the application swaps it when
 * another file is opened, and starts reading its members in the background at once.
 * Without a database it shows how to open or create one.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "es-member-transfer.h"

#include "es-application.h"
#include "es-clients-page.h"
#include "es-cooperative-store.h"
#include "es-dashboard-page.h"
#include "es-member-list.h"
#include "es-members-page.h"
#include "es-payroll-page.h"
#include "es-pipeline-page.h"
#include "es-sales-page.h"
#include "es-tooltip.h"
#include "es-window.h"

struct _EsWindow
{
  AdwApplicationWindow parent_instance;

  EsDb *db;
  gulong db_changed_id;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar *switcher_bar;
  GtkMenuButton *primary_menu_button;
  GtkStack *main_stack;
  AdwViewStack *stack;
  EsDashboardPage *dashboard_page;
  EsPipelinePage *pipeline_page;
  EsMembersPage *members_page;
  EsClientsPage *clients_page;
  EsSalesPage *sales_page;
  EsPayrollPage *payroll_page;
};

G_DEFINE_FINAL_TYPE (EsWindow, es_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The sections in the order of the view switcher, with their Alt+digit shortcuts. */
static const char *const section_names[] = {
  "dashboard", "pipeline", "members", "clients", "sales", "payroll",
};

static GSettings *
get_settings (EsWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!ES_IS_APPLICATION (app))
    return NULL;

  return es_application_get_settings (ES_APPLICATION (app));
}

static void
update_switcher_bar (EsWindow *self)
{
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);

  adw_view_switcher_bar_set_reveal (self->switcher_bar, narrow && self->db != NULL);
}

static void
update_title (EsWindow *self)
{
  g_autoptr (EsCooperative) coop = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *file_name = NULL;
  const char *name;

  if (self->db == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), "Essaim");
      adw_view_switcher_title_set_title (self->switcher_title, "Essaim");
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      return;
    }

  coop = es_cooperative_store_load (self->db, &error);
  if (coop == NULL)
    g_warning ("Cannot read the cooperative’s name: %s", error->message);

  if (coop != NULL && coop->legal_name != NULL && coop->legal_name[0] != '\0')
    name = coop->legal_name;
  else
    name = _ ("Unnamed Cooperative");

  file_name = g_path_get_basename (es_db_get_path (self->db));

  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_view_switcher_title_set_title (self->switcher_title, name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, file_name);
}

static void
db_changed_cb (EsWindow *self, const char *table, EsDb *db)
{
  update_title (self);
}

static void
title_visible_changed_cb (EsWindow *self, GParamSpec *pspec, AdwViewSwitcherTitle *title)
{
  update_switcher_bar (self);
}

static void
show_section_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  EsWindow *self = ES_WINDOW (widget);

  if (self->db != NULL)
    es_window_set_section (self, g_variant_get_string (parameter, NULL));
}

static void
import_members_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  es_member_transfer_import (ES_WINDOW (widget));
}

static void
export_members_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  es_member_transfer_export (ES_WINDOW (widget));
}

static void
pipeline_open_member_cb (EsWindow *self, gint64 member_id, EsPipelinePage *page)
{
  es_window_set_section (self, "members");
  es_members_page_show_member (self->members_page, member_id);
}

static void
restore_size (EsWindow *self)
{
  GSettings *settings = get_settings (self);

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_size (EsWindow *self)
{
  GSettings *settings = get_settings (self);
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
es_window_close_request (GtkWindow *window)
{
  save_size (ES_WINDOW (window));

  return GTK_WINDOW_CLASS (es_window_parent_class)->close_request (window);
}

static void
es_window_constructed (GObject *object)
{
  EsWindow *self = ES_WINDOW (object);

  G_OBJECT_CLASS (es_window_parent_class)->constructed (object);

  restore_size (self);
}

static void
es_window_dispose (GObject *object)
{
  EsWindow *self = ES_WINDOW (object);

  if (self->db != NULL)
    g_clear_signal_handler (&self->db_changed_id, self->db);
  g_clear_object (&self->db);

  gtk_widget_dispose_template (GTK_WIDGET (self), ES_TYPE_WINDOW);

  G_OBJECT_CLASS (es_window_parent_class)->dispose (object);
}

static void
es_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EsWindow *self = ES_WINDOW (object);

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
es_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  EsWindow *self = ES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB:
      es_window_set_db (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_window_class_init (EsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = es_window_constructed;
  object_class->dispose = es_window_dispose;
  object_class->get_property = es_window_get_property;
  object_class->set_property = es_window_set_property;
  window_class->close_request = es_window_close_request;

  properties[PROP_DB]
      = g_param_spec_object ("db", NULL, NULL, ES_TYPE_DB,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The sections are built by the template. */
  g_type_ensure (ES_TYPE_DASHBOARD_PAGE);
  g_type_ensure (ES_TYPE_PIPELINE_PAGE);
  g_type_ensure (ES_TYPE_MEMBERS_PAGE);
  g_type_ensure (ES_TYPE_CLIENTS_PAGE);
  g_type_ensure (ES_TYPE_SALES_PAGE);
  g_type_ensure (ES_TYPE_PAYROLL_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/coop/essaim/Essaim/ui/es-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, dashboard_page);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, pipeline_page);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, members_page);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, clients_page);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, sales_page);
  gtk_widget_class_bind_template_child (widget_class, EsWindow, payroll_page);

  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.import-members", NULL, import_members_action);
  gtk_widget_class_install_action (widget_class, "win.export-members", NULL, export_members_action);
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-section", "s", section_names[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

/* The keyboard shortcuts, built when first asked for rather than with every window as
 * GtkApplication does with gtk/help-overlay.ui: a few milliseconds less to open one. Once
 * built, it is the window's help overlay, whose own action then shows it. */
static void
show_help_overlay_activated (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  EsWindow *self = data;
  g_autoptr (GtkBuilder) builder
      = gtk_builder_new_from_resource ("/coop/essaim/Essaim/ui/es-shortcuts-window.ui");

  /* GTK adds its own action only where there is none. */
  g_action_map_remove_action (G_ACTION_MAP (self), "show-help-overlay");
  gtk_application_window_set_help_overlay (
      GTK_APPLICATION_WINDOW (self),
      GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  g_action_group_activate_action (G_ACTION_GROUP (self), "show-help-overlay", NULL);
}

static const GActionEntry window_actions[] = {
  { "show-help-overlay", show_help_overlay_activated },
};

static void
es_window_init (EsWindow *self)
{
  GObject *pages[G_N_ELEMENTS (section_names)];

  gtk_widget_init_template (GTK_WIDGET (self));
  es_tooltip_set_text (GTK_WIDGET (self->primary_menu_button), _ ("Main Menu"));
  g_action_map_add_action_entries (G_ACTION_MAP (self), window_actions,
                                   G_N_ELEMENTS (window_actions), self);

  pages[0] = G_OBJECT (self->dashboard_page);
  pages[1] = G_OBJECT (self->pipeline_page);
  pages[2] = G_OBJECT (self->members_page);
  pages[3] = G_OBJECT (self->clients_page);
  pages[4] = G_OBJECT (self->sales_page);
  pages[5] = G_OBJECT (self->payroll_page);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    g_object_bind_property (self, "db", pages[i], "db", G_BINDING_SYNC_CREATE);
  /* Until the dashboard has its charts, the day starts on the pipeline board. */
  adw_view_stack_set_visible_child_name (self->stack, "pipeline");
  g_signal_connect_object (self->pipeline_page, "open-member", G_CALLBACK (pipeline_open_member_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (title_visible_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->main_stack, "no-database");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  update_switcher_bar (self);
}

EsWindow *
es_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (ES_TYPE_WINDOW, "application", application, NULL);
}

EsWindow *
es_window_new_for_db (GtkApplication *application, EsDb *db)
{
  EsWindow *window;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (db == NULL || ES_IS_DB (db), NULL);

  if (db != NULL)
    es_member_list_load_async (es_member_list_get_for_db (db), NULL);
  window = es_window_new (application);
  es_window_set_db (window, db);
  return window;
}

EsDb *
es_window_get_db (EsWindow *self)
{
  g_return_val_if_fail (ES_IS_WINDOW (self), NULL);

  return self->db;
}

void
es_window_set_db (EsWindow *self, EsDb *db)
{
  g_return_if_fail (ES_IS_WINDOW (self));
  g_return_if_fail (db == NULL || ES_IS_DB (db));

  if (self->db == db)
    return;

  if (self->db != NULL)
    g_clear_signal_handler (&self->db_changed_id, self->db);
  g_set_object (&self->db, db);
  if (db != NULL)
    {
      self->db_changed_id = g_signal_connect_object (
          db, "changed::cooperative", G_CALLBACK (db_changed_cb), self, G_CONNECT_SWAPPED);
      /* The board and the table both stand on the members: their read starts now, in the
       * background, while the window is still being laid out and drawn. */
      es_member_list_load_async (es_member_list_get_for_db (db), NULL);
    }

  gtk_stack_set_visible_child_name (self->main_stack, db != NULL ? "sections" : "no-database");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, db != NULL);
  update_switcher_bar (self);
  update_title (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}

void
es_window_add_toast (EsWindow *self, AdwToast *toast)
{
  g_return_if_fail (ES_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
es_window_get_section (EsWindow *self)
{
  g_return_val_if_fail (ES_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
es_window_set_section (EsWindow *self, const char *name)
{
  g_return_if_fail (ES_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}
