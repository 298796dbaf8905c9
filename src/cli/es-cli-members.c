/* es-cli-members.c — essaim-cli members, interviews and deadlines.
 *
 *   members list [--stage CODE] [--counselor NAME] [--search TEXT]
 *   members show ID [--show-nir]
 *   members add --first-name … --last-name … [other fields]
 *   members import FILE.csv [--skip-invalid] [--dry-run]
 *   members export FILE.csv [--force] [--separator ;|,|tab]
 *   members event ID KIND --date DATE [kind-specific options]
 *   interviews add MEMBER_ID --date DATE [--kind K] --summary TEXT [--counselor NAME]
 *   interviews list MEMBER_ID
 *   deadlines [--within DAYS]
 *
 * Reading commands open the database read-only. Exit codes: ES_CLI_USAGE for a wrong
 * command line (unknown option, code or name, missing argument); ES_CLI_INVALID when a
 * value is refused (a date, an amount, a rule of the pipeline, a CSV row): nothing is
 * written then; ES_CLI_FAILED when the command could not run (no such member, a disk
 * error…). JSON output: ISO dates (null when none), amounts in cents, rates in ppm.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "es-cli.h"
#include "es-date.h"
#include "es-member-csv.h"
#include "es-member-store.h"
#include "es-money.h"
#include "es-pipeline.h"
#include "es-validate.h"

/* ---------------------------------------------------------------------------------------
 * Shared helpers
 * ------------------------------------------------------------------------------------- */

/* Runs the sub-command named by argv[1], which then sees itself as argv[0]. */
static int
dispatch (EsCli *cli, const char *group, const EsCliCommand *subs, guint n_subs, int argc,
          char **argv)
{
  g_autofree char *prog = NULL;
  g_autofree char **sub_argv = NULL;

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_autoptr (GString) help = g_string_new (NULL);

      g_string_append_printf (help,
                              _ ("Usage: essaim-cli [--database FILE] [--json] %s COMMAND "
                                 "[OPTIONS…]\n\n"),
                              group);
      g_string_append (help, _ ("Commands:\n"));
      for (guint i = 0; i < n_subs; i++)
        g_string_append_printf (help, "  %-8s %s\n", subs[i].name, _ (subs[i].summary));
      g_string_append_printf (
          help, _ ("\nessaim-cli %s COMMAND --help shows a command's options.\n"), group);
      if (argc < 2)
        {
          g_printerr ("%s", help->str);
          return ES_CLI_USAGE;
        }
      g_print ("%s", help->str);
      return ES_CLI_OK;
    }
  for (guint i = 0; i < n_subs; i++)
    if (g_str_equal (argv[1], subs[i].name))
      {
        prog = g_strdup_printf ("essaim-cli %s %s", group, subs[i].name);
        sub_argv = g_new0 (char *, argc);
        sub_argv[0] = prog;
        for (int k = 2; k < argc; k++)
          sub_argv[k - 1] = argv[k];
        g_set_prgname (prog);
        return subs[i].func (cli, argc - 1, sub_argv);
      }
  es_cli_error (_ ("Unknown command “%s %s”: see essaim-cli %s --help."), group, argv[1], group);
  return ES_CLI_USAGE;
}

static gboolean
parse_member_id (const char *text, gint64 *out)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      es_cli_error (_ ("“%s” is not a member number: give the number that “members list” "
                       "shows."),
                    text ? text : "");
      return FALSE;
    }
  *out = (gint64)value;
  return TRUE;
}

/* A date as typed (ISO or DD/MM/YYYY); prints the reason when refused. */
static gboolean
parse_date_option (const char *option, const char *text, GDate *out)
{
  g_autoptr (GError) error = NULL;

  if (!es_date_parse_user (text, out, &error))
    {
      es_cli_error ("%s: %s", option, error->message);
      return FALSE;
    }
  return TRUE;
}

/* "24", "17,5", "17.333" → thousandths. */
static gboolean
parse_milli (const char *text, gint64 *out)
{
  g_autofree char *s = g_strstrip (g_strdup (text));
  gint64 units = 0, milli = 0;
  int decimals = 0;
  const char *p = s;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      units = units * 10 + (*p - '0');
      if (units > 1000000)
        return FALSE;
    }
  if (*p == ',' || *p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      {
        if (++decimals > 3)
          return FALSE;
        milli = milli * 10 + (*p - '0');
      }
  if (*p != '\0')
    return FALSE;
  for (; decimals < 3; decimals++)
    milli *= 10;
  *out = units * 1000 + milli;
  return TRUE;
}

/* A whole number typed for an option, in base 10 (no "0x", no octal), from min to max.
 * Numeric options are read as text so that "given" never depends on a value the user may
 * type as well (such as -1 for "not given"). */
static gboolean
parse_int (const char *text, gint64 min, gint64 max, gint64 *out)
{
  g_autofree char *s = text != NULL ? g_strstrip (g_strdup (text)) : NULL;
  gint64 value = 0;

  if (s == NULL || !g_ascii_string_to_signed (s, 10, min, max, &value, NULL))
    return FALSE;
  *out = value;
  return TRUE;
}

/* Finds a staff member by name, case and accents ignored. On failure prints the option,
 * the known names and returns FALSE; *out_id is 0 for a NULL or empty name. */
static gboolean
find_staff (EsDb *db, const char *option, const char *name, gint64 *out_id, char **out_name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) staff = NULL;
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *key = NULL;

  *out_id = 0;
  if (name == NULL || *name == '\0')
    return TRUE;
  staff = es_staff_store_list (db, &error);
  if (staff == NULL)
    {
      es_cli_error ("%s", error->message);
      return FALSE;
    }
  key = es_member_csv_fold (name);
  for (guint i = 0; i < staff->len; i++)
    {
      EsStaff *s = g_ptr_array_index (staff, i);
      g_autofree char *folded = es_member_csv_fold (s->name);

      if (g_str_equal (folded, key))
        {
          *out_id = s->id;
          if (out_name != NULL)
            *out_name = g_strdup (s->name);
          return TRUE;
        }
      if (i > 0)
        g_string_append (names, _ (", "));
      g_string_append (names, s->name);
    }
  if (staff->len == 0)
    {
      g_autofree char *message = g_strdup_printf (
          _ ("Nobody is called « %s » among the staff: the database has no staff yet."), name);
      es_cli_error ("%s: %s", option, message);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (
          _ ("Nobody is called « %s » among the staff. Known names: %s."), name, names->str);
      es_cli_error ("%s: %s", option, message);
    }
  return FALSE;
}

static void
print_padded (GString *out, const char *text, guint width)
{
  glong len = g_utf8_strlen (text, -1);

  if (width == 0)
    return;
  if (len > (glong)width)
    {
      g_autofree char *cut = g_utf8_substring (text, 0, width - 1);
      g_string_append (out, cut);
      g_string_append (out, "…");
      return;
    }
  g_string_append (out, text);
  for (; len < (glong)width; len++)
    g_string_append_c (out, ' ');
}

/* Prints rows (GStrv each, n_columns strings) as aligned columns; the last is not cut. */
static void
print_table (GPtrArray *rows, guint n_columns)
{
  g_autofree guint *widths = g_new0 (guint, n_columns);
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      for (guint c = 0; c + 1 < n_columns; c++)
        widths[c] = MAX (widths[c], (guint)MIN (g_utf8_strlen (row[c], -1), 32));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      g_string_truncate (line, 0);
      for (guint c = 0; c < n_columns; c++)
        {
          if (c + 1 < n_columns)
            {
              print_padded (line, row[c], widths[c]);
              g_string_append (line, "  ");
            }
          else
            g_string_append (line, row[c]);
        }
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_print ("%s\n", line->str);
    }
}

