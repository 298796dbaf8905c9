/* essaim-cli — the same core as the application, for scripts, batch jobs and tests. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "es-cli.h"
#include "es-cooperative-store.h"
#include "es-date.h"
#include "es-demo.h"
#include "es-member-store.h"

void
es_cli_error (const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("essaim-cli: %s\n", message);
}

gboolean
es_cli_parse (GOptionContext *context, int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      es_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
es_cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

void
es_cli_print_builder (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  es_cli_print_json (root);
}

EsDb *
es_cli_open (EsCli *cli, EsDbOpenFlags flags)
{
  g_autoptr (GError) error = NULL;
  EsDb *db = es_db_open (cli->database, flags, &error);

  if (db == NULL)
    {
      es_cli_error ("%s", error->message);
      return NULL;
    }
  if (es_db_get_migration_backup (db) != NULL)
    g_printerr (_ ("essaim-cli: the database was updated to the current format; the previous "
                   "version was saved as “%s”.\n"),
                es_db_get_migration_backup (db));
  return db;
}

/* Reading commands never write, not even a migration: an older file is left as it is. */
EsDb *
es_cli_open_for_reading (EsCli *cli)
{
  g_autoptr (EsDb) db = es_cli_open (cli, ES_DB_OPEN_READ_ONLY);

  if (db == NULL)
    return NULL;
  if (es_db_get_schema_version (db) < es_db_get_latest_schema_version ())
    {
      es_cli_error (_ ("The database is in an older format (%d). Open it once with Essaim, or run "
                       "a command that writes, to update it (a backup is made first)."),
                    es_db_get_schema_version (db));
      return NULL;
    }
  return g_steal_pointer (&db);
}

/* init */

static int
cmd_init (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (EsDb) db = NULL;

  g_option_context_set_summary (context, _ ("Create a new, empty cooperative database."));
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  db = es_cli_open (cli, ES_DB_OPEN_CREATE_NEW);
  if (db == NULL)
    return ES_CLI_FAILED;
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "database");
      json_builder_add_string_value (b, cli->database);
      json_builder_set_member_name (b, "schema_version");
      json_builder_add_int_value (b, es_db_get_schema_version (db));
      json_builder_end_object (b);
      es_cli_print_builder (b);
    }
  else
    g_print (_ ("Created %s\n"), cli->database);
  return ES_CLI_OK;
}

/* demo */

static void
print_progress (double fraction, gpointer user_data)
{
  if (isatty (fileno (stderr)))
    g_printerr ("\r%s %3d %%", (const char *)user_data, (int)(fraction * 100));
}

static int
cmd_demo (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *today = NULL;
  EsDemoOptions options;
  int seed = 1, members = 60;
  GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_ ("Seed of the generator (same seed, same data)"),
      "N" },
    { "members", 0, 0, G_OPTION_ARG_INT, &members, N_ ("Number of members (default 60)"), "N" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_ ("Date the cooperative is generated up to (default: today)"), "YYYY-MM-DD" },
    { NULL },
  };

  g_option_context_set_summary (context, _ ("Create a new database filled with a realistic demo "
                                            "cooperative."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (seed < 0 || members < 0 || members > 1000000)
    {
      es_cli_error (_ ("--seed must be positive and --members between 0 and 1000000."));
      return ES_CLI_USAGE;
    }
  es_demo_options_init (&options);
  options.seed = (guint32)seed;
  options.n_members = (guint)members;
  if (today != NULL && !es_date_parse_iso (today, &options.today))
    {
      es_cli_error (_ ("--today takes a date such as 2026-11-24."));
      return ES_CLI_USAGE;
    }
  db = es_cli_open (cli, ES_DB_OPEN_CREATE_NEW);
  if (db == NULL)
    return ES_CLI_FAILED;
  if (!es_demo_generate (db, &options, print_progress, (gpointer)_ ("Generating"), NULL, &error))
    {
      g_clear_object (&db);
      g_unlink (cli->database);
      es_cli_error ("%s", error->message);
      return ES_CLI_FAILED;
    }
  if (isatty (fileno (stderr)))
    g_printerr ("\n");
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "database");
      json_builder_add_string_value (b, cli->database);
      json_builder_set_member_name (b, "members");
      json_builder_add_int_value (b, es_member_store_count (db, NULL));
      json_builder_set_member_name (b, "seed");
      json_builder_add_int_value (b, seed);
      json_builder_end_object (b);
      es_cli_print_builder (b);
    }
  else
    g_print (_ ("Created %s with a demo cooperative of %u members\n"), cli->database,
             es_member_store_count (db, NULL));
  return ES_CLI_OK;
}

/* check */

static int
cmd_check (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  g_option_context_set_summary (context,
                                _ ("Check the database's integrity and format without changing "
                                   "it. Exit code 3 when problems are found."));
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  db = es_cli_open (cli, ES_DB_OPEN_READ_ONLY);
  if (db == NULL)
    return ES_CLI_FAILED;
  if (!es_db_check (db, problems, &error) && error != NULL)
    {
      es_cli_error ("%s", error->message);
      return ES_CLI_FAILED;
    }
  if (es_db_get_schema_version (db) < es_db_get_latest_schema_version ())
    g_ptr_array_add (problems,
                     g_strdup_printf (_ ("The database is in format %d; opening it with Essaim "
                                         "will update it to format %d (after a backup)."),
                                      es_db_get_schema_version (db),
                                      es_db_get_latest_schema_version ()));
  ok = problems->len == 0;
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "database");
      json_builder_add_string_value (b, cli->database);
      json_builder_set_member_name (b, "schema_version");
      json_builder_add_int_value (b, es_db_get_schema_version (db));
      json_builder_set_member_name (b, "latest_schema_version");
      json_builder_add_int_value (b, es_db_get_latest_schema_version ());
      json_builder_set_member_name (b, "members");
      json_builder_add_int_value (b, es_member_store_count (db, NULL));
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, ok);
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (problems, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      es_cli_print_builder (b);
    }
  else
    {
      g_print (_ ("Database: %s\n"), cli->database);
      g_print (_ ("Format: %d (this version of Essaim: %d)\n"), es_db_get_schema_version (db),
               es_db_get_latest_schema_version ());
      g_print (_ ("Members: %u\n"), es_member_store_count (db, NULL));
      for (guint i = 0; i < problems->len; i++)
        g_print (_ ("Problem: %s\n"), (const char *)g_ptr_array_index (problems, i));
      g_print ("%s\n", ok ? _ ("No problem found.") : _ ("Problems found."));
    }
  return ok ? ES_CLI_OK : ES_CLI_PROBLEMS;
}

