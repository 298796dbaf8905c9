/* es-cli-bench.c — `essaim-cli bench`: the speed of the main operations against the
 * budgets of ARCHITECTURE.md, on whatever database --database names (make a federation-
 * scale one with `essaim-cli --database big.db demo --members 12000`). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "es-cli.h"
#include "es-date.h"
#include "es-member-store.h"
#include "es-samples.h"

typedef struct
{
  const char *name;
  const char *what;
  double budget_ms;
  GArray *samples; /* double, ms */
} Measure;

static void
add_sample (Measure *m, gint64 start_us)
{
  double ms = (g_get_monotonic_time () - start_us) / 1000.0;
  g_array_append_val (m->samples, ms);
}

int
es_cli_bench (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  GDate today = es_date_today ();
  int rounds = 5;
  gboolean all_ok = TRUE;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, N_ ("Repetitions of each measure (default 5)"),
      "N" },
    { NULL },
  };
  Measure measures[] = {
    { "open", N_ ("Open the database (checks included)"), 500, NULL },
    { "members.list", N_ ("Load every member with stage and deadline (board, table)"), 100, NULL },
    { "members.search", N_ ("Search as you type, per keystroke"), 10, NULL },
    { "deadlines", N_ ("Every deadline of the cooperative, sorted"), 100, NULL },
  };
  /* What a user types, one keystroke at a time. */
  static const char *const typed[] = { "martin", "dub", "atelier", "lyon", "gra", "nguyen x" };
  guint n_members = 0;

  g_option_context_set_summary (context,
                                _ ("Measure the main operations on the database and compare "
                                   "them with their time budgets. Read-only."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (rounds < 1 || rounds > 1000)
    {
      es_cli_error (_ ("--rounds must be between 1 and 1000."));
      return ES_CLI_USAGE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    measures[i].samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (int r = 0; r < rounds; r++)
    {
      g_autoptr (EsDb) db = NULL;
      g_autoptr (GListStore) members = NULL;
      g_autoptr (GArray) deadlines = NULL;
      gint64 t = g_get_monotonic_time ();

      db = es_cli_open_for_reading (cli);
      if (db == NULL)
        return ES_CLI_FAILED;
      add_sample (&measures[0], t);

      t = g_get_monotonic_time ();
      members = es_member_store_list (db, &today, &error);
      if (members == NULL)
        goto fail;
      add_sample (&measures[1], t);
      n_members = g_list_model_get_n_items (G_LIST_MODEL (members));

      for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
        for (gsize len = 1; len <= strlen (typed[w]); len++)
          {
            g_autofree char *prefix = g_strndup (typed[w], len);
            g_autoptr (GArray) ids = NULL;
            t = g_get_monotonic_time ();
            ids = es_member_store_search_set (db, prefix, &error); /* as the table does */
            if (ids == NULL)
              goto fail;
            add_sample (&measures[2], t);
          }

      t = g_get_monotonic_time ();
      deadlines = es_member_store_deadlines (db, &today, &error);
      if (deadlines == NULL)
        goto fail;
      add_sample (&measures[3], t);
    }

  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    es_samples_sort (measures[i].samples);

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "members");
      json_builder_add_int_value (b, n_members);
      json_builder_set_member_name (b, "measures");
      json_builder_begin_array (b);
      for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
        {
          Measure *m = &measures[i];
          double p95 = es_samples_percentile (m->samples, 0.95);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, m->name);
          json_builder_set_member_name (b, "samples");
          json_builder_add_int_value (b, m->samples->len);
          json_builder_set_member_name (b, "median_ms");
          json_builder_add_double_value (b, es_samples_percentile (m->samples, 0.5));
          json_builder_set_member_name (b, "p95_ms");
          json_builder_add_double_value (b, p95);
          json_builder_set_member_name (b, "max_ms");
          json_builder_add_double_value (b, es_samples_percentile (m->samples, 1.0));
          json_builder_set_member_name (b, "budget_ms");
          json_builder_add_double_value (b, m->budget_ms);
          json_builder_set_member_name (b, "within_budget");
          json_builder_add_boolean_value (b, p95 <= m->budget_ms);
          json_builder_end_object (b);
          all_ok = all_ok && p95 <= m->budget_ms;
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      es_cli_print_builder (b);
    }
  else
    {
      g_print (_ ("%u members, %d rounds\n"), n_members, rounds);
      g_print ("%-16s %9s %9s %9s %9s  %s\n", _ ("measure"), _ ("median"), _ ("p95"), _ ("max"),
               _ ("budget"), _ ("result"));
      for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
        {
          Measure *m = &measures[i];
          double p95 = es_samples_percentile (m->samples, 0.95);
          gboolean ok = p95 <= m->budget_ms;
          all_ok = all_ok && ok;
          g_print ("%-16s %7.2fms %7.2fms %7.2fms %7.0fms  %s  %s\n", m->name,
                   es_samples_percentile (m->samples, 0.5), p95,
                   es_samples_percentile (m->samples, 1.0), m->budget_ms,
                   ok ? _ ("ok") : _ ("OVER"), _ (m->what));
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    g_array_unref (measures[i].samples);
  return all_ok ? ES_CLI_OK : ES_CLI_PROBLEMS;

fail:
  es_cli_error ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    g_array_unref (measures[i].samples);
  return ES_CLI_FAILED;
}