static void
add_string (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

static void
add_string_or_null (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value == NULL || *value == '\0')
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

static void
add_int (JsonBuilder *b, const char *key, gint64 value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

/* An id, a count or an amount that may be absent (0 or -1 by convention). */
static void
add_int_or_null (JsonBuilder *b, const char *key, gint64 value, gboolean present)
{
  json_builder_set_member_name (b, key);
  if (present)
    json_builder_add_int_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_bool (JsonBuilder *b, const char *key, gboolean value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

static void
add_date (JsonBuilder *b, const char *key, const GDate *date)
{
  g_autofree char *iso = g_date_valid (date) ? es_date_to_iso (date) : NULL;
  add_string_or_null (b, key, iso);
}

static const char *
deadline_kind_code (EsDeadlineKind kind)
{
  static const char *const codes[ES_DEADLINE_N_KINDS] = {
    [ES_DEADLINE_CAPE_END] = "cape_end",     [ES_DEADLINE_TRIAL_END] = "trial_end",
    [ES_DEADLINE_ASSOCIATE] = "associate",   [ES_DEADLINE_INTERVIEWS] = "interviews",
    [ES_DEADLINE_PERMIT] = "permit",         [ES_DEADLINE_BENEFITS] = "benefits",
    [ES_DEADLINE_AFTER_CAPE] = "after_cape",
  };
  return (guint)kind < ES_DEADLINE_N_KINDS ? codes[kind] : "";
}

static const char *
urgency_code (EsUrgency urgency)
{
  switch (urgency)
    {
    case ES_URGENCY_OVERDUE:
      return "overdue";
    case ES_URGENCY_SOON:
      return "soon";
    case ES_URGENCY_NEAR:
      return "near";
    case ES_URGENCY_LATER:
    default:
      return "later";
    }
}

/* {"kind", "label", "date", "days_left", "urgency"} plus the member when given. */
static void
add_deadline (JsonBuilder *b, const EsDeadline *d, EsMember *member)
{
  json_builder_begin_object (b);
  if (member != NULL)
    {
      g_autofree char *name = es_member_dup_display_name (member);
      add_int (b, "member_id", d->member_id);
      add_string (b, "member", name);
    }
  add_string (b, "kind", deadline_kind_code (d->kind));
  add_string (b, "label", es_deadline_kind_label (d->kind));
  add_date (b, "date", &d->date);
  add_int (b, "days_left", d->days_left);
  add_string (b, "urgency", urgency_code (d->urgency));
  json_builder_end_object (b);
}

static char *
format_date (const GDate *date)
{
  return g_date_valid (date) ? es_date_format_short (date) : g_strdup ("");
}

/* ---------------------------------------------------------------------------------------
 * members list
 * ------------------------------------------------------------------------------------- */

static void
add_member_summary (JsonBuilder *b, EsMember *m)
{
  g_autofree char *name = es_member_dup_display_name (m);

  json_builder_begin_object (b);
  add_int (b, "id", m->id);
  add_string (b, "civility", m->civility);
  add_string (b, "first_name", m->first_name);
  add_string (b, "last_name", m->last_name);
  add_string (b, "display_name", name);
  add_string (b, "trade_name", m->trade_name);
  add_string (b, "activity", m->activity);
  add_string (b, "city", m->city);
  add_string (b, "email", m->email);
  add_int_or_null (b, "counselor_id", m->counselor_id, m->counselor_id > 0);
  add_string_or_null (b, "counselor", m->counselor_id > 0 ? m->counselor_name : NULL);
  add_string (b, "stage", es_stage_to_code (m->state.stage));
  add_string (b, "stage_label", es_stage_label (m->state.stage));
  add_date (b, "stage_since", &m->state.stage_since);
  json_builder_set_member_name (b, "next_deadline");
  if (m->has_deadline)
    add_deadline (b, &m->deadline, NULL);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
print_stage_codes (void)
{
  g_autoptr (GString) codes = g_string_new (NULL);

  for (int s = 0; s < ES_STAGE_N_STAGES; s++)
    g_string_append_printf (codes, "%s%s", s > 0 ? ", " : "", es_stage_to_code (s));
  es_cli_error (_ ("The stages are: %s."), codes->str);
}

static int
members_list (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) store = NULL;
  g_autoptr (GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *stage_code = NULL;
  g_autofree char *counselor = NULL;
  g_autofree char *search = NULL;
  GDate today = es_date_today ();
  EsStage stage = ES_STAGE_RECEPTION;
  gint64 counselor_id = 0;
  guint n;
  GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_code,
      N_ ("Only members at this stage: reception, cape, contract, associate, exited"), "CODE" },
    { "counselor", 0, 0, G_OPTION_ARG_STRING, &counselor,
      N_ ("Only the members this counselor follows"), "NAME" },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_ ("Only members whose name, trade name, activity, city or e-mail starts with these "
          "words, best matches first"),
      "TEXT" },
    { NULL },
  };

  g_option_context_set_summary (context, _ ("List the members with their stage and their "
                                            "nearest deadline, sorted by name."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (argc != 1)
    {
      es_cli_error (_ ("members list takes no argument besides its options."));
      return ES_CLI_USAGE;
    }
  if (stage_code != NULL && !es_stage_from_code (stage_code, &stage))
    {
      es_cli_error (_ ("Unknown stage “%s”."), stage_code);
      print_stage_codes ();
      return ES_CLI_USAGE;
    }
  if (counselor != NULL && *g_strstrip (counselor) == '\0')
    {
      es_cli_error (_ ("--counselor needs the name of a staff member."));
      return ES_CLI_USAGE;
    }
  db = es_cli_open_for_reading (cli);
  if (db == NULL)
    return ES_CLI_FAILED;
  if (counselor != NULL && !find_staff (db, "--counselor", counselor, &counselor_id, NULL))
    return ES_CLI_USAGE;

  store = es_member_store_list (db, &today, &error);
  if (store == NULL)
    {
      es_cli_error ("%s", error->message);
      return ES_CLI_FAILED;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (store));
  if (search != NULL)
    {
      /* In the search's order: best matches first. */
      g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr (GArray) ids = es_member_store_search (db, search, 0, &error);

      if (ids == NULL)
        {
          es_cli_error ("%s", error->message);
          return ES_CLI_FAILED;
        }
      for (guint i = 0; i < n; i++)
        {
          EsMember *m = g_list_model_get_item (G_LIST_MODEL (store), i);
          g_hash_table_insert (by_id, &m->id, m);
          g_object_unref (m); /* the store keeps it */
        }
      for (guint i = 0; i < ids->len; i++)
        {
          EsMember *m = g_hash_table_lookup (by_id, &g_array_index (ids, gint64, i));
          if (m != NULL)
            g_ptr_array_add (shown, g_object_ref (m));
        }
    }
  else
    for (guint i = 0; i < n; i++)
      g_ptr_array_add (shown, g_list_model_get_item (G_LIST_MODEL (store), i));

  /* The filters. */
  for (guint i = shown->len; i-- > 0;)
    {
      EsMember *m = g_ptr_array_index (shown, i);
      if ((stage_code != NULL && m->state.stage != stage)
          || (counselor_id > 0 && m->counselor_id != counselor_id))
        g_ptr_array_remove_index (shown, i);
    }

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      add_int (b, "count", shown->len);
      json_builder_set_member_name (b, "members");
      json_builder_begin_array (b);
      for (guint i = 0; i < shown->len; i++)
        add_member_summary (b, g_ptr_array_index (shown, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      es_cli_print_builder (b);
      return ES_CLI_OK;
    }

  if (shown->len == 0)
    {
      g_print ("%s\n", _ ("No member."));
      return ES_CLI_OK;
    }
  {
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
    char **header = g_new0 (char *, 7);

    header[0] = g_strdup (_ ("No."));
    header[1] = g_strdup (_ ("Name"));
    header[2] = g_strdup (_ ("Stage"));
    header[3] = g_strdup (_ ("Counselor"));
    header[4] = g_strdup (_ ("Trade name"));
    header[5] = g_strdup (_ ("Next deadline"));
    g_ptr_array_add (rows, header);
    for (guint i = 0; i < shown->len; i++)
      {
        EsMember *m = g_ptr_array_index (shown, i);
        char **row = g_new0 (char *, 7);

        row[0] = g_strdup_printf ("%" G_GINT64_FORMAT, m->id);
        row[1] = es_member_dup_sort_name (m);
        row[2] = g_strdup (es_stage_label (m->state.stage));
        row[3] = g_strdup (m->counselor_id > 0 ? m->counselor_name : "");
        row[4] = g_strdup (m->trade_name);
        if (m->has_deadline)
          {
            g_autofree char *date = format_date (&m->deadline.date);
            g_autofree char *delay = es_deadline_describe_delay (&m->deadline);
            row[5] = g_strdup_printf ("%s %s (%s)", es_deadline_kind_label (m->deadline.kind), date,
                                      delay);
          }
        else
          row[5] = g_strdup ("");
        g_ptr_array_add (rows, row);
      }
    print_table (rows, 6);
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u member\n", "%u members\n", shown->len), shown->len);
  }
  return ES_CLI_OK;
}

/* ---------------------------------------------------------------------------------------
 * members show
 * ------------------------------------------------------------------------------------- */

static void
print_line (const char *label, const char *value)
{
  g_autoptr (GString) line = g_string_new ("  ");

  if (value == NULL || *value == '\0')
    return;
  print_padded (line, label, 26);
  g_string_append (line, value);
  g_print ("%s\n", line->str);
}

static void
print_date_line (const char *label, const GDate *date)
{
  g_autofree char *text = format_date (date);
  print_line (label, text);
}

static void
add_event (JsonBuilder *b, const EsCareerEvent *e)
{
  g_autofree char *description = es_career_event_describe (e);
  g_autofree char *data = es_career_event_data_to_json (e);
  JsonNode *node = json_from_string (data, NULL);

  json_builder_begin_object (b);
  add_int (b, "id", e->id);
  add_string (b, "kind", es_event_kind_to_code (e->kind));
  add_string (b, "kind_label", es_event_kind_label (e->kind));
  add_date (b, "date", &e->date);
  add_int_or_null (b, "corrects_id", e->corrects_id, e->corrects_id > 0);
  add_string (b, "description", description);
  json_builder_set_member_name (b, "data");
  if (node != NULL)
    json_builder_add_value (b, node);
  else
    json_builder_add_null_value (b);
  add_string (b, "author", e->author);
  add_string (b, "created_at", e->created_at);
  json_builder_end_object (b);
}

static void
add_interview (JsonBuilder *b, const EsInterview *iv)
{
  json_builder_begin_object (b);
  add_int (b, "id", iv->id);
  add_int (b, "member_id", iv->member_id);
  add_date (b, "date", &iv->date);
  add_string (b, "kind", es_interview_kind_to_code (iv->kind));
  add_string (b, "kind_label", es_interview_kind_label (iv->kind));
  add_int_or_null (b, "counselor_id", iv->staff_id, iv->staff_id > 0);
  add_string_or_null (b, "counselor", iv->staff_id > 0 ? iv->staff_name : NULL);
  add_string (b, "summary", iv->summary);
  json_builder_end_object (b);
}

static void
add_state (JsonBuilder *b, const EsPipelineState *s)
{
  json_builder_begin_object (b);
  add_date (b, "cape_start", &s->cape_start);
  add_date (b, "cape_end", &s->cape_end);
  add_int (b, "cape_renewals", s->cape_renewals);
  add_bool (b, "cape_ended", s->cape_ended);
  add_int (b, "cape_days", s->cape_days);
  add_date (b, "contract_date", &s->contract_date);
  add_int_or_null (b, "hours_milli", s->hours_milli, g_date_valid (&s->contract_date));
  add_int_or_null (b, "fixed_gross_cents", s->fixed_gross_cents, g_date_valid (&s->contract_date));
  add_int_or_null (b, "contribution_ppm", s->contribution_ppm, g_date_valid (&s->contract_date));
  add_date (b, "trial_end", &s->trial_end);
  add_date (b, "associate_deadline", &s->associate_deadline);
  add_date (b, "associate_date", &s->associate_date);
  add_int (b, "shares_subscribed", s->shares_subscribed);
  add_int (b, "shares_paid_cents", s->shares_paid_cents);
  add_date (b, "exit_date", &s->exit_date);
  add_string_or_null (b, "exit_reason",
                      g_date_valid (&s->exit_date) ? es_exit_reason_to_code (s->exit_reason)
                                                   : NULL);
  json_builder_end_object (b);
}

static int
members_show (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("ID"));
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) m = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GPtrArray) effective = NULL;
  g_autoptr (GPtrArray) interviews = NULL;
  g_autoptr (GArray) deadlines = g_array_new (FALSE, FALSE, sizeof (EsDeadline));
  g_autoptr (GArray) dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autofree char *nir = NULL;
  g_autofree char *name = NULL;
  GDate today = es_date_today ();
  EsDeadlineFacts facts = { 0 };
  gboolean show_nir = FALSE;
  gint64 id;
  GOptionEntry entries[] = {
    { "show-nir", 0, 0, G_OPTION_ARG_NONE, &show_nir,
      N_ ("Show the social security number in full (masked otherwise)"), NULL },
    { NULL },
  };

  g_option_context_set_summary (context, _ ("Show a member: identity, stage, career events, "
                                            "interviews and deadlines."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (argc != 2)
    {
      es_cli_error (_ ("members show takes one argument: the member's number."));
      return ES_CLI_USAGE;
    }
  if (!parse_member_id (argv[1], &id))
    return ES_CLI_USAGE;
  db = es_cli_open_for_reading (cli);
  if (db == NULL)
    return ES_CLI_FAILED;
  m = es_member_store_get (db, id, &today, &error);
  if (m == NULL)
    {
      es_cli_error ("%s", error->message);
      return ES_CLI_FAILED;
    }
  events = es_member_store_events (db, id, &error);
  interviews = events != NULL ? es_interview_store_list (db, id, &error) : NULL;
  if (events == NULL || interviews == NULL)
    {
      es_cli_error ("%s", error->message);
      return ES_CLI_FAILED;
    }
  for (guint i = 0; i < interviews->len; i++)
    g_array_append_val (dates, ((EsInterview *)g_ptr_array_index (interviews, i))->date);
  facts.member_id = id;
  facts.permit_end = m->permit_end;
  facts.benefits_end = m->benefits_end;
  facts.interviews = (const GDate *)dates->data;
  facts.n_interviews = dates->len;
  es_pipeline_deadlines (&m->state, &facts, &today, deadlines);
  es_deadlines_sort (deadlines);
  nir = m->nir == NULL ? NULL : show_nir ? es_nir_format (m->nir) : es_nir_mask (m->nir);
  name = es_member_dup_display_name (m);

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_int (b, "id", m->id);
      add_string (b, "civility", m->civility);
      add_string (b, "first_name", m->first_name);
      add_string (b, "last_name", m->last_name);
      add_string (b, "display_name", name);
      add_date (b, "birth_date", &m->birth_date);
      add_string (b, "birth_place", m->birth_place);
      add_string (b, "nationality", m->nationality);
      add_string_or_null (b, "nir", show_nir ? m->nir : nir);
      add_bool (b, "nir_masked", !show_nir);
      add_string (b, "street", m->street);
      add_string (b, "postal_code", m->postal_code);
      add_string (b, "city", m->city);
      add_string (b, "phone", m->phone);
      add_string (b, "email", m->email);
      add_date (b, "permit_end", &m->permit_end);
      add_string (b, "entry_status", es_entry_status_to_code (m->entry_status));
      add_date (b, "benefits_end", &m->benefits_end);
      add_string (b, "trade_name", m->trade_name);
      add_string (b, "activity", m->activity);
      add_string (b, "naf_code", m->naf_code);
      add_int_or_null (b, "counselor_id", m->counselor_id, m->counselor_id > 0);
      add_string_or_null (b, "counselor", m->counselor_id > 0 ? m->counselor_name : NULL);
      add_int_or_null (b, "contribution_ppm", m->contribution_ppm, m->contribution_ppm >= 0);
      add_string (b, "stage", es_stage_to_code (m->state.stage));
      add_string (b, "stage_label", es_stage_label (m->state.stage));
      add_date (b, "stage_since", &m->state.stage_since);
      json_builder_set_member_name (b, "state");
      add_state (b, &m->state);
      json_builder_set_member_name (b, "events");
      json_builder_begin_array (b);
      for (guint i = 0; i < events->len; i++)
        add_event (b, g_ptr_array_index (events, i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "interviews");
      json_builder_begin_array (b);
      for (guint i = 0; i < interviews->len; i++)
        add_interview (b, g_ptr_array_index (interviews, i));
      json_builder_end_array (b);
      json_builder_set_member_name (b, "deadlines");
      json_builder_begin_array (b);
      for (guint i = 0; i < deadlines->len; i++)
        add_deadline (b, &g_array_index (deadlines, EsDeadline, i), NULL);
      json_builder_end_array (b);
      json_builder_end_object (b);
      es_cli_print_builder (b);
      return ES_CLI_OK;
    }

  g_print (_ ("%s (member no. %lld)\n"), name, (long long)m->id);
  print_line (_ ("Civility:"), es_civility_label (m->civility));
  print_date_line (_ ("Birth date:"), &m->birth_date);
  print_line (_ ("Birth place:"), m->birth_place);
  print_line (_ ("Nationality:"), m->nationality);
  print_line (_ ("Social security no.:"), nir);
  print_line (_ ("Address:"), m->street);
  if (*m->postal_code != '\0' || *m->city != '\0')
    {
      g_autofree char *town = g_strstrip (g_strdup_printf ("%s %s", m->postal_code, m->city));
      print_line (_ ("Town:"), town);
    }
  {
    g_autofree char *phone = es_phone_format (m->phone);
    print_line (_ ("Phone:"), phone);
  }
  print_line (_ ("E-mail:"), m->email);
  print_date_line (_ ("Residence permit ends:"), &m->permit_end);
  print_line (_ ("Status at entry:"), es_entry_status_label (m->entry_status));
  print_date_line (_ ("Unemployment rights end:"), &m->benefits_end);
  print_line (_ ("Trade name:"), m->trade_name);
  print_line (_ ("Activity:"), m->activity);
  print_line (_ ("NAF code:"), m->naf_code);
  print_line (_ ("Counselor:"), m->counselor_id > 0 ? m->counselor_name : _ ("none"));
  {
    g_autofree char *rate = m->contribution_ppm >= 0 ? es_rate_format (m->contribution_ppm)
                                                     : g_strdup (_ ("the cooperative's default"));
    print_line (_ ("Contribution:"), rate);
  }
  {
    g_autofree char *since = format_date (&m->state.stage_since);
    g_autofree char *stage
        = *since != '\0'
              ? g_strdup_printf (_ ("%s since %s"), es_stage_label (m->state.stage), since)
              : g_strdup (es_stage_label (m->state.stage));
    print_line (_ ("Stage:"), stage);
  }

  g_print ("\n%s\n", _ ("Career events:"));
  if (events->len == 0)
    g_print ("  %s\n", _ ("none yet"));
  effective = es_pipeline_effective (events);
  for (guint i = 0; i < events->len; i++)
    {
      EsCareerEvent *e = g_ptr_array_index (events, i);
      g_autofree char *date = format_date (&e->date);
      g_autofree char *description = es_career_event_describe (e);
      g_autofree char *corrects = e->corrects_id > 0 ? g_strdup_printf (_ (" (corrects #%lld)"),
                                                                        (long long)e->corrects_id)
                                                     : g_strdup ("");
      gboolean in_effect = FALSE;

      for (guint k = 0; k < effective->len; k++)
        in_effect = in_effect || g_ptr_array_index (effective, k) == e;
      g_print ("  %s  #%-4" G_GINT64_FORMAT " %s%s%s\n", date, e->id, description, corrects,
               in_effect || e->kind == ES_EVENT_CANCELLATION ? "" : _ (" [superseded]"));
    }

  g_print ("\n%s\n", _ ("Interviews:"));
  if (interviews->len == 0)
    g_print ("  %s\n", _ ("none yet"));
  for (guint i = 0; i < interviews->len; i++)
    {
      EsInterview *iv = g_ptr_array_index (interviews, i);
      g_autofree char *date = format_date (&iv->date);
      g_print ("  %s  %s%s%s — %s\n", date, es_interview_kind_label (iv->kind),
               iv->staff_id > 0 ? _ (", with ") : "", iv->staff_id > 0 ? iv->staff_name : "",
               iv->summary);
    }

  g_print ("\n%s\n", _ ("Deadlines:"));
  if (deadlines->len == 0)
    g_print ("  %s\n", _ ("none"));
  for (guint i = 0; i < deadlines->len; i++)
    {
      EsDeadline *d = &g_array_index (deadlines, EsDeadline, i);
      g_autofree char *date = format_date (&d->date);
      g_autofree char *delay = es_deadline_describe_delay (d);
      g_print ("  %s  %s (%s)\n", date, es_deadline_kind_label (d->kind), delay);
    }
  return ES_CLI_OK;
}

/* ---------------------------------------------------------------------------------------
 * members add
 * ------------------------------------------------------------------------------------- */

/* The member's field names (as es_member_validate reports them) and their options. */
static const struct
{
  const char *field;
  const char *option;
} field_options[] = {
  { "civility", "--civility" },
  { "first_name", "--first-name" },
  { "last_name", "--last-name" },
  { "birth_date", "--birth-date" },
  { "birth_place", "--birth-place" },
  { "nationality", "--nationality" },
  { "nir", "--nir" },
  { "street", "--street" },
  { "postal_code", "--postal-code" },
  { "city", "--city" },
  { "phone", "--phone" },
  { "email", "--email" },
  { "permit_end", "--permit-end" },
  { "entry_status", "--entry-status" },
  { "benefits_end", "--benefits-end" },
  { "trade_name", "--trade-name" },
  { "activity", "--activity" },
  { "naf_code", "--naf" },
  { "counselor_id", "--counselor" },
  { "contribution_ppm", "--contribution" },
};

/* The store says "Field label: message"; the command line speaks of options. */
static void
print_store_error (const GError *error)
{
  if (error->domain == ES_VALIDATION_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (field_options); i++)
      {
        g_autofree char *prefix
            = g_strconcat (es_member_field_label (field_options[i].field), ": ", NULL);
        if (g_str_has_prefix (error->message, prefix))
          {
            es_cli_error ("%s: %s", field_options[i].option, error->message + strlen (prefix));
            return;
          }
      }
  es_cli_error ("%s", error->message);
}

static gboolean
set_optional_date (const char *option, const char *text, GDate *out)
{
  if (text == NULL || *text == '\0')
    return TRUE;
  return parse_date_option (option, text, out);
}

static void
take_text (char **field, char *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value;
}

static int
members_add (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) m = es_member_new ();
  g_autoptr (GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *first_name = NULL, *last_name = NULL, *civility = NULL, *birth_date = NULL;
  g_autofree char *birth_place = NULL, *nationality = NULL, *nir = NULL, *street = NULL;
  g_autofree char *postal_code = NULL, *city = NULL, *phone = NULL, *email = NULL;
  g_autofree char *permit_end = NULL, *entry_status = NULL, *benefits_end = NULL;
  g_autofree char *trade_name = NULL, *activity = NULL, *naf = NULL, *counselor = NULL;
  g_autofree char *contribution = NULL;
  g_autofree char *name = NULL;
  GDate today = es_date_today ();
  gboolean ok = TRUE;
  gint64 id;
  GOptionEntry entries[] = {
    { "first-name", 0, 0, G_OPTION_ARG_STRING, &first_name, N_ ("First name (required)"),
      N_ ("TEXT") },
    { "last-name", 0, 0, G_OPTION_ARG_STRING, &last_name, N_ ("Last name (required)"),
      N_ ("TEXT") },
    { "civility", 0, 0, G_OPTION_ARG_STRING, &civility, N_ ("Mme, M. or Mx"), N_ ("TEXT") },
    { "birth-date", 0, 0, G_OPTION_ARG_STRING, &birth_date, N_ ("Birth date"), N_ ("DATE") },
    { "birth-place", 0, 0, G_OPTION_ARG_STRING, &birth_place, N_ ("Birth place"), N_ ("TEXT") },
    { "nationality", 0, 0, G_OPTION_ARG_STRING, &nationality, N_ ("Nationality"), N_ ("TEXT") },
    { "nir", 0, 0, G_OPTION_ARG_STRING, &nir, N_ ("Social security number (NIR), 15 characters"),
      N_ ("NIR") },
    { "street", 0, 0, G_OPTION_ARG_STRING, &street, N_ ("Street address"), N_ ("TEXT") },
    { "postal-code", 0, 0, G_OPTION_ARG_STRING, &postal_code, N_ ("Postal code"), N_ ("CODE") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_ ("City"), N_ ("TEXT") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_ ("Phone number"), N_ ("NUMBER") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_ ("E-mail address"), N_ ("ADDRESS") },
    { "permit-end", 0, 0, G_OPTION_ARG_STRING, &permit_end, N_ ("End of the residence permit"),
      N_ ("DATE") },
    { "entry-status", 0, 0, G_OPTION_ARG_STRING, &entry_status,
      N_ ("Status at entry: job_seeker, rsa, employee, student or other (French words "
          "accepted)"),
      N_ ("STATUS") },
    { "benefits-end", 0, 0, G_OPTION_ARG_STRING, &benefits_end,
      N_ ("End of the unemployment rights"), N_ ("DATE") },
    { "trade-name", 0, 0, G_OPTION_ARG_STRING, &trade_name, N_ ("Trade name (enseigne)"),
      N_ ("TEXT") },
    { "activity", 0, 0, G_OPTION_ARG_STRING, &activity, N_ ("Activity"), N_ ("TEXT") },
    { "naf", 0, 0, G_OPTION_ARG_STRING, &naf, N_ ("NAF/APE code, such as 74.10Z"), N_ ("CODE") },
    { "counselor", 0, 0, G_OPTION_ARG_STRING, &counselor, N_ ("The counselor's name"),
      N_ ("NAME") },
    { "contribution", 0, 0, G_OPTION_ARG_STRING, &contribution,
      N_ ("Contribution rate in %, when not the cooperative's default"), N_ ("RATE") },
    { NULL },
  };

  g_option_context_set_summary (context, _ ("Add a member. Dates as 24/11/2026 or 2026-11-24. "
                                            "Exit code 4 when a value is refused: nothing is "
                                            "written then."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (argc != 1)
    {
      es_cli_error (_ ("members add takes no argument besides its options."));
      return ES_CLI_USAGE;
    }
  if (first_name == NULL || last_name == NULL)
    {
      es_cli_error (_ ("members add needs at least --first-name and --last-name."));
      return ES_CLI_USAGE;
    }

  db = es_cli_open (cli, ES_DB_OPEN_DEFAULT);
  if (db == NULL)
    return ES_CLI_FAILED;

  take_text (&m->first_name, g_steal_pointer (&first_name));
  take_text (&m->last_name, g_steal_pointer (&last_name));
  take_text (&m->birth_place, g_steal_pointer (&birth_place));
  take_text (&m->nationality, g_steal_pointer (&nationality));
  take_text (&m->nir, g_steal_pointer (&nir));
  take_text (&m->street, g_steal_pointer (&street));
  take_text (&m->postal_code, g_steal_pointer (&postal_code));
  take_text (&m->city, g_steal_pointer (&city));
  take_text (&m->phone, g_steal_pointer (&phone));
  take_text (&m->email, g_steal_pointer (&email));
  take_text (&m->trade_name, g_steal_pointer (&trade_name));
  take_text (&m->activity, g_steal_pointer (&activity));
  take_text (&m->naf_code, g_steal_pointer (&naf));
  if (civility != NULL)
    {
      const char *code = es_member_csv_parse_civility (civility);
      if (code == NULL)
        {
          es_cli_error (_ ("--civility: write Mme, M. or Mx."));
          ok = FALSE;
        }
      else
        take_text (&m->civility, g_strdup (code));
    }
  ok &= set_optional_date ("--birth-date", birth_date, &m->birth_date);
  ok &= set_optional_date ("--permit-end", permit_end, &m->permit_end);
  ok &= set_optional_date ("--benefits-end", benefits_end, &m->benefits_end);
  if (entry_status != NULL && !es_member_csv_parse_entry_status (entry_status, &m->entry_status))
    {
      es_cli_error (_ ("--entry-status: write job_seeker, rsa, employee, student or other."));
      ok = FALSE;
    }
  if (contribution != NULL)
    {
      g_autoptr (GError) rate_error = NULL;
      if (!es_rate_parse (contribution, &m->contribution_ppm, &rate_error))
        {
          es_cli_error ("--contribution: %s", rate_error->message);
          m->contribution_ppm = -1;
          ok = FALSE;
        }
    }
  if (counselor != NULL)
    {
      if (!find_staff (db, "--counselor", counselor, &m->counselor_id, &m->counselor_name))
        ok = FALSE;
    }

  es_member_validate (m, &today, errors);
  for (guint i = 0; i < G_N_ELEMENTS (field_options); i++)
    {
      const char *message = g_hash_table_lookup (errors, field_options[i].field);
      if (message != NULL)
        es_cli_error ("%s: %s", field_options[i].option, message);
    }
  if (ok && g_hash_table_size (errors) == 0 && m->nir != NULL)
    {
      gint64 other = es_member_store_find_by_nir (db, m->nir, &error);
      if (other < 0 || error != NULL)
        {
          es_cli_error ("%s", error->message);
          return ES_CLI_FAILED;
        }
      if (other > 0)
        {
          es_cli_error (_ ("--nir: This social security number is already the one of member "
                           "no. %lld."),
                        (long long)other);
          ok = FALSE;
        }
    }
  if (!ok || g_hash_table_size (errors) > 0)
    return ES_CLI_INVALID;

  id = es_member_store_insert (db, m, &error);
  if (id == 0)
    {
      print_store_error (error);
      return error->domain == ES_VALIDATION_ERROR ? ES_CLI_INVALID : ES_CLI_FAILED;
    }
  name = es_member_dup_display_name (m);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      add_int (b, "id", id);
      add_string (b, "display_name", name);
      json_builder_end_object (b);
      es_cli_print_builder (b);
    }
  else
    g_print (_ ("Added member %lld: %s\n"), (long long)id, name);
  return ES_CLI_OK;
}

/* ---------------------------------------------------------------------------------------
 * members import / export
 * ------------------------------------------------------------------------------------- */

static void
print_problem (const EsCsvProblem *p, gboolean warning)
{
  g_autofree char *text = NULL;

  if (p->line == 0)
    text = g_strdup (p->message);
  else if (p->column != NULL)
    text = g_strdup_printf (_ ("line %u, column « %s »: %s"), p->line, p->column, p->message);
  else
    text = g_strdup_printf (_ ("line %u: %s"), p->line, p->message);
  if (warning)
    g_printerr (_ ("warning: %s\n"), text);
  else
    g_printerr ("%s\n", text);
}

static void
add_problems (JsonBuilder *b, const char *key, GPtrArray *problems)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const EsCsvProblem *p = g_ptr_array_index (problems, i);
      json_builder_begin_object (b);
      add_int (b, "line", p->line);
      add_string_or_null (b, "column", p->column);
      add_string (b, "message", p->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static int
members_import (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("FILE.csv"));
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsCsvReport) report = NULL;
  gboolean skip_invalid = FALSE, dry_run = FALSE, ok;
  EsMemberCsvFlags flags = ES_MEMBER_CSV_IMPORT_DEFAULT;
  const char *path;
  int status;
  GOptionEntry entries[] = {
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_ ("Import the valid rows and skip the others (by default a single bad row refuses the "
          "whole file)"),
      NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_ ("Check the file and report, but write nothing"), NULL },
    { NULL },
  };

  g_option_context_set_summary (
      context, _ ("Import members from a spreadsheet's CSV file (see docs/csv-import.md for the "
                  "columns). All or nothing: when a row has a problem, every problem is listed "
                  "with its line and column, nothing is written and the exit code is 4."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (argc != 2 || *argv[1] == '\0')
    {
      es_cli_error (_ ("members import takes one argument: the CSV file to read."));
      return ES_CLI_USAGE;
    }
  path = argv[1];
  if (skip_invalid)
    flags |= ES_MEMBER_CSV_SKIP_INVALID;
  if (dry_run)
    flags |= ES_MEMBER_CSV_DRY_RUN;

  db = dry_run ? es_cli_open_for_reading (cli) : es_cli_open (cli, ES_DB_OPEN_DEFAULT);
  if (db == NULL)
    return ES_CLI_FAILED;
  ok = es_member_csv_import_file (db, path, flags, &report, &error);

  if (report != NULL)
    {
      for (guint i = 0; i < report->warnings->len; i++)
        print_problem (g_ptr_array_index (report->warnings, i), TRUE);
      for (guint i = 0; i < report->problems->len; i++)
        print_problem (g_ptr_array_index (report->problems, i), FALSE);
      if (report->n_problems > report->problems->len)
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "… and %u more problem.\n",
                                 "… and %u more problems.\n",
                                 report->n_problems - report->problems->len),
                    report->n_problems - report->problems->len);
    }
  if (!ok)
    {
      es_cli_error ("%s", error->message);
      status = error->domain == ES_MEMBER_CSV_ERROR ? ES_CLI_INVALID : ES_CLI_FAILED;
    }
  else
    status = ES_CLI_OK;

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      char separator[2] = { report != NULL ? report->separator : ';', '\0' };

      json_builder_begin_object (b);
      add_string (b, "file", path);
      add_bool (b, "ok", ok);
      add_string_or_null (b, "error", ok ? NULL : error->message);
      add_bool (b, "dry_run", dry_run);
      add_bool (b, "skip_invalid", skip_invalid);
      add_string_or_null (b, "encoding", report != NULL ? report->encoding : NULL);
      add_string_or_null (b, "separator", report != NULL ? separator : NULL);
      add_int (b, "rows", report != NULL ? report->n_rows : 0);
      add_int (b, "invalid_rows", report != NULL ? report->n_invalid : 0);
      add_int (b, "valid_rows", report != NULL ? report->n_rows - report->n_invalid : 0);
      add_int (b, "imported", report != NULL ? report->n_imported : 0);
      add_int (b, "n_problems", report != NULL ? report->n_problems : 0);
      add_problems (b, "problems", report != NULL ? report->problems : NULL);
      add_problems (b, "warnings", report != NULL ? report->warnings : NULL);
      json_builder_end_object (b);
      es_cli_print_builder (b);
    }
  else if (ok && dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u member would be imported (rows read: %u). Nothing was written "
                          "(--dry-run).\n",
                          "%u members would be imported (rows read: %u). Nothing was written "
                          "(--dry-run).\n",
                          report->n_rows - report->n_invalid),
             report->n_rows - report->n_invalid, report->n_rows);
  else if (ok)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u member from %s.\n",
                            "Imported %u members from %s.\n", report->n_imported),
               report->n_imported, path);
      if (report->n_invalid > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u row with problems was skipped.\n",
                              "%u rows with problems were skipped.\n", report->n_invalid),
                 report->n_invalid);
    }
  return status;
}