/* backup */

static int
cmd_backup (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("DEST"));
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_ ("Replace DEST if it exists"), NULL },
    { NULL },
  };

  g_option_context_set_summary (context,
                                _ ("Write a consistent copy of the database to DEST, even while "
                                   "the application has it open."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (argc != 2 || *argv[1] == '\0')
    {
      es_cli_error (_ ("backup takes one argument: the file to write."));
      return ES_CLI_USAGE;
    }
  db = es_cli_open (cli, ES_DB_OPEN_READ_ONLY);
  if (db == NULL)
    return ES_CLI_FAILED;
  if (!es_db_backup_to (db, argv[1], force, &error))
    {
      es_cli_error ("%s", error->message);
      return ES_CLI_FAILED;
    }
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "backup");
      json_builder_add_string_value (b, argv[1]);
      json_builder_end_object (b);
      es_cli_print_builder (b);
    }
  else
    g_print (_ ("Saved a copy to %s\n"), argv[1]);
  return ES_CLI_OK;
}

static const EsCliCommand commands[] = {
  { "init", cmd_init, N_ ("Create a new, empty database") },
  { "demo", cmd_demo, N_ ("Create a new database with a demo cooperative") },
  { "check", cmd_check, N_ ("Check integrity and format (read-only)") },
  { "backup", cmd_backup, N_ ("Copy the database to a file") },
  { "members", es_cli_members, N_ ("Members: list, show, add, import, export, record events") },
  { "interviews", es_cli_interviews, N_ ("Support interviews: add, list") },
  { "deadlines", es_cli_deadlines, N_ ("Every member's deadlines, most urgent first") },
  { "bench", es_cli_bench, N_ ("Measure the speed of the main operations (read-only)") },
};

static char *
default_database (void)
{
  return g_build_filename (g_get_user_data_dir (), "essaim", "essaim.db", NULL);
}

static void
print_help (void)
{
  g_autofree char *def = default_database ();

  g_print (_ ("Usage: essaim-cli [--database FILE] [--json] COMMAND [OPTIONS…]\n\n"));
  g_print (_ ("Essaim's command-line companion: the same data and rules as the application.\n\n"));
  g_print (_ ("Global options:\n"));
  g_print (_ ("  --database FILE   the database to use (default: %s)\n"), def);
  g_print (_ ("  --json            write results as JSON\n"));
  g_print (_ ("  --version         print the version\n"));
  g_print (_ ("  --help            print this help; COMMAND --help for a command's options\n\n"));
  g_print (_ ("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-12s %s\n", commands[i].name, _ (commands[i].summary));
  g_print (_ ("\nExit codes: 0 success; 1 the command failed (message on stderr); 2 wrong usage;\n"
              "3 check found problems; 4 input data refused, nothing written.\n"));
}

int
main (int argc, char **argv)
{
  EsCli cli = { 0 };
  const char *locale_dir = g_getenv ("ESSAIM_LOCALEDIR");
  int i, status = ES_CLI_USAGE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];
      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          status = ES_CLI_OK;
          goto out;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("essaim-cli %s\n", PACKAGE_VERSION);
          status = ES_CLI_OK;
          goto out;
        }
      else if (g_str_equal (arg, "--json"))
        cli.json = TRUE;
      else if (g_str_equal (arg, "--database"))
        {
          if (i + 1 >= argc)
            {
              es_cli_error (_ ("--database needs a file name."));
              goto out;
            }
          g_free (cli.database);
          cli.database = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--database="))
        {
          g_free (cli.database);
          cli.database = g_strdup (arg + strlen ("--database="));
        }
      else if (arg[0] == '-')
        {
          es_cli_error (_ ("Unknown option %s: see essaim-cli --help."), arg);
          goto out;
        }
      else
        break;
    }
  if (i >= argc)
    {
      print_help ();
      goto out;
    }
  if (cli.database == NULL)
    {
      g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "essaim", NULL);
      g_mkdir_with_parents (dir, 0700);
      cli.database = default_database ();
    }
  else if (*cli.database == '\0')
    {
      es_cli_error (_ ("--database needs a file name."));
      goto out;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      {
        /* The command sees itself as argv[0], like a program of its own. */
        g_autofree char *prog = g_strdup_printf ("essaim-cli %s", commands[c].name);
        char **sub = g_new0 (char *, argc - i + 1);
        sub[0] = prog;
        for (int k = i + 1; k < argc; k++)
          sub[k - i] = argv[k];
        g_set_prgname (prog);
        status = commands[c].func (&cli, argc - i, sub);
        g_free (sub);
        goto out;
      }
  es_cli_error (_ ("Unknown command “%s”: see essaim-cli --help."), argv[i]);

out:
  g_free (cli.database);
  return status;
}
