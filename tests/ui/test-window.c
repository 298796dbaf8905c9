/* test-window.c — the main window, its sections, the preferences and a bad file, for real
 * under Xvfb, in French. Writes a PNG of each screen to ESSAIM_SCREENSHOT_DIR (or the
 * current folder) so that a person can look at them.
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "es-application.h"
#include "es-cooperative-store.h"
#include "es-demo.h"
#include "es-preferences-window.h"
#include "es-member-list.h"
#include "es-member-store.h"
#include "es-member-transfer.h"
#include "es-window.h"
#include "ui-test-util.h"

static EsApplication *app;
static char *tmp_dir;
static char *demo_path;

static const char *const sections[] = {
  "dashboard", "pipeline", "members", "clients", "sales", "payroll",
};

static EsWindow *
main_window (void)
{
  return ES_WINDOW (es_application_get_main_window (app));
}

/* Tests */

static void
test_title (void)
{
  EsWindow *window = main_window ();
  g_autoptr (EsCooperative) coop = es_cooperative_store_load (es_window_get_db (window), NULL);
  const char *title = gtk_window_get_title (GTK_WINDOW (window));

  g_assert_nonnull (coop);
  g_assert_cmpstr (coop->legal_name, !=, "");
  g_assert_nonnull (strstr (title, coop->legal_name));
}

static void
test_sections (void)
{
  EsWindow *window = main_window ();
  AdwViewStack *stack = ADW_VIEW_STACK (
      gtk_widget_get_template_child (GTK_WIDGET (window), ES_TYPE_WINDOW, "stack"));

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      AdwViewStackPage *page;

      es_window_set_section (window, sections[i]);
      g_assert_cmpstr (es_window_get_section (window), ==, sections[i]);

      page = adw_view_stack_get_page (stack, adw_view_stack_get_visible_child (stack));
      g_assert_cmpstr (adw_view_stack_page_get_title (page), !=, "");
      g_assert_true (es_window_get_db (window) != NULL);

      save_screenshot (GTK_WIDGET (window), sections[i]);
    }

  /* Alt+2 is the pipeline. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "pipeline");
  g_assert_cmpstr (es_window_get_section (window), ==, "pipeline");
  es_window_set_section (window, "dashboard");
}

static void
test_narrow (void)
{
  EsWindow *window = main_window ();
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (
      gtk_widget_get_template_child (GTK_WIDGET (window), ES_TYPE_WINDOW, "switcher_bar"));
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  while (gtk_widget_get_width (GTK_WIDGET (window)) > 360 && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  es_window_set_section (window, "pipeline");
  save_screenshot (GTK_WIDGET (window), "narrow");
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  es_window_set_section (window, "dashboard");
  wait_for_frames (GTK_WIDGET (window), 3);
}

/* The size is remembered when the window closes, and the database opened at start. */
static void
test_remember (void)
{
  EsWindow *window = main_window ();
  GSettings *settings = es_application_get_settings (app);
  g_autofree char *last = NULL;
  gboolean stop = TRUE;
  int width, height;

  g_assert_nonnull (settings);
  last = g_settings_get_string (settings, "last-database");
  g_assert_cmpstr (last, ==, demo_path);

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 650);
  wait_for_frames (GTK_WIDGET (window), 2);
  /* The handlers run, and nothing stops the close; emitting the signal does not close. */
  g_signal_emit_by_name (window, "close-request", &stop);
  g_assert_false (stop);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  wait_for_frames (GTK_WIDGET (window), 2);
}

static void
test_menu (void)
{
  EsWindow *window = main_window ();
  GtkMenuButton *button = GTK_MENU_BUTTON (
      gtk_widget_get_template_child (GTK_WIDGET (window), ES_TYPE_WINDOW, "primary_menu_button"));
  GtkPopover *popover;

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "save-copy"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));

  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_nonnull (popover);
  save_screenshot (GTK_WIDGET (popover), "menu");
  gtk_menu_button_popdown (button);
  spin (50);
}

