/* es-member-transfer.c — CSV import and export of members, from the window. */
#include "config.h"

#include <glib/gi18n.h>

#include "es-member-csv.h"
#include "es-member-transfer.h"

#define MAX_LISTED_PROBLEMS 200

typedef struct
{
  EsWindow *window; /* owned */
  EsDb *db;         /* owned */
  char *path;
  guint n_valid;
} Import;

static void
import_free (Import *import)
{
  g_clear_object (&import->window);
  g_clear_object (&import->db);
  g_free (import->path);
  g_free (import);
}

static void
import_closure_free (gpointer data, GClosure *closure)
{
  import_free (data);
}

static void
toast (EsWindow *window, const char *text)
{
  /* Toast titles are Pango markup in libadwaita 1.2. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  es_window_add_toast (window, adw_toast_new (escaped));
}

static void
show_error (EsWindow *window, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
describe_problems (EsCsvReport *report)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < report->problems->len && i < MAX_LISTED_PROBLEMS; i++)
    {
      EsCsvProblem *p = g_ptr_array_index (report->problems, i);
      if (p->line > 0 && p->column != NULL)
        g_string_append_printf (text, _ ("Line %u, column « %s »: %s"), p->line, p->column,
                                p->message);
      else if (p->line > 0)
        g_string_append_printf (text, _ ("Line %u: %s"), p->line, p->message);
      else
        g_string_append (text, p->message);
      g_string_append_c (text, '\n');
    }
  if (report->n_problems > MAX_LISTED_PROBLEMS)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE, "… and %u more problem.",
                                         "… and %u more problems.",
                                         report->n_problems - MAX_LISTED_PROBLEMS),
                            report->n_problems - MAX_LISTED_PROBLEMS);
  return g_string_free (text, FALSE);
}

static void
run_import (Import *import, EsMemberCsvFlags flags)
{
  g_autoptr (EsCsvReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!es_member_csv_import_file (import->db, import->path, flags, &report, &error))
    {
      show_error (import->window, _ ("Nothing Was Imported"), error->message);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member imported",
                                          "%u members imported", report->n_imported),
                             report->n_imported);
  toast (import->window, message);
  es_window_set_section (import->window, "members");
}

static void
problems_response_cb (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  Import *import = user_data;

  if (g_strcmp0 (response, "import-valid") == 0)
    run_import (import, ES_MEMBER_CSV_SKIP_INVALID);
}

static void
check_file (Import *import)
{
  g_autoptr (EsCsvReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *list = NULL;
  GtkWidget *dialog, *scrolled, *label;
  guint n_valid;

  /* A dry run first: every problem of the file is known before anything is written. */
  if (es_member_csv_import_file (import->db, import->path, ES_MEMBER_CSV_DRY_RUN, &report, &error))
    {
      run_import (import, ES_MEMBER_CSV_IMPORT_DEFAULT);
      import_free (import);
      return;
    }
  if (report == NULL || report->problems->len == 0)
    {
      show_error (import->window, _ ("Cannot Import This File"), error->message);
      import_free (import);
      return;
    }

  n_valid = report->n_rows - report->n_invalid;
  heading = g_strdup (_ ("Some Rows Have Problems"));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u row of %u cannot be imported. Nothing has been "
                                       "written yet: correct the file and import it again, or "
                                       "import only the valid rows.",
                                       "%u rows of %u cannot be imported. Nothing has been "
                                       "written yet: correct the file and import it again, or "
                                       "import only the valid rows.",
                                       report->n_invalid),
                          report->n_invalid, report->n_rows);
  dialog = adw_message_dialog_new (GTK_WINDOW (import->window), heading, body);
  list = describe_problems (report);
  label = gtk_label_new (list);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"));
  if (n_valid > 0)
    {
      g_autofree char *label_text
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import the Valid Row",
                                          "_Import the %u Valid Rows", n_valid),
                             n_valid);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "import-valid", label_text);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (problems_response_cb), import,
                         import_closure_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  Import *import = user_data;
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || (import->path = g_file_get_path (file)) == NULL)
    {
      if (file != NULL)
        show_error (import->window, _ ("Cannot Use This File"),
                    _ ("Essaim works on files of this computer only. Copy the file to a local "
                       "folder first."));
      import_free (import);
      return;
    }
  check_file (import);
}

void
es_member_transfer_import_path (EsWindow *window, const char *path)
{
  Import *import;

  g_return_if_fail (ES_IS_WINDOW (window));
  g_return_if_fail (path != NULL);
  if (es_window_get_db (window) == NULL)
    return;

  import = g_new0 (Import, 1);
  import->window = g_object_ref (window);
  import->db = g_object_ref (es_window_get_db (window));
  import->path = g_strdup (path);
  check_file (import);
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("CSV Files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  return filter;
}

void
es_member_transfer_import (EsWindow *window)
{
  Import *import;
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = csv_filter ();

  g_return_if_fail (ES_IS_WINDOW (window));
  if (es_window_get_db (window) == NULL)
    return;

  import = g_new0 (Import, 1);
  import->window = g_object_ref (window);
  import->db = g_object_ref (es_window_get_db (window));
  chooser
      = gtk_file_chooser_native_new (_ ("Import Members"), GTK_WINDOW (window),
                                     GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Import"), _ ("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb), import);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr (EsWindow) window = user_data;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  guint n = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || es_window_get_db (window) == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (window, _ ("Cannot Use This File"),
                  _ ("Essaim works on files of this computer only. Copy the file to a local "
                     "folder first."));
      return;
    }
  /* The chooser already asked before replacing a file. */
  if (!es_member_csv_export_file (es_window_get_db (window), path, ';', TRUE, &n, &error))
    {
      show_error (window, _ ("Cannot Export the Members"), error->message);
      return;
    }
  message = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u member exported", "%u members exported", n), n);
  toast (window, message);
}

void
es_member_transfer_export (EsWindow *window)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = csv_filter ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  g_return_if_fail (ES_IS_WINDOW (window));
  if (es_window_get_db (window) == NULL)
    return;

  chooser
      = gtk_file_chooser_native_new (_ ("Export Members"), GTK_WINDOW (window),
                                     GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the default file name of an export; %s is today's date. */
  name = g_strdup_printf (_ ("entrepreneurs-%s.csv"), date);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb),
                    g_object_ref (window));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