static gboolean
same_file (const char *a, const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev
         && sa.st_ino == sb.st_ino;
}

static int
members_export (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("FILE.csv"));
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *separator = NULL;
  gboolean force = FALSE;
  char sep = ';';
  guint n = 0;
  GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_ ("Replace FILE.csv if it exists"), NULL },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &separator,
      N_ ("Column separator: ; (default), , or tab"), N_ ("SEP") },
    { NULL },
  };

  g_option_context_set_summary (context,
                                _ ("Export every member to a CSV file for a spreadsheet: UTF-8, "
                                   "French headers, dates as DD/MM/YYYY. The file holds personal "
                                   "data: it is readable by you only."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (argc != 2 || *argv[1] == '\0')
    {
      es_cli_error (_ ("members export takes one argument: the CSV file to write."));
      return ES_CLI_USAGE;
    }
  if (separator != NULL)
    {
      if (g_str_equal (separator, ";") || g_str_equal (separator, ","))
        sep = separator[0];
      else if (g_str_equal (separator, "tab") || g_str_equal (separator, "\t"))
        sep = '\t';
      else
        {
          es_cli_error (_ ("--separator takes ;, , or tab."));
          return ES_CLI_USAGE;
        }
    }
  if (!force && g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      es_cli_error (_ ("“%s” already exists: add --force to replace it."), argv[1]);
      return ES_CLI_FAILED;
    }
  if (same_file (argv[1], cli->database))
    {
      es_cli_error (_ ("“%s” is the database itself: choose another file name."), argv[1]);
      return ES_CLI_FAILED;
    }
  db = es_cli_open_for_reading (cli);
  if (db == NULL)
    return ES_CLI_FAILED;
  if (!es_member_csv_export_file (db, argv[1], sep, force, &n, &error))
    {
      es_cli_error ("%s", error->message);
      return ES_CLI_FAILED;
    }
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      add_string (b, "file", argv[1]);
      add_int (b, "members", n);
      json_builder_end_object (b);
      es_cli_print_builder (b);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u member to %s\n",
                          "Exported %u members to %s\n", n),
             n, argv[1]);
  return ES_CLI_OK;
}