/* Without a database the window says how to get one, the actions that need one are off,
 * and the error dialog offers to quit rather than to cancel. */
static void
test_no_database (void)
{
  EsWindow *window = main_window ();
  g_autoptr (EsDb) db = g_object_ref (es_window_get_db (window));
  GtkStack *main_stack = GTK_STACK (
      gtk_widget_get_template_child (GTK_WIDGET (window), ES_TYPE_WINDOW, "main_stack"));
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-file.db", NULL);
  AdwMessageDialog *dialog;

  es_window_set_db (window, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "no-database");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Essaim");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "save-copy"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
  save_screenshot (GTK_WIDGET (window), "no-database");

  g_assert_false (es_application_open_path (app, path, ES_DB_OPEN_DEFAULT, TRUE));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "close"), ==, _ ("_Quit"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (dialog));

  es_window_set_db (window, db);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "sections");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "save-copy"));
}

static void
test_preferences (void)
{
  EsWindow *window = main_window ();
  EsPreferencesWindow *prefs;
  GtkEditable *siret_row, *name_row;
  g_autoptr (EsCooperative) before = NULL;
  g_autoptr (EsCooperative) after = NULL;
  g_autoptr (EsDb) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *new_name = NULL;
  const char *bad_siret = "123 456 789";

  before = es_cooperative_store_load (es_window_get_db (window), &error);
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = wait_for_toplevel (ES_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  save_screenshot (GTK_WIDGET (prefs), "preferences");

  name_row = GTK_EDITABLE (gtk_widget_get_template_child (
      GTK_WIDGET (prefs), ES_TYPE_PREFERENCES_WINDOW, "legal_name_row"));
  siret_row = GTK_EDITABLE (
      gtk_widget_get_template_child (GTK_WIDGET (prefs), ES_TYPE_PREFERENCES_WINDOW, "siret_row"));
  g_assert_cmpstr (gtk_editable_get_text (name_row), ==, before->legal_name);

  /* A wrong SIRET: marked, nothing written, nothing typed lost. */
  new_name = g_strconcat (before->legal_name, " & <essai>", NULL);
  gtk_editable_set_text (name_row, new_name);
  gtk_editable_set_text (siret_row, bad_siret);
  g_assert_false (es_preferences_window_save (prefs));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (siret_row), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (name_row), "error"));
  g_assert_cmpstr (gtk_editable_get_text (siret_row), ==, bad_siret);
  g_assert_cmpstr (gtk_editable_get_text (name_row), ==, new_name);
  save_screenshot (GTK_WIDGET (prefs), "preferences-error");

  other = es_db_open (demo_path, ES_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  after = es_cooperative_store_load (other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->siret, ==, before->siret);
  g_assert_cmpstr (after->legal_name, ==, before->legal_name);
  g_clear_pointer (&after, es_cooperative_free);

  /* Correcting the field clears its mark; then the save goes through. */
  gtk_editable_set_text (siret_row, before->siret);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (siret_row), "error"));
  g_assert_true (es_preferences_window_save (prefs));
  after = es_cooperative_store_load (other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->legal_name, ==, new_name);
  g_assert_cmpstr (after->siret, ==, before->siret);

  /* The window's title follows the cooperative's name. */
  spin (50);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), new_name));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "invoicing");
  save_screenshot (GTK_WIDGET (prefs), "preferences-invoicing");

  gtk_window_destroy (GTK_WINDOW (prefs));
  spin (50);
}

static void
test_open_error (gconstpointer data)
{
  const char *contents = data;
  EsWindow *window = main_window ();
  EsDb *db_before = es_window_get_db (window);
  g_autofree char *path = g_build_filename (tmp_dir, "not-a-database.db", NULL);
  g_autofree char *bytes_after = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *dialog;
  gsize length;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);

  g_assert_false (es_application_open_path (app, path, ES_DB_OPEN_DEFAULT, TRUE));
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _ ("Cannot Open the Database"));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), !=, "");
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  g_assert_true (adw_message_dialog_has_response (dialog, "new"));
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  if (contents[0] != '\0')
    save_screenshot (GTK_WIDGET (dialog), "open-error");

  /* The window keeps its database, and the bad file is left as it was. */
  g_assert_true (es_window_get_db (window) == db_before);
  g_assert_true (g_file_get_contents (path, &bytes_after, &length, &error));
  g_assert_cmpstr (bytes_after, ==, contents);

  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
  g_assert_true (es_window_get_db (window) == db_before);
}

