/* es-application.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application reads the command line, decides which database to open at start,
 * owns the application actions (new, open, save a copy, preferences, about, quit) and
 * every file chooser and error dialog around opening a database. A file that cannot be
 * opened never stops the application: it says why and offers another file.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "es-application.h"
#include "es-demo.h"
#include "es-member-store.h"
#include "es-preferences-window.h"
#include "es-window.h"

#define WEBSITE_URL "https://essaim.coop/"
#define ISSUE_URL "https://essaim.coop/bugs"

struct _EsApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
  /* the one file chooser on screen, if any */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (EsApplication, es_application, ADW_TYPE_APPLICATION)

static void show_open_chooser (EsApplication *self);
static void show_new_chooser (EsApplication *self);

static const GOptionEntry option_entries[]
    = { { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
          N_ ("Open the cooperative’s database in FILE"), N_ ("FILE") },
        { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
          N_ ("Open a demonstration cooperative, never your own database"), NULL },
        { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
          N_ ("Show the version and quit"), NULL },
        { NULL } };

static EsWindow *
main_window (EsApplication *self)
{
  return ES_WINDOW (es_application_get_main_window (self));
}

static EsDb *
current_db (EsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GList *windows;

  if (ES_IS_WINDOW (window))
    return es_window_get_db (ES_WINDOW (window));

  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL; l = l->next)
    if (ES_IS_WINDOW (l->data))
      return es_window_get_db (ES_WINDOW (l->data));

  return NULL;
}

static void
update_actions (EsApplication *self)
{
  gboolean has_db = current_db (self) != NULL;
  const char *const needs_db[] = { "save-copy", "preferences" };

  for (guint i = 0; i < G_N_ELEMENTS (needs_db); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), needs_db[i]);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), has_db);
    }
}

/* Shows text (not markup: file names may hold any character) in a toast. */
static void
toast (EsApplication *self, const char *text, guint timeout)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *t = adw_toast_new (markup);

  adw_toast_set_timeout (t, timeout);
  es_window_add_toast (main_window (self), t);
}

/* Error dialogs */

static void
open_error_response_cb (AdwMessageDialog *dialog, const char *response, EsApplication *self)
{
  if (g_strcmp0 (response, "open") == 0)
    show_open_chooser (self);
  else if (g_strcmp0 (response, "new") == 0)
    show_new_chooser (self);
  else if (current_db (self) == NULL)
    gtk_window_close (GTK_WINDOW (main_window (self)));
}

/* Says why a database could not be opened or created, and offers another file. When no
 * database is open yet, the way out is to quit; otherwise the current one stays open. */