/* ---------------------------------------------------------------------------------------
 * members event
 * ------------------------------------------------------------------------------------- */

static void
print_event_kinds (void)
{
  g_autoptr (GString) codes = g_string_new (NULL);

  for (int k = 0; k < ES_EVENT_N_KINDS; k++)
    g_string_append_printf (codes, "%s%s", k > 0 ? ", " : "", es_event_kind_to_code (k));
  es_cli_error (_ ("The kinds of event are: %s."), codes->str);
}

static void
print_exit_reasons (void)
{
  g_autoptr (GString) codes = g_string_new (NULL);

  for (int r = 0; r < ES_EXIT_N_REASONS; r++)
    g_string_append_printf (codes, "%s%s", r > 0 ? ", " : "", es_exit_reason_to_code (r));
  es_cli_error (_ ("The exit reasons are: %s."), codes->str);
}

static int
members_event (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("ID KIND"));
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsCareerEvent) event = NULL;
  g_autoptr (EsMember) member = NULL;
  g_autofree char *date = NULL, *end_date = NULL, *reason = NULL, *hours = NULL;
  g_autofree char *fixed_gross = NULL, *contribution = NULL, *paid = NULL;
  g_autofree char *exit_reason = NULL, *note = NULL, *description = NULL, *name = NULL;
  g_autofree char *shares = NULL, *corrects = NULL;
  gboolean admitted = FALSE, not_admitted = FALSE, ok = TRUE;
  gint64 member_id, shares_subscribed = 0, corrects_id = 0, id;
  GDate when, today = es_date_today ();
  EsEventKind kind;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("Date of the event (required)"), N_ ("DATE") },
    { "end-date", 0, 0, G_OPTION_ARG_STRING, &end_date,
      N_ ("cape_signed, cape_renewed: planned last day of the period"), N_ ("DATE") },
    { "admitted", 0, 0, G_OPTION_ARG_NONE, &admitted, N_ ("diagnostic: admitted"), NULL },
    { "not-admitted", 0, 0, G_OPTION_ARG_NONE, &not_admitted,
      N_ ("diagnostic: not admitted (give --reason)"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_ ("diagnostic (not admitted), cancellation: why, in words"), N_ ("TEXT") },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours,
      N_ ("contract_signed, amendment: weekly hours, such as 24 or 17,5"), N_ ("HOURS") },
    { "fixed-gross", 0, 0, G_OPTION_ARG_STRING, &fixed_gross,
      N_ ("contract_signed, amendment: fixed monthly gross pay, such as 1200,00"), N_ ("AMOUNT") },
    { "contribution", 0, 0, G_OPTION_ARG_STRING, &contribution,
      N_ ("contract_signed, amendment: contribution rate in %"), N_ ("RATE") },
    { "shares", 0, 0, G_OPTION_ARG_STRING, &shares, N_ ("associate: number of shares subscribed"),
      "N" },
    { "paid", 0, 0, G_OPTION_ARG_STRING, &paid, N_ ("associate: amount paid up for the shares"),
      N_ ("AMOUNT") },
    { "exit-reason", 0, 0, G_OPTION_ARG_STRING, &exit_reason,
      N_ ("exit: own_company, salaried_job, project_stopped, not_admitted, cape_end, "
          "resignation, mutual_agreement, dismissal, associate_deadline or other"),
      N_ ("CODE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("A note, for any kind"), N_ ("TEXT") },
    { "corrects", 0, 0, G_OPTION_ARG_STRING, &corrects,
      N_ ("The event this one corrects (same kind) or cancels (cancellation)"), N_ ("EVENT_ID") },
    { NULL },
  };

  g_option_context_set_summary (
      context, _ ("Record a step of a member's pipeline. KIND is one of info_meeting, "
                  "diagnostic, cape_signed, cape_renewed, cape_ended, contract_signed, "
                  "amendment, associate, exit, cancellation. An option that does not apply to "
                  "KIND is refused. A step the pipeline's rules refuse is not recorded; the "
                  "reason is printed and the exit code is 4."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (argc != 3)
    {
      es_cli_error (_ ("members event takes two arguments: the member's number and the kind of "
                       "event."));
      return ES_CLI_USAGE;
    }
  if (!parse_member_id (argv[1], &member_id))
    return ES_CLI_USAGE;
  if (!es_event_kind_from_code (argv[2], &kind))
    {
      es_cli_error (_ ("Unknown kind of event “%s”."), argv[2]);
      print_event_kinds ();
      return ES_CLI_USAGE;
    }
  {
    /* The options that only some kinds take: the others are refused rather than left
     * unread. --date, --note and --corrects apply to every kind. */
    const struct
    {
      const char *option;
      gboolean given;
      guint kinds; /* 1 << EsEventKind */
    } specific[] = {
      { "--end-date", end_date != NULL, 1u << ES_EVENT_CAPE_SIGNED | 1u << ES_EVENT_CAPE_RENEWED },
      { "--admitted", admitted, 1u << ES_EVENT_DIAGNOSTIC },
      { "--not-admitted", not_admitted, 1u << ES_EVENT_DIAGNOSTIC },
      { "--reason", reason != NULL, 1u << ES_EVENT_DIAGNOSTIC | 1u << ES_EVENT_CANCELLATION },
      { "--hours", hours != NULL, 1u << ES_EVENT_CONTRACT_SIGNED | 1u << ES_EVENT_AMENDMENT },
      { "--fixed-gross", fixed_gross != NULL,
        1u << ES_EVENT_CONTRACT_SIGNED | 1u << ES_EVENT_AMENDMENT },
      { "--contribution", contribution != NULL,
        1u << ES_EVENT_CONTRACT_SIGNED | 1u << ES_EVENT_AMENDMENT },
      { "--shares", shares != NULL, 1u << ES_EVENT_ASSOCIATE },
      { "--paid", paid != NULL, 1u << ES_EVENT_ASSOCIATE },
      { "--exit-reason", exit_reason != NULL, 1u << ES_EVENT_EXIT },
    };
    gboolean applies = TRUE;

    for (guint i = 0; i < G_N_ELEMENTS (specific); i++)
      if (specific[i].given && (specific[i].kinds & 1u << kind) == 0)
        {
          g_autoptr (GString) kinds = g_string_new (NULL);

          for (int k = 0; k < ES_EVENT_N_KINDS; k++)
            if (specific[i].kinds & 1u << k)
              g_string_append_printf (kinds, "%s%s", kinds->len > 0 ? _ (", ") : "",
                                      es_event_kind_to_code (k));
          es_cli_error (_ ("%s does not apply to an event of kind %s, only to %s."),
                        specific[i].option, es_event_kind_to_code (kind), kinds->str);
          applies = FALSE;
        }
    if (!applies)
      return ES_CLI_USAGE;
  }
  if (date == NULL)
    {
      es_cli_error (_ ("--date is required: when did it happen?"));
      return ES_CLI_USAGE;
    }
  if (admitted && not_admitted)
    {
      es_cli_error (_ ("Choose --admitted or --not-admitted, not both."));
      return ES_CLI_USAGE;
    }
  if (admitted && reason != NULL)
    {
      es_cli_error (_ ("--reason goes with --not-admitted: an admitted diagnostic needs no "
                       "reason."));
      return ES_CLI_USAGE;
    }
  if (corrects != NULL && !parse_int (corrects, 1, G_MAXINT64, &corrects_id))
    {
      es_cli_error (_ ("--corrects takes the number of an event, as “members show” gives it."));
      return ES_CLI_USAGE;
    }
  if (shares != NULL && !parse_int (shares, 0, G_MAXINT64, &shares_subscribed))
    {
      es_cli_error (_ ("--shares takes a number of shares, such as 4."));
      return ES_CLI_USAGE;
    }
  if (kind == ES_EVENT_DIAGNOSTIC && !admitted && !not_admitted)
    {
      es_cli_error (_ ("A diagnostic needs --admitted or --not-admitted."));
      return ES_CLI_USAGE;
    }
  if (kind == ES_EVENT_EXIT && exit_reason == NULL)
    {
      es_cli_error (_ ("An exit needs --exit-reason."));
      print_exit_reasons ();
      return ES_CLI_USAGE;
    }

  if (!parse_date_option ("--date", date, &when))
    return ES_CLI_INVALID;
  event = es_career_event_new (kind, &when);
  event->member_id = member_id;
  event->corrects_id = corrects_id;
  event->admitted = admitted;
  if (reason != NULL)
    event->reason = g_strdup (reason);
  if (note != NULL)
    event->note = g_strdup (note);
  if (end_date != NULL && !parse_date_option ("--end-date", end_date, &event->end_date))
    ok = FALSE;
  if (hours != NULL && !parse_milli (hours, &event->hours_milli))
    {
      es_cli_error (_ ("--hours: write a number of hours such as 24 or 17,5."));
      ok = FALSE;
    }
  if (fixed_gross != NULL)
    {
      g_autoptr (GError) e = NULL;
      if (!es_money_parse (fixed_gross, &event->fixed_gross_cents, &e))
        {
          es_cli_error ("--fixed-gross: %s", e->message);
          ok = FALSE;
        }
    }
  if (contribution != NULL)
    {
      g_autoptr (GError) e = NULL;
      if (!es_rate_parse (contribution, &event->contribution_ppm, &e))
        {
          es_cli_error ("--contribution: %s", e->message);
          ok = FALSE;
        }
    }
  event->shares_subscribed = shares_subscribed;
  if (paid != NULL)
    {
      g_autoptr (GError) e = NULL;
      if (!es_money_parse (paid, &event->shares_paid_cents, &e))
        {
          es_cli_error ("--paid: %s", e->message);
          ok = FALSE;
        }
    }
  if (exit_reason != NULL && !es_exit_reason_from_code (exit_reason, &event->exit_reason))
    {
      es_cli_error (_ ("Unknown exit reason “%s”."), exit_reason);
      print_exit_reasons ();
      return ES_CLI_USAGE;
    }
  if (!ok)
    return ES_CLI_INVALID;

  db = es_cli_open (cli, ES_DB_OPEN_DEFAULT);
  if (db == NULL)
    return ES_CLI_FAILED;
  id = es_member_store_add_event (db, event, &today, &error);
  if (id == 0)
    {
      es_cli_error ("%s", error->message);
      return error->domain == ES_PIPELINE_ERROR ? ES_CLI_INVALID : ES_CLI_FAILED;
    }
  description = es_career_event_describe (event);
  member = es_member_store_get (db, member_id, &today, NULL);
  name = member != NULL ? es_member_dup_display_name (member) : g_strdup ("");
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      add_int (b, "id", id);
      add_int (b, "member_id", member_id);
      add_string (b, "kind", es_event_kind_to_code (kind));
      add_date (b, "date", &when);
      add_string (b, "description", description);
      add_string_or_null (b, "stage",
                          member != NULL ? es_stage_to_code (member->state.stage) : NULL);
      add_string_or_null (b, "stage_label",
                          member != NULL ? es_stage_label (member->state.stage) : NULL);
      json_builder_end_object (b);
      es_cli_print_builder (b);
    }
  else
    {
      g_print (_ ("Recorded event %lld for %s: %s\n"), (long long)id, name, description);
      if (member != NULL)
        g_print (_ ("Stage: %s\n"), es_stage_label (member->state.stage));
    }
  return ES_CLI_OK;
}

/* ---------------------------------------------------------------------------------------
 * Command groups
 * ------------------------------------------------------------------------------------- */

static const EsCliCommand member_commands[] = {
  { "list", members_list, N_ ("List members, filtered by stage, counselor or words") },
  { "show", members_show, N_ ("Show a member with events, interviews and deadlines") },
  { "add", members_add, N_ ("Add a member") },
  { "import", members_import, N_ ("Import members from a CSV file (all or nothing)") },
  { "export", members_export, N_ ("Export every member to a CSV file") },
  { "event", members_event, N_ ("Record a step of a member's pipeline") },
};

int
es_cli_members (EsCli *cli, int argc, char **argv)
{
  return dispatch (cli, "members", member_commands, G_N_ELEMENTS (member_commands), argc, argv);
}

/* interviews */

static int
interviews_add (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("MEMBER_ID"));
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) member = NULL;
  g_autoptr (EsInterview) interview = es_interview_new ();
  g_autofree char *date = NULL, *kind = NULL, *summary = NULL, *counselor = NULL;
  g_autofree char *name = NULL, *when = NULL;
  GDate today = es_date_today ();
  gint64 member_id, id;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("Date of the interview (required)"),
      N_ ("DATE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_ ("individual (default), collective or workshop"),
      N_ ("KIND") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &summary,
      N_ ("The written report of the interview (required by law)"), N_ ("TEXT") },
    { "counselor", 0, 0, G_OPTION_ARG_STRING, &counselor,
      N_ ("Who led it (default: the member's counselor)"), N_ ("NAME") },
    { NULL },
  };

  g_option_context_set_summary (context, _ ("Record a support interview that took place."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (argc != 2)
    {
      es_cli_error (_ ("interviews add takes one argument: the member's number."));
      return ES_CLI_USAGE;
    }
  if (!parse_member_id (argv[1], &member_id))
    return ES_CLI_USAGE;
  if (date == NULL || summary == NULL)
    {
      es_cli_error (_ ("interviews add needs --date and --summary."));
      return ES_CLI_USAGE;
    }
  if (kind != NULL && !es_interview_kind_from_code (kind, &interview->kind))
    {
      es_cli_error (_ ("--kind takes individual, collective or workshop."));
      return ES_CLI_USAGE;
    }
  if (!parse_date_option ("--date", date, &interview->date))
    return ES_CLI_INVALID;

  db = es_cli_open (cli, ES_DB_OPEN_DEFAULT);
  if (db == NULL)
    return ES_CLI_FAILED;
  member = es_member_store_get (db, member_id, &today, &error);
  if (member == NULL)
    {
      es_cli_error ("%s", error->message);
      return ES_CLI_FAILED;
    }
  interview->member_id = member_id;
  interview->staff_id = member->counselor_id;
  g_free (interview->staff_name);
  interview->staff_name = g_strdup (member->counselor_name ? member->counselor_name : "");
  if (counselor != NULL)
    {
      g_autofree char *staff_name = NULL;
      if (!find_staff (db, "--counselor", counselor, &interview->staff_id, &staff_name))
        return ES_CLI_INVALID;
      g_free (interview->staff_name);
      interview->staff_name = g_strdup (staff_name ? staff_name : "");
    }
  g_free (interview->summary);
  interview->summary = g_strdup (summary);

  {
    g_autoptr (GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    static const char *const fields[][2]
        = { { "date", "--date" }, { "kind", "--kind" }, { "summary", "--summary" } };

    if (!es_interview_validate (interview, &today, errors))
      {
        for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
          if (g_hash_table_contains (errors, fields[i][0]))
            es_cli_error ("%s: %s", fields[i][1],
                          (const char *)g_hash_table_lookup (errors, fields[i][0]));
        return ES_CLI_INVALID;
      }
  }
  id = es_interview_store_add (db, interview, &today, &error);
  if (id == 0)
    {
      es_cli_error ("%s", error->message);
      return error->domain == ES_VALIDATION_ERROR ? ES_CLI_INVALID : ES_CLI_FAILED;
    }
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      add_interview (b, interview);
      es_cli_print_builder (b);
      return ES_CLI_OK;
    }
  name = es_member_dup_display_name (member);
  when = format_date (&interview->date);
  g_print (_ ("Recorded interview %lld with %s on %s.\n"), (long long)id, name, when);
  return ES_CLI_OK;
}

static int
interviews_list (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("MEMBER_ID"));
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) member = NULL;
  g_autoptr (GPtrArray) list = NULL;
  GDate today = es_date_today ();
  gint64 member_id;

  g_option_context_set_summary (context, _ ("List a member's support interviews, newest first."));
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (argc != 2)
    {
      es_cli_error (_ ("interviews list takes one argument: the member's number."));
      return ES_CLI_USAGE;
    }
  if (!parse_member_id (argv[1], &member_id))
    return ES_CLI_USAGE;
  db = es_cli_open_for_reading (cli);
  if (db == NULL)
    return ES_CLI_FAILED;
  member = es_member_store_get (db, member_id, &today, &error);
  list = member != NULL ? es_interview_store_list (db, member_id, &error) : NULL;
  if (list == NULL)
    {
      es_cli_error ("%s", error->message);
      return ES_CLI_FAILED;
    }
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      add_int (b, "member_id", member_id);
      add_int (b, "count", list->len);
      json_builder_set_member_name (b, "interviews");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        add_interview (b, g_ptr_array_index (list, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
      es_cli_print_builder (b);
      return ES_CLI_OK;
    }
  if (list->len == 0)
    {
      g_print ("%s\n", _ ("No interview yet."));
      return ES_CLI_OK;
    }
  {
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
    for (guint i = 0; i < list->len; i++)
      {
        EsInterview *iv = g_ptr_array_index (list, i);
        char **row = g_new0 (char *, 5);
        row[0] = format_date (&iv->date);
        row[1] = g_strdup (es_interview_kind_label (iv->kind));
        row[2] = g_strdup (iv->staff_id > 0 ? iv->staff_name : "");
        row[3] = g_strdup (iv->summary);
        g_ptr_array_add (rows, row);
      }
    print_table (rows, 4);
  }
  return ES_CLI_OK;
}