/* A file with one bad row: the report lists it, nothing is written until the user chooses
 * to import the valid rows. */
static void
test_import_members (void)
{
  EsWindow *window = main_window ();
  EsDb *db = es_window_get_db (window);
  g_autofree char *path = g_build_filename (tmp_dir, "membres.csv", NULL);
  g_autoptr (GError) error = NULL;
  const char *csv = "Nom;Prénom;NIR;Ville\n"
                    "Lemoine;Agnès;;Lyon\n"
                    "Vidal;Hugo;1 84 12 76 451 089 47;Grenoble\n"
                    "Carpentier;Maud;;Annecy\n";
  guint before = es_member_store_count (db, &error);
  AdwMessageDialog *dialog;
  GtkWidget *extra;

  g_assert_true (g_file_set_contents (path, csv, -1, &error));
  es_member_transfer_import_path (window, path);
  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "import-valid"));
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_nonnull (extra);
  save_screenshot (GTK_WIDGET (dialog), "import-problems");
  g_assert_cmpuint (es_member_store_count (db, &error), ==, before);

  adw_message_dialog_response (dialog, "import-valid");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (50);
  g_assert_cmpuint (es_member_store_count (db, &error), ==, before + 2);
}

static void
test_about (void)
{
  GtkWidget *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  save_screenshot (about, "about");
  gtk_window_destroy (GTK_WINDOW (about));
}

static void
test_shortcuts (void)
{
  GtkWidget *shortcuts;

  gtk_widget_activate_action (GTK_WIDGET (main_window ()), "win.show-help-overlay", NULL);
  shortcuts = wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  save_screenshot (shortcuts, "shortcuts");
  gtk_widget_set_visible (shortcuts, FALSE);
}

/* Setup */

static void
make_demo (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = NULL;
  EsDemoOptions options;

  tmp_dir = g_dir_make_tmp ("essaim-ui-XXXXXX", &error);
  g_assert_no_error (error);
  demo_path = g_build_filename (tmp_dir, "demo.db", NULL);

  db = es_db_open (demo_path, ES_DB_OPEN_CREATE_NEW, &error);
  g_assert_no_error (error);
  es_demo_options_init (&options);
  es_demo_generate (db, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int argc, char *argv[])
{
  const char *localedir = g_getenv ("ESSAIM_LOCALEDIR");
  g_autoptr (GError) error = NULL;
  int status;

  /* gtk_test_init () sets an English locale: the user's (French, from the test's
   * environment) comes back after it. */
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  make_demo ();

  app = es_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (es_application_open_path (app, demo_path, ES_DB_OPEN_DEFAULT, TRUE));

  g_test_add_func ("/ui/window/title", test_title);
  g_test_add_func ("/ui/window/sections", test_sections);
  g_test_add_func ("/ui/window/narrow", test_narrow);
  g_test_add_func ("/ui/window/remember", test_remember);
  g_test_add_func ("/ui/window/menu", test_menu);
  g_test_add_func ("/ui/window/no-database", test_no_database);
  g_test_add_func ("/ui/window/about", test_about);
  g_test_add_func ("/ui/window/import-members", test_import_members);
  g_test_add_func ("/ui/window/shortcuts", test_shortcuts);
  g_test_add_func ("/ui/preferences/validation", test_preferences);
  g_test_add_data_func ("/ui/open/not-a-database", "This is not a database.\n", test_open_error);
  g_test_add_data_func ("/ui/open/empty-file", "", test_open_error);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (main_window ()));
  g_clear_object (&app);
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (demo_path);

  return status;
}