static void
show_open_error (EsApplication *self, const char *heading, const char *message)
{
  EsWindow *window = main_window (self);
  GtkWidget *dialog;

  gtk_window_present (GTK_WINDOW (window));

  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, message);
  adw_message_dialog_add_responses (
      ADW_MESSAGE_DIALOG (dialog), "close", current_db (self) != NULL ? _ ("_Cancel") : _ ("_Quit"),
      "new", _ ("_New Database…"), "open", _ ("_Open Another Database…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (open_error_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_message (EsApplication *self, const char *heading, const char *message)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (main_window (self)), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* File choosers */

static void
add_filters (GtkFileChooser *chooser)
{
  g_autoptr (GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (databases, _ ("Essaim Databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_add_pattern (databases, "*.essaim");
  gtk_file_filter_add_mime_type (databases, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (databases, "application/x-sqlite3");
  gtk_file_chooser_add_filter (chooser, databases);

  gtk_file_filter_set_name (all, _ ("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);

  gtk_file_chooser_set_filter (chooser, databases);
}

/* A chooser starting in the folder of the open database, or in the default one. */
static GtkFileChooserNative *
new_chooser (EsApplication *self, const char *title, GtkFileChooserAction action,
             const char *accept_label, GCallback response_cb)
{
  EsDb *db = current_db (self);
  GtkFileChooserNative *chooser;
  g_autofree char *folder = NULL;
  g_autoptr (GFile) folder_file = NULL;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (main_window (self)), action,
                                         accept_label, _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser));

  if (db != NULL)
    folder = g_path_get_dirname (es_db_get_path (db));
  else
    folder = g_build_filename (g_get_user_data_dir (), "essaim", NULL);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      folder_file = g_file_new_for_path (folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder_file, NULL);
    }

  g_signal_connect_object (chooser, "response", response_cb, self, 0);
  self->chooser = chooser;

  return chooser;
}

/* The local path of the chosen file, or NULL (with a message shown) for a remote one. */
static char *
chosen_path (EsApplication *self, GtkNativeDialog *dialog, int response)
{
  g_autoptr (GFile) file = NULL;
  char *path;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file == NULL)
    return NULL;

  path = g_file_get_path (file);
  if (path == NULL)
    show_message (self, _ ("Cannot Use This File"),
                  _ ("Essaim works on files of this computer only. Copy the file to a local "
                     "folder first."));

  return path;
}

static void
open_chooser_response_cb (GtkNativeDialog *dialog, int response, EsApplication *self)
{
  g_autofree char *path = chosen_path (self, dialog, response);

  if (path != NULL)
    es_application_open_path (self, path, ES_DB_OPEN_DEFAULT, TRUE);

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

static void
new_chooser_response_cb (GtkNativeDialog *dialog, int response, EsApplication *self)
{
  g_autofree char *path = chosen_path (self, dialog, response);

  if (path != NULL)
    es_application_open_path (self, path, ES_DB_OPEN_CREATE_NEW, TRUE);

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

static void
save_copy_chooser_response_cb (GtkNativeDialog *dialog, int response, EsApplication *self)
{
  g_autofree char *path = chosen_path (self, dialog, response);
  EsDb *db = current_db (self);

  if (path != NULL && db != NULL)
    {
      g_autoptr (GError) error = NULL;

      /* The chooser has already asked before replacing a file. */
      if (es_db_backup_to (db, path, TRUE, &error))
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *title = g_strdup_printf (_ ("Copy saved to “%s”"), name);

          toast (self, title, 5);
        }
      else
        {
          show_message (self, _ ("Cannot Save the Copy"), error->message);
        }
    }

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

static void
show_open_chooser (EsApplication *self)
{
  GtkFileChooserNative *chooser;

  chooser = new_chooser (self, _ ("Open a Database"), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"),
                         G_CALLBACK (open_chooser_response_cb));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_new_chooser (EsApplication *self)
{
  GtkFileChooserNative *chooser;

  chooser = new_chooser (self, _ ("New Database"), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Create"),
                         G_CALLBACK (new_chooser_response_cb));
  /* Translators: the file name offered for a new database; keep the .db extension. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _ ("cooperative.db"));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_save_copy_chooser (EsApplication *self)
{
  EsDb *db = current_db (self);
  GtkFileChooserNative *chooser;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *base = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (db == NULL)
    return;

  chooser = new_chooser (self, _ ("Save a Copy of the Database"), GTK_FILE_CHOOSER_ACTION_SAVE,
                         _ ("_Save"), G_CALLBACK (save_copy_chooser_response_cb));

  base = g_filename_display_basename (es_db_get_path (db));
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  date = g_date_time_format (now, "%Y-%m-%d");
  name = g_strdup_printf ("%s-%s.db", base, date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Actions */

static void
new_database_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  show_new_chooser (ES_APPLICATION (user_data));
}

static void
open_database_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  show_open_chooser (ES_APPLICATION (user_data));
}

static void
save_copy_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  show_save_copy_chooser (ES_APPLICATION (user_data));
}

static void
preferences_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  EsApplication *self = ES_APPLICATION (user_data);
  EsDb *db = current_db (self);
  EsPreferencesWindow *preferences;

  if (db == NULL)
    return;

  preferences = es_preferences_window_new (GTK_WINDOW (main_window (self)), db);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  EsApplication *self = ES_APPLICATION (user_data);
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());

  gtk_window_set_transient_for (GTK_WINDOW (about), GTK_WINDOW (main_window (self)));
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  adw_about_window_set_application_name (about, "Essaim");
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_developer_name (about, _ ("The Essaim Contributors"));
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about, _ ("Follow the entrepreneurs of a business and employment "
                                           "cooperative, invoice their clients and run their "
                                           "payroll."));
  adw_about_window_set_website (about, WEBSITE_URL);
  adw_about_window_set_issue_url (about, ISSUE_URL);
  adw_about_window_set_copyright (about, _ ("© 2026 The Essaim Contributors"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: your name(s), one per line, to be credited in the About window. */
  adw_about_window_set_translator_credits (about, _ ("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  EsApplication *self = ES_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (rather than destroying) lets the main window remember its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    if (ES_IS_WINDOW (l->data))
      gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

static const GActionEntry app_entries[] = {
  { "new-database", new_database_activated },
  { "open-database", open_database_activated },
  { "save-copy", save_copy_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "quit", quit_activated },
};

static const struct
{
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.new-database", { "<Control>n", NULL } },
  { "app.open-database", { "<Control>o", NULL } },
  { "app.save-copy", { "<Control><Shift>s", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

/* Start */

static void
window_db_changed_cb (EsApplication *self, GParamSpec *pspec, EsWindow *window)
{
  update_actions (self);
}

/* At start without options: the database opened last, else the default one, created on
 * first run in the user's data folder. */
static void
open_at_start (EsApplication *self)
{
  g_autofree char *last = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;

  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-database");
  if (last != NULL && last[0] != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    {
      es_application_open_path (self, last, ES_DB_OPEN_DEFAULT, TRUE);
      return;
    }

  folder = g_build_filename (g_get_user_data_dir (), "essaim", NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (folder);
      g_autofree char *message
          = g_strdup_printf (_ ("Cannot create the folder “%s”: %s."), display, g_strerror (saved));

      show_open_error (self, _ ("Cannot Open the Database"), message);
      return;
    }

  path = g_build_filename (folder, "essaim.db", NULL);
  es_application_open_path (self, path, ES_DB_OPEN_CREATE, TRUE);
}

static int
es_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("essaim %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static int
es_application_command_line (GApplication *app, GApplicationCommandLine *cmdline)
{
  EsApplication *self = ES_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autofree char *database = NULL;
  gboolean demo = FALSE;

  g_variant_dict_lookup (options, "database", "^ay", &database);
  g_variant_dict_lookup (options, "demo", "b", &demo);

  if (database != NULL && demo)
    {
      g_application_command_line_printerr (cmdline, "%s\n",
                                           _ ("Choose either --database or --demo, not both."));
      return 1;
    }

  if (demo)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path = es_demo_ensure_file (&error);

      if (path != NULL)
        /* The demo is never remembered as the database to open next time. */
        es_application_open_path (self, path, ES_DB_OPEN_DEFAULT, FALSE);
      else
        show_open_error (self, _ ("Cannot Open the Demonstration"), error->message);
    }
  else if (database != NULL)
    {
      g_autoptr (GFile) file = g_application_command_line_create_file_for_arg (cmdline, database);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        es_application_open_path (self, path, ES_DB_OPEN_DEFAULT, TRUE);
      else
        show_open_error (self, _ ("Cannot Open the Database"),
                         _ ("Essaim works on files of this computer only."));
    }
  else if (current_db (self) != NULL)
    {
      gtk_window_present (GTK_WINDOW (main_window (self)));
    }
  else
    {
      open_at_start (self);
    }

  return 0;
}

static void
es_application_startup (GApplication *app)
{
  EsApplication *self = ES_APPLICATION (app);
  GSettingsSchemaSource *source;
  g_autoptr (GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (es_application_parent_class)->startup (app);

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_warning ("The settings schema %s is not installed: the window size and the last "
               "database will not be remembered",
               APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), app_accels[i].action,
                                           app_accels[i].accels);
  update_actions (self);
}

static void
es_application_activate (GApplication *app)
{
  gtk_window_present (es_application_get_main_window (ES_APPLICATION (app)));
}

static void
es_application_dispose (GObject *object)
{
  EsApplication *self = ES_APPLICATION (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (es_application_parent_class)->dispose (object);
}

static void
es_application_class_init (EsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = es_application_dispose;
  app_class->startup = es_application_startup;
  app_class->activate = es_application_activate;
  app_class->command_line = es_application_command_line;
  app_class->handle_local_options = es_application_handle_local_options;
}

static void
es_application_init (EsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (
      G_APPLICATION (self), _ ("Run the members, invoices and payroll of a business and "
                               "employment cooperative (CAE)."));
}

EsApplication *
es_application_new (void)
{
  return g_object_new (ES_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_HANDLES_COMMAND_LINE, "resource-base-path",
                       "/coop/essaim/Essaim", NULL);
}

GSettings *
es_application_get_settings (EsApplication *self)
{
  g_return_val_if_fail (ES_IS_APPLICATION (self), NULL);

  return self->settings;
}

static EsWindow *
find_main_window (EsApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (ES_IS_WINDOW (l->data))
      return ES_WINDOW (l->data);
  return NULL;
}

static EsWindow *
new_main_window (EsApplication *self, EsDb *db)
{
  EsWindow *window = es_window_new_for_db (GTK_APPLICATION (self), db);

  g_signal_connect_object (window, "notify::db", G_CALLBACK (window_db_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (db != NULL)
    update_actions (self);
  return window;
}

GtkWindow *
es_application_get_main_window (EsApplication *self)
{
  EsWindow *window;

  g_return_val_if_fail (ES_IS_APPLICATION (self), NULL);

  window = find_main_window (self);
  return GTK_WINDOW (window != NULL ? window : new_main_window (self, NULL));
}

gboolean
es_application_open_path (EsApplication *self, const char *path, EsDbOpenFlags flags,
                          gboolean remember)
{
  EsWindow *window;
  EsDb *current;
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *absolute = NULL;
  const char *backup;

  g_return_val_if_fail (ES_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Without a window yet, the file opens first: the window is then built while its
   * members are read. */
  window = find_main_window (self);
  if (window != NULL)
    gtk_window_present (GTK_WINDOW (window));

  absolute = g_canonicalize_filename (path, NULL);
  current = window != NULL ? es_window_get_db (window) : NULL;
  if (current != NULL && (flags & ES_DB_OPEN_CREATE_NEW) == 0)
    {
      g_autofree char *current_path = g_canonicalize_filename (es_db_get_path (current), NULL);

      if (g_strcmp0 (current_path, absolute) == 0)
        return TRUE;
    }

  db = es_db_open (absolute, flags, &error);
  /* Once after an update of the format or of the rules: the list then reads them. */
  if (db != NULL && !es_db_is_read_only (db) && es_member_store_keep_states (db, &error) < 0)
    {
      g_warning ("Cannot keep the members' states: %s", error->message);
      g_clear_error (&error);
    }
  if (db == NULL)
    {
      show_open_error (self,
                       (flags & ES_DB_OPEN_CREATE_NEW) != 0 ? _ ("Cannot Create the Database")
                                                            : _ ("Cannot Open the Database"),
                       error->message);
      return FALSE;
    }

  if (window == NULL)
    {
      window = new_main_window (self, db);
      gtk_window_present (GTK_WINDOW (window));
    }
  else
    es_window_set_db (window, db);

  if (remember && self->settings != NULL)
    g_settings_set_string (self->settings, "last-database", absolute);

  backup = es_db_get_migration_backup (db);
  if (backup != NULL)
    {
      g_autofree char *name = g_filename_display_basename (backup);
      g_autofree char *title = g_strdup_printf (
          _ ("The database was updated to this version of Essaim; the previous version was saved "
             "as “%s”"),
          name);

      toast (self, title, 10);
    }

  return TRUE;
}