static const EsCliCommand interview_commands[] = {
  { "add", interviews_add, N_ ("Record a support interview") },
  { "list", interviews_list, N_ ("List a member's interviews") },
};

int
es_cli_interviews (EsCli *cli, int argc, char **argv)
{
  return dispatch (cli, "interviews", interview_commands, G_N_ELEMENTS (interview_commands), argc,
                   argv);
}

/* deadlines */

int
es_cli_deadlines (EsCli *cli, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) all = NULL;
  g_autoptr (GListStore) members = NULL;
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  GDate today = es_date_today ();
  g_autofree char *within_text = NULL;
  gint64 within = 0;
  gboolean has_within;
  guint n, shown = 0;
  GOptionEntry entries[] = {
    { "within", 0, 0, G_OPTION_ARG_STRING, &within_text,
      N_ ("Only deadlines up to DAYS days from today (overdue ones are always shown)"),
      N_ ("DAYS") },
    { NULL },
  };

  g_option_context_set_summary (context, _ ("List every member's deadlines, most urgent first: "
                                            "CAPE end, contract or exit after an ended CAPE, "
                                            "trial period, associate deadline, interviews due, "
                                            "residence permit, unemployment rights."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!es_cli_parse (context, &argc, &argv))
    return ES_CLI_USAGE;
  if (argc != 1)
    {
      es_cli_error (_ ("deadlines takes no argument besides its options."));
      return ES_CLI_USAGE;
    }
  has_within = within_text != NULL;
  if (has_within && !parse_int (within_text, 0, 100000, &within))
    {
      es_cli_error (_ ("--within takes a number of days between 0 and 100000."));
      return ES_CLI_USAGE;
    }
  db = es_cli_open_for_reading (cli);
  if (db == NULL)
    return ES_CLI_FAILED;
  members = es_member_store_list (db, &today, &error);
  all = members != NULL ? es_member_store_deadlines (db, &today, &error) : NULL;
  if (all == NULL)
    {
      es_cli_error ("%s", error->message);
      return ES_CLI_FAILED;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (members));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EsMember) m = g_list_model_get_item (G_LIST_MODEL (members), i);
      g_hash_table_insert (by_id, &m->id, m); /* the store keeps it alive */
    }

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      add_date (b, "today", &today);
      add_int_or_null (b, "within", within, has_within);
      json_builder_set_member_name (b, "deadlines");
      json_builder_begin_array (b);
      for (guint i = 0; i < all->len; i++)
        {
          EsDeadline *d = &g_array_index (all, EsDeadline, i);
          EsMember *m = g_hash_table_lookup (by_id, &d->member_id);
          if (m == NULL || (has_within && d->days_left > within))
            continue;
          add_deadline (b, d, m);
          shown++;
        }
      json_builder_end_array (b);
      add_int (b, "count", shown);
      json_builder_end_object (b);
      es_cli_print_builder (b);
      return ES_CLI_OK;
    }

  for (guint i = 0; i < all->len; i++)
    {
      EsDeadline *d = &g_array_index (all, EsDeadline, i);
      EsMember *m = g_hash_table_lookup (by_id, &d->member_id);
      char **row;

      if (m == NULL || (has_within && d->days_left > within))
        continue;
      row = g_new0 (char *, 5);
      row[0] = format_date (&d->date);
      row[1] = es_member_dup_display_name (m);
      row[2] = g_strdup (es_deadline_kind_label (d->kind));
      row[3] = es_deadline_describe_delay (d);
      g_ptr_array_add (rows, row);
    }
  if (rows->len == 0)
    g_print ("%s\n", has_within ? _ ("No deadline within that time.") : _ ("No deadline."));
  else
    print_table (rows, 4);
  return ES_CLI_OK;
}
