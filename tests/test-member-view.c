/* test-member-view.c — filters, sectors, phrases and steps of the board and the member
 * lists (es-member-view), and the shared, self-refreshing member list (es-member-list). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "es-date.h"
#include "es-demo.h"
#include "es-member-list.h"
#include "es-member-store.h"
#include "es-member-view.h"
#include "es-member-array.h"
#include "es-member-rows.h"
#include "es-slot-model.h"
#include "es-validate.h"

static GDate
date_of (const char *iso)
{
  GDate date;

  g_assert_true (es_date_parse_iso (iso, &date));
  return date;
}

/* Sectors */

static void
test_naf_section (void)
{
  static const struct
  {
    const char *code;
    char section;
  } cases[] = {
    { "62.01Z", 'J' },
    { "6201Z", 'J' },
    { "43.22A", 'F' },
    { "01.11Z", 'A' },
    { "03.22Z", 'A' },
    { "05.10Z", 'B' },
    { "33.20A", 'C' },
    { "35.11Z", 'D' },
    { "85.59A", 'P' },
    { "90.03B", 'R' },
    { "96.04Z", 'S' },
    { "99.00Z", 'U' },
    { "04.00Z", ES_SECTOR_NONE },
    { "34.00Z", ES_SECTOR_NONE },
    { "", ES_SECTOR_NONE },
    { NULL, ES_SECTOR_NONE },
    { "6", ES_SECTOR_NONE },
    { "A2.01", ES_SECTOR_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].code ? cases[i].code : "(null)");
      g_assert_cmpint (es_naf_section (cases[i].code), ==, cases[i].section);
    }
  for (char c = 'A'; c <= 'U'; c++)
    g_assert_nonnull (es_naf_section_label (c));
  g_assert_cmpstr (es_naf_section_label ('J'), ==, "Information and communication");
  g_assert_cmpstr (es_naf_section_label (ES_SECTOR_NONE), ==, "No sector");
  g_assert_null (es_naf_section_label ('Z'));
  g_assert_null (es_naf_section_label (0));
}

/* Hours */

static void
test_sections_present (void)
{
  const char *const codes[] = { "62.01Z", "", "01.11Z", "43.22A", "62.02A", "xx", "96.02B" };
  EsMember *members[G_N_ELEMENTS (codes)];
  g_autofree char *all = NULL;
  g_autofree char *some = NULL;
  g_autofree char *none = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      members[i] = es_member_new ();
      g_free (members[i]->naf_code);
      members[i]->naf_code = g_strdup (codes[i]);
    }
  /* In the order of the nomenclature, once each, the members without a sector last. */
  all = es_naf_sections_present (members, G_N_ELEMENTS (members));
  g_assert_cmpstr (all, ==, "AFJS-");
  some = es_naf_sections_present (members, 1);
  g_assert_cmpstr (some, ==, "J");
  none = es_naf_sections_present (NULL, 0);
  g_assert_cmpstr (none, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_object_unref (members[i]);
}

static void
test_hours_parse (void)
{
  static const struct
  {
    const char *text;
    gint64 milli; /* -1: refused */
  } cases[] = {
    { "24", 24000 },
    { " 35 ", 35000 },
    { "17,5", 17500 },
    { "17.5", 17500 },
    { "17,333", 17333 },
    { "17 h 30", 17500 },
    { "17h30", 17500 },
    { "17H30", 17500 },
    { "24 h", 24000 },
    { "24h", 24000 },
    { "17h20", 17333 },
    { "17h10", 17167 },
    { "17 h 30 min", 17500 },
    { "17,5 h", 17500 },
    { "0", 0 },
    { "", -1 },
    { "   ", -1 },
    { "vingt", -1 },
    { "17,5555", -1 },
    { "17h75", -1 },
    { "24 hours", -1 },
    { "-3", -1 },
    { "1 7", -1 },
    { "12345", -1 },
    { "17,", -1 },
    { ",5", -1 },
    { NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (cases[i].text ? cases[i].text : "x"));
      gint64 milli = -7;
      gboolean ok = es_hours_parse (cases[i].text, &milli, &error);

      g_test_message ("“%s”", cases[i].text ? cases[i].text : "(null)");
      if (cases[i].milli < 0)
        {
          int code = stripped[0] == '\0' ? ES_VALIDATION_ERROR_EMPTY : ES_VALIDATION_ERROR_FORMAT;

          g_assert_false (ok);
          g_assert_error (error, ES_VALIDATION_ERROR, code);
          g_assert_cmpint (milli, ==, -7);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (milli, ==, cases[i].milli);
        }
    }
}

/* Phrases */

static EsMember *
member_in (EsStage stage, const char *since)
{
  EsMember *member = es_member_new ();

  member->state.stage = stage;
  if (since != NULL)
    member->state.stage_since = date_of (since);
  return member;
}

static void
test_time_in_stage (void)
{
  static const struct
  {
    const char *since;
    const char *expected;
  } cases[] = {
    { "2026-11-24", "since today" },   { "2026-11-23", "for 1 day" },
    { "2026-11-12", "for 12 days" },   { "2026-10-25", "for 30 days" },
    { "2026-10-24", "for 1 month" },   { "2026-07-24", "for 4 months" },
    { "2024-11-25", "for 23 months" }, { "2024-11-24", "for 2 years" },
    { "2016-01-01", "for 10 years" },  { "2026-12-01", "since today" },
  };
  GDate today = date_of ("2026-11-24");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (EsMember) member = member_in (ES_STAGE_CAPE, cases[i].since);
      g_autofree char *text = es_member_describe_time_in_stage (member, &today);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }

  {
    g_autoptr (EsMember) member = member_in (ES_STAGE_RECEPTION, NULL);
    g_autofree char *text = es_member_describe_time_in_stage (member, &today);
    g_assert_null (text);
  }
}

static void
test_exited_within (void)
{
  GDate today = date_of ("2026-11-24");
  g_autoptr (EsMember) recent = member_in (ES_STAGE_EXITED, "2026-01-10");
  g_autoptr (EsMember) old = member_in (ES_STAGE_EXITED, "2025-11-24");
  g_autoptr (EsMember) edge = member_in (ES_STAGE_EXITED, "2025-11-25");
  g_autoptr (EsMember) active = member_in (ES_STAGE_CAPE, "2026-01-10");

  recent->state.exit_date = recent->state.stage_since;
  old->state.exit_date = old->state.stage_since;
  edge->state.exit_date = edge->state.stage_since;
  g_assert_true (es_member_exited_within (recent, &today, 12));
  g_assert_false (es_member_exited_within (old, &today, 12));
  g_assert_true (es_member_exited_within (edge, &today, 12));
  g_assert_false (es_member_exited_within (active, &today, 12));
  g_assert_true (es_member_exited_within (old, &today, 24));
}

/* Filters */

static void
test_filter (void)
{
  g_autoptr (EsMember) member = member_in (ES_STAGE_CONTRACT, "2026-01-10");
  g_autoptr (GHashTable) ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 other = 99;
  EsMemberFilter filter;

  member->id = 7;
  member->counselor_id = 3;
  g_free (member->naf_code);
  member->naf_code = g_strdup ("62.01Z");

  es_member_filter_init (&filter);
  g_assert_true (es_member_filter_match (&filter, member));

  filter.stage = ES_STAGE_CAPE;
  g_assert_false (es_member_filter_match (&filter, member));
  filter.stage = ES_STAGE_CONTRACT;
  g_assert_true (es_member_filter_match (&filter, member));

  filter.counselor_id = 0;
  g_assert_false (es_member_filter_match (&filter, member));
  filter.counselor_id = 3;
  g_assert_true (es_member_filter_match (&filter, member));

  filter.sector = 'F';
  g_assert_false (es_member_filter_match (&filter, member));
  filter.sector = 'J';
  g_assert_true (es_member_filter_match (&filter, member));

  /* Deadlines: overdue ⊂ within 30 days ⊂ within 90 days; none matches no deadline. */
  filter.deadline = ES_DEADLINE_FILTER_90_DAYS;
  g_assert_false (es_member_filter_match (&filter, member));
  member->has_deadline = TRUE;
  member->deadline.urgency = ES_URGENCY_NEAR;
  g_assert_true (es_member_filter_match (&filter, member));
  filter.deadline = ES_DEADLINE_FILTER_30_DAYS;
  g_assert_false (es_member_filter_match (&filter, member));
  member->deadline.urgency = ES_URGENCY_OVERDUE;
  g_assert_true (es_member_filter_match (&filter, member));
  filter.deadline = ES_DEADLINE_FILTER_OVERDUE;
  g_assert_true (es_member_filter_match (&filter, member));
  member->deadline.urgency = ES_URGENCY_SOON;
  g_assert_false (es_member_filter_match (&filter, member));
  filter.deadline = ES_DEADLINE_FILTER_ANY;

  /* A search: only the ids found. */
  filter.ids = ids;
  g_assert_false (es_member_filter_match (&filter, member));
  g_hash_table_add (ids, &other);
  g_assert_false (es_member_filter_match (&filter, member));
  g_hash_table_add (ids, &member->id);
  g_assert_true (es_member_filter_match (&filter, member));

  for (guint f = 0; f < ES_DEADLINE_FILTER_N; f++)
    g_assert_nonnull (es_deadline_filter_label (f));
}

/* Steps */

static void
test_step_to_stage (void)
{
  static const struct
  {
    EsStage from, to;
    int kind; /* -1: none */
  } cases[] = {
    { ES_STAGE_RECEPTION, ES_STAGE_RECEPTION, -1 },
    { ES_STAGE_RECEPTION, ES_STAGE_CAPE, ES_EVENT_CAPE_SIGNED },
    { ES_STAGE_RECEPTION, ES_STAGE_CONTRACT, ES_EVENT_CONTRACT_SIGNED },
    { ES_STAGE_RECEPTION, ES_STAGE_ASSOCIATE, ES_EVENT_ASSOCIATE },
    { ES_STAGE_RECEPTION, ES_STAGE_EXITED, ES_EVENT_EXIT },
    { ES_STAGE_CAPE, ES_STAGE_RECEPTION, -1 },
    { ES_STAGE_CAPE, ES_STAGE_CONTRACT, ES_EVENT_CONTRACT_SIGNED },
    { ES_STAGE_CAPE, ES_STAGE_ASSOCIATE, ES_EVENT_ASSOCIATE },
    { ES_STAGE_CONTRACT, ES_STAGE_CAPE, -1 },
    { ES_STAGE_CONTRACT, ES_STAGE_ASSOCIATE, ES_EVENT_ASSOCIATE },
    { ES_STAGE_CONTRACT, ES_STAGE_EXITED, ES_EVENT_EXIT },
    { ES_STAGE_ASSOCIATE, ES_STAGE_CONTRACT, -1 },
    { ES_STAGE_ASSOCIATE, ES_STAGE_EXITED, ES_EVENT_EXIT },
    { ES_STAGE_EXITED, ES_STAGE_RECEPTION, ES_EVENT_INFO_MEETING },
    { ES_STAGE_EXITED, ES_STAGE_CAPE, -1 },
    { ES_STAGE_EXITED, ES_STAGE_ASSOCIATE, -1 },
    { ES_STAGE_EXITED, ES_STAGE_EXITED, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      EsPipelineState state;
      EsEventKind kind = ES_EVENT_N_KINDS;
      gboolean ok;

      es_pipeline_state_init (&state);
      state.stage = cases[i].from;
      ok = es_member_step_to_stage (&state, cases[i].to, &kind);
      g_test_message ("%s → %s", es_stage_to_code (cases[i].from), es_stage_to_code (cases[i].to));
      g_assert_cmpint (ok, ==, cases[i].kind >= 0);
      if (ok)
        g_assert_cmpint (kind, ==, cases[i].kind);
    }
}

/* Refusals: which field a form marks. */

static EsCareerEvent *
event (gint64 id, const char *iso, EsEventKind kind)
{
  GDate date = date_of (iso);
  EsCareerEvent *e = es_career_event_new (kind, &date);

  e->id = id;
  e->member_id = 1;
  return e;
}

static GPtrArray *
cape_history (void)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify)es_career_event_free);
  EsCareerEvent *e;

  g_ptr_array_add (events, event (1, "2026-01-05", ES_EVENT_INFO_MEETING));
  e = event (2, "2026-01-20", ES_EVENT_DIAGNOSTIC);
  e->admitted = TRUE;
  g_ptr_array_add (events, e);
  e = event (3, "2026-02-01", ES_EVENT_CAPE_SIGNED);
  e->end_date = date_of ("2027-01-31");
  g_ptr_array_add (events, e);
  return events;
}

/* The day the refusals below are checked on. */
#define REFUSAL_DAY "2026-06-01"

static void
check_refusal (GPtrArray *events, EsCareerEvent *candidate, const char *field)
{
  g_autoptr (GError) error = NULL;
  GDate today = date_of (REFUSAL_DAY);

  g_assert_false (es_pipeline_check_event (events, candidate, &today, &error));
  g_assert_error (error, ES_PIPELINE_ERROR, error->code);
  g_test_message ("%s → %s", error->message, field ? field : "(none)");
  g_assert_cmpstr (es_pipeline_refused_field (events, candidate, &today, error), ==, field);
}

static void
test_refused_field (void)
{
  g_autoptr (GPtrArray) events = cape_history ();
  g_autoptr (EsCareerEvent) associate = event (0, "2026-06-01", ES_EVENT_ASSOCIATE);
  g_autoptr (EsCareerEvent) contract = event (0, "2026-06-01", ES_EVENT_CONTRACT_SIGNED);
  g_autoptr (EsCareerEvent) renewal = event (0, "2026-06-01", ES_EVENT_CAPE_RENEWED);
  g_autoptr (EsCareerEvent) early = NULL;

  /* The step itself: no field to mark. */
  associate->shares_subscribed = 4;
  check_refusal (events, associate, NULL);

  /* Each field of a contract in turn. */
  contract->hours_milli = 40000;
  contract->fixed_gross_cents = 120000;
  contract->contribution_ppm = 100000;
  check_refusal (events, contract, "hours_milli");
  contract->hours_milli = 24000;
  contract->fixed_gross_cents = -5;
  check_refusal (events, contract, "fixed_gross_cents");
  contract->fixed_gross_cents = 120000;
  contract->contribution_ppm = 600000;
  check_refusal (events, contract, "contribution_ppm");
  contract->contribution_ppm = 100000;
  {
    GDate today = date_of (REFUSAL_DAY);

    g_assert_true (es_pipeline_check_event (events, contract, &today, NULL));
  }

  /* A renewal past 12 more months: the planned end. */
  renewal->end_date = date_of ("2028-03-01");
  check_refusal (events, renewal, "end_date");

  /* A contract dated before the CAPE it follows: the date. */
  early = es_career_event_copy (contract);
  early->date = date_of ("2026-01-10");
  check_refusal (events, early, "date");
}

static void
test_root_id (void)
{
  g_autoptr (GPtrArray) events = cape_history ();
  EsCareerEvent *fix, *fix2, *cancel;

  fix = event (4, "2026-02-02", ES_EVENT_CAPE_SIGNED);
  fix->corrects_id = 3;
  g_ptr_array_add (events, fix);
  fix2 = event (5, "2026-02-03", ES_EVENT_CAPE_SIGNED);
  fix2->corrects_id = 4;
  g_ptr_array_add (events, fix2);
  cancel = event (6, "2026-03-01", ES_EVENT_CANCELLATION);
  cancel->corrects_id = 1;
  g_ptr_array_add (events, cancel);

  g_assert_cmpint (es_career_event_root_id (events, g_ptr_array_index (events, 0)), ==, 1);
  g_assert_cmpint (es_career_event_root_id (events, g_ptr_array_index (events, 2)), ==, 3);
  g_assert_cmpint (es_career_event_root_id (events, fix), ==, 3);
  g_assert_cmpint (es_career_event_root_id (events, fix2), ==, 3);
  g_assert_cmpint (es_career_event_root_id (events, cancel), ==, 1);

  /* A loop in bad data ends. */
  fix->corrects_id = 5;
  es_career_event_root_id (events, fix2);
}

/* The shared list */

typedef struct
{
  guint emissions;
  guint removed;
  guint added;
} Changes;

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, Changes *changes)
{
  changes->emissions++;
  changes->removed += removed;
  changes->added += added;
}

static EsDb *
demo_db (const GDate *today)
{
  g_autoptr (GError) error = NULL;
  EsDb *db = es_db_open_memory (&error);
  EsDemoOptions options;

  g_assert_no_error (error);
  es_demo_options_init (&options);
  options.n_members = 40;
  options.today = *today;
  es_demo_generate (db, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return db;
}

static void
spin_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_list (void)
{
  GDate today = date_of ("2026-11-24");
  g_autoptr (EsDb) db = demo_db (&today);
  g_autoptr (GError) error = NULL;
  EsMemberList *list = es_member_list_get_for_db (db);
  GListModel *model = es_member_list_get_model (list);
  Changes changes = { 0 };
  EsMember *first, *cape = NULL;
  g_autoptr (EsCareerEvent) contract = NULL;
  guint n, position;

  /* One list per database, empty until loaded. */
  g_assert_true (es_member_list_get_for_db (db) == list);
  g_assert_true (es_member_list_get_db (list) == db);
  g_assert_false (es_member_list_is_loaded (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (es_member_list_get_sectors (list), ==, "");

  es_member_list_set_today (list, &today);
  g_assert_true (es_member_list_load (list, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, 40);
  g_assert_true (g_date_compare (es_member_list_get_today (list), &today) == 0);
  {
    g_autoptr (GPtrArray) members = es_member_store_list_sorted (db, &today, &error);
    g_autofree char *sectors
        = es_naf_sections_present ((EsMember *const *)members->pdata, members->len);

    g_assert_cmpuint (strlen (sectors), >, 2);
    g_assert_cmpstr (es_member_list_get_sectors (list), ==, sectors);
  }

  first = g_list_model_get_item (model, 0);
  g_object_unref (first);
  g_assert_true (es_member_list_lookup (list, first->id) == first);
  g_assert_cmpuint (es_member_list_find (list, first->id), ==, 0);
  g_assert_null (es_member_list_lookup (list, 123456));
  g_assert_cmpuint (es_member_list_find (list, 123456), ==, G_MAXUINT);

  /* Reading again what did not change changes nothing. */
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_true (es_member_list_reload (list, &error));
  g_assert_cmpuint (changes.emissions, ==, 0);
  g_assert_true (g_list_model_get_item (model, 0) == (gpointer)first);
  g_object_unref (first);
  /* The list's index and stages hold the very objects the model does. */
  for (guint i = 0; i < n; i++)
    {
      EsMember *m = g_list_model_get_item (model, i);
      GListModel *stage = es_member_list_get_stage_model (list, m->state.stage);
      gboolean in_stage = FALSE;

      g_object_unref (m);
      g_assert_true (es_member_list_lookup (list, m->id) == m);
      for (guint k = 0; k < g_list_model_get_n_items (stage) && !in_stage; k++)
        {
          g_autoptr (EsMember) other = g_list_model_get_item (stage, k);
          in_stage = other == m;
        }
      g_assert_true (in_stage);
    }

  /* A step recorded: one item is replaced, the others stay, and it happens by itself. */
  for (guint i = 0; i < n && cape == NULL; i++)
    {
      EsMember *m = g_list_model_get_item (model, i);

      g_object_unref (m);
      if (m->state.stage == ES_STAGE_CAPE)
        {
          cape = m;
          position = i;
        }
    }
  g_assert_nonnull (cape);
  contract = es_career_event_new (ES_EVENT_CONTRACT_SIGNED, &today);
  contract->member_id = cape->id;
  contract->hours_milli = 24000;
  contract->fixed_gross_cents = 120000;
  contract->contribution_ppm = 100000;
  g_assert_cmpint (es_member_store_add_event (db, contract, &today, &error), >, 0);
  g_assert_no_error (error);
  spin_until_idle ();
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpint (es_member_list_lookup (list, contract->member_id)->state.stage, ==,
                   ES_STAGE_CONTRACT);
  g_assert_cmpuint (es_member_list_find (list, contract->member_id), ==, position);
  {
    g_autoptr (EsMember) replaced = g_list_model_get_item (model, position);

    g_assert_true (es_member_list_lookup (list, contract->member_id) == replaced);
  }

  /* A new member: one insertion where the name sorts. */
  {
    g_autoptr (EsMember) added = es_member_new ();

    memset (&changes, 0, sizeof changes);
    g_free (added->first_name);
    g_free (added->last_name);
    added->first_name = g_strdup ("Zoé");
    added->last_name = g_strdup ("Zzyzx");
    g_assert_cmpint (es_member_store_insert (db, added, &error), >, 0);
    g_assert_no_error (error);
    spin_until_idle ();
    g_assert_cmpuint (changes.added - changes.removed, ==, 1);
    g_assert_cmpuint (changes.removed, ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 41);
    g_assert_cmpuint (es_member_list_find (list, added->id), ==, 40);
  }

  /* Another day: deadlines move for everyone, the list follows. */
  {
    GDate later = es_date_add_days (&today, 10);

    memset (&changes, 0, sizeof changes);
    es_member_list_set_today (list, &later);
    g_assert_cmpuint (changes.emissions, >=, 1);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 41);
  }
}

static void
test_member_same (void)
{
  g_autoptr (EsMember) a = member_in (ES_STAGE_CAPE, "2026-01-10");
  g_autoptr (EsMember) b = NULL;

  g_free (a->first_name);
  a->first_name = g_strdup ("Marie");
  b = es_member_copy (a);
  g_assert_true (es_member_same (a, b));
  g_free (b->city);
  b->city = g_strdup ("Lyon");
  g_assert_false (es_member_same (a, b));
  g_free (b->city);
  b->city = g_strdup ("");
  g_assert_true (es_member_same (a, b));
  b->state.cape_renewals = 1;
  g_assert_false (es_member_same (a, b));
  b->state.cape_renewals = 0;
  b->has_deadline = TRUE;
  g_assert_false (es_member_same (a, b));
}

/* From 16 to 100 years old, both included, on 24/11/2026. */
static void
test_age_limits (void)
{
  static const struct
  {
    const char *birth;
    gboolean ok;
  } cases[] = {
    { "2010-11-24", TRUE },  /* 16 today */
    { "2010-11-25", FALSE }, /* 16 tomorrow */
    { "1926-11-23", TRUE },  /* 100 since yesterday */
    { "1925-11-25", TRUE },  /* 101 tomorrow */
    { "1925-11-24", FALSE }, /* 101 today */
    { "2008-02-29", TRUE },  /* 18 */
  };
  GDate today = date_of ("2026-11-24");

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (EsMember) member = es_member_new ();
      g_autoptr (GHashTable) errors
          = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      g_free (member->last_name);
      member->last_name = g_strdup ("Martin");
      g_free (member->first_name);
      member->first_name = g_strdup ("Awa");
      member->birth_date = date_of (cases[k].birth);
      es_member_validate (member, &today, errors);
      g_test_message ("%s", cases[k].birth);
      g_assert_cmpint (!g_hash_table_contains (errors, "birth_date"), ==, cases[k].ok);
    }
}

/* Sort keys: the same order on every machine, whatever its locale. */
static void
test_sort_key (void)
{
  /* Each name (last, first) sorts before the next. */
  static const char *const names[][2] = {
    { "", "Anne" },          /* no last name first */
    { "2e Étage", "Café" },  /* digits before letters */
    { "Aaron", "Zoé" },      /* the last name first */
    { "Dupont", "Anne" },    /* then the first name */
    { "Dupont", "Bernard" }, /* */
    { "dupont", "Bernard" }, /* case last: as written, capitals first */
    { "Élise", "" },         /* accents aside: "elise" < "eluard" */
    { "Éluard", "Paul" },    /* */
    { "Emery", "Anne" },     /* */
    { "Le Gall", "Yann" },   /* spaces aside: "legall", then with its space first */
    { "Legall", "Yann" },    /* */
    { "Léger", "Yann" },     /* "leger" */
    { "Martin", "Zoé" },     /* a name before a longer one it begins */
    { "Martinez", "Anne" },  /* */
    { "Nadal", "Awa" },      /* */
    { "N'Diaye", "Awa" },    /* the apostrophe aside: "ndiaye" */
    { "Œuvray", "Jean" },    /* the ligature written out: "oeuvray" */
    { "Ofelia", "Ana" },     /* */
    { "Straße", "Jan" },     /* "strasse" */
    { "Strasser", "Jan" },   /* */
    { "Zola", "Émile" },     /* */
    { "Ζαχαρίου", "Ελένη" }, /* other scripts after the Latin alphabet */
  };
  g_autofree char *none = es_member_make_sort_key (NULL, NULL);
  g_autofree char *bad = es_member_make_sort_key ("Caf\xe9", "Jos\xe9");
  g_autofree char *same_a = es_member_make_sort_key ("Élise", "Anne");
  g_autofree char *same_b = es_member_make_sort_key ("E\xcc\x81lise", "Anne");
  g_autoptr (EsMember) a = es_member_new ();
  g_autoptr (EsMember) b = es_member_new ();

  for (guint i = 0; i + 1 < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *x = es_member_make_sort_key (names[i][0], names[i][1]);
      g_autofree char *y = es_member_make_sort_key (names[i + 1][0], names[i + 1][1]);

      if (strcmp (x, y) >= 0)
        g_error ("“%s %s” should sort before “%s %s”", names[i][1], names[i][0], names[i + 1][1],
                 names[i + 1][0]);
    }

  /* Nothing, or what is not text, still has a key; composed or not, the same name too. */
  g_assert_nonnull (none);
  g_assert_nonnull (bad);
  g_assert_true (g_utf8_validate (same_a, -1, NULL));
  g_assert_cmpstr (es_member_get_sort_key (a), ==, es_member_get_sort_key (b));

  /* Members with the same names: by id. */
  a->id = 2;
  b->id = 10;
  g_assert_cmpint (es_member_compare (a, b), <, 0);
  g_assert_cmpint (es_member_compare (b, a), >, 0);
  g_assert_cmpint (es_member_compare (a, a), ==, 0);
  {
    g_autofree char *x = g_utf8_normalize (same_a, -1, G_NORMALIZE_DEFAULT);
    g_autofree char *y = g_utf8_normalize (same_b, -1, G_NORMALIZE_DEFAULT);

    /* The letters and their accents agree; only the name as written differs. */
    g_assert_true (strncmp (same_a, same_b, strlen ("elise\2anne\1élise\2anne\1")) == 0);
    g_assert_cmpstr (x, ==, y);
  }
}

/* The first members, read before the others */

static gboolean
exited_recently (EsMember *member, const GDate *today)
{
  return es_member_exited_within (member, today, ES_RECENT_EXIT_MONTHS);
}

/* Checks that first holds what es_member_store_list_first() promises of all, in order. */
static void
assert_first_of (GPtrArray *first, GPtrArray *all, guint n, guint n_per_stage, const GDate *today)
{
  g_autoptr (GHashTable) kept = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint per_stage[ES_STAGE_N_STAGES] = { 0 };
  guint recent = 0;

  for (guint i = 0; i < first->len; i++)
    {
      EsMember *member = g_ptr_array_index (first, i);

      g_hash_table_insert (kept, &member->id, member);
      if (i > 0)
        g_assert_cmpint (es_member_compare (g_ptr_array_index (first, i - 1), member), <, 0);
    }
  for (guint i = 0; i < all->len; i++)
    {
      EsMember *member = g_ptr_array_index (all, i);
      EsMember *same = g_hash_table_lookup (kept, &member->id);
      EsStage stage = member->state.stage;
      gboolean wanted = per_stage[stage]++ < n_per_stage || i < n;

      if (exited_recently (member, today) && recent++ < n_per_stage)
        wanted = TRUE;
      if (wanted && same == NULL)
        g_error ("member %" G_GINT64_FORMAT " (%u in the list) is missing", member->id, i);
      if (same != NULL)
        {
          g_assert_true (es_member_same (same, member));
          g_hash_table_remove (kept, &member->id);
        }
    }
  /* Nothing else. */
  g_assert_cmpuint (g_hash_table_size (kept), ==, 0);
}

static void
test_list_first (void)
{
  GDate today = date_of ("2026-11-24");
  g_autoptr (EsDb) db = demo_db (&today);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = es_member_store_list_sorted (db, &today, &error);
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) stale = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 40);
  for (guint i = 1; i < all->len; i++)
    g_assert_cmpint (es_member_compare (all->pdata[i - 1], all->pdata[i]), <, 0);

  first = es_member_store_list_first (db, &today, 5, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, <, all->len);
  assert_first_of (first, all, 5, 2, &today);

  /* None asked but the first of each stage; all asked. */
  g_clear_pointer (&first, g_ptr_array_unref);
  first = es_member_store_list_first (db, &today, 0, 1, &error);
  assert_first_of (first, all, 0, 1, &today);
  g_clear_pointer (&first, g_ptr_array_unref);
  first = es_member_store_list_first (db, &today, 100, 100, &error);
  g_assert_cmpuint (first->len, ==, all->len);

  /* Members whose states were not kept come along, derived. */
  g_assert_cmpint (sqlite3_exec (es_db_get_handle (db),
                                 "DELETE FROM member_state WHERE member_id % 7 = 0", NULL, NULL,
                                 NULL),
                   ==, SQLITE_OK);
  stale = es_member_store_list_first (db, &today, 3, 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      EsMember *member = g_ptr_array_index (all, i);
      gboolean found = FALSE;

      for (guint k = 0; k < stale->len && !found; k++)
        if (ES_MEMBER (g_ptr_array_index (stale, k))->id == member->id)
          {
            g_assert_true (es_member_same (g_ptr_array_index (stale, k), member));
            found = TRUE;
          }
      if (member->id % 7 == 0)
        g_assert_true (found);
    }
}

typedef struct
{
  guint emissions;
  gboolean complete[2];
  guint n_items[2];
  EsMember *shown; /* the first member at the first emission */
} Loads;

static void
loaded_cb (EsMemberList *list, Loads *loads)
{
  GListModel *model = es_member_list_get_model (list);

  if (loads->emissions < 2)
    {
      loads->complete[loads->emissions] = es_member_list_is_complete (list);
      loads->n_items[loads->emissions] = g_list_model_get_n_items (model);
    }
  if (loads->emissions == 0)
    loads->shown = g_list_model_get_item (model, 0);
  loads->emissions++;
}

/* A file read in the background: the first members, then all of them. */
static void
test_list_first_async (void)
{
  GDate today = date_of ("2026-11-24");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("essaim-list-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "coop.essaim", NULL);
  g_autoptr (EsDb) db = NULL;
  g_autoptr (EsMemberList) list = NULL;
  g_autoptr (GPtrArray) all = NULL;
  EsDemoOptions options;
  Loads loads = { 0 };
  gint64 end;

  g_assert_no_error (error);
  db = es_db_open (path, ES_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  es_demo_options_init (&options);
  options.n_members = 400;
  options.today = today;
  es_demo_generate (db, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (es_member_store_keep_states (db, &error), >=, 0);
  all = es_member_store_list_sorted (db, &today, &error);

  list = es_member_list_new (db);
  es_member_list_set_today (list, &today);
  g_signal_connect (list, "loaded", G_CALLBACK (loaded_cb), &loads);
  es_member_list_load_async (list, NULL);
  g_assert_false (es_member_list_is_loaded (list));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!es_member_list_is_complete (list) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (loads.emissions, ==, 2);
  g_assert_false (loads.complete[0]);
  g_assert_cmpuint (loads.n_items[0], >, 0);
  g_assert_cmpuint (loads.n_items[0], <, 400);
  g_assert_true (loads.complete[1]);
  g_assert_cmpuint (loads.n_items[1], ==, 400);
  g_assert_false (es_member_list_is_loading (list));

  /* All of them in order, those first shown kept as they were (views keep their rows). */
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr (EsMember) member = g_list_model_get_item (es_member_list_get_model (list), i);

      g_assert_cmpint (member->id, ==, ES_MEMBER (all->pdata[i])->id);
      g_assert_true (es_member_list_lookup (list, member->id) == member);
    }
  g_assert_true (es_member_list_lookup (list, loads.shown->id) == loads.shown);
  for (EsStage s = 0; s < ES_STAGE_N_STAGES; s++)
    {
      GListModel *stage = es_member_list_get_stage_model (list, s);

      for (guint i = 0; i < g_list_model_get_n_items (stage); i++)
        {
          g_autoptr (EsMember) member = g_list_model_get_item (stage, i);

          g_assert_true (es_member_list_lookup (list, member->id) == member);
        }
    }
  g_object_unref (loads.shown);
  g_clear_object (&list);
  g_clear_object (&db);
  g_remove (path);
  g_rmdir (dir);
}

/* Slots */

static EsMember *
numbered (gint64 id)
{
  EsMember *member = es_member_new ();

  member->id = id;
  return member;
}

static gint64
slot_id (GListModel *slots, guint position)
{
  g_autoptr (EsSlot) slot = g_list_model_get_item (slots, position);

  return ES_MEMBER (es_slot_get_item (slot))->id;
}

static void
test_slot_model (void)
{
  g_autoptr (GListStore) source = g_list_store_new (ES_TYPE_MEMBER);
  g_autoptr (EsSlotModel) model = NULL;
  GListModel *slots;
  g_autoptr (EsSlot) first = NULL;
  Changes changes = { 0 };

  for (gint64 id = 1; id <= 10; id++)
    {
      g_autoptr (EsMember) member = numbered (id);
      g_list_store_append (source, member);
    }
  model = es_slot_model_new (G_LIST_MODEL (source));
  slots = G_LIST_MODEL (model);
  g_assert_true (g_list_model_get_item_type (slots) == ES_TYPE_SLOT);
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 10);
  g_assert_null (g_list_model_get_item (slots, 10));
  first = g_list_model_get_item (slots, 0);
  g_assert_cmpint (slot_id (slots, 3), ==, 4);
  g_signal_connect (slots, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* Another item in front: the slots stay, show the next item, and one is added at the
   * end. */
  {
    g_autoptr (EsMember) zero = numbered (0);
    g_autoptr (EsSlot) again = NULL;

    g_list_store_insert (source, 0, zero);
    again = g_list_model_get_item (slots, 0);
    g_assert_true (again == first);
  }
  g_assert_cmpint (ES_MEMBER (es_slot_get_item (first))->id, ==, 0);
  g_assert_cmpint (slot_id (slots, 3), ==, 3);
  g_assert_cmpint (slot_id (slots, 10), ==, 10);
  g_assert_cmpuint (changes.emissions, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 1);

  /* Fewer items: the last slots go, the others follow. */
  memset (&changes, 0, sizeof changes);
  g_list_store_splice (source, 0, 8, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 3);
  g_assert_cmpuint (changes.removed, ==, 8);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpint (ES_MEMBER (es_slot_get_item (first))->id, ==, 8);
  g_assert_cmpint (slot_id (slots, 2), ==, 10);

  /* Another source: everything changes. */
  memset (&changes, 0, sizeof changes);
  es_slot_model_set_source (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 0);
  g_assert_cmpuint (changes.removed, ==, 3);
  es_slot_model_set_source (model, G_LIST_MODEL (source));
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 3);
  g_assert_true (es_slot_model_get_source (model) == G_LIST_MODEL (source));
}

/* With an eager count, the first slots follow a change at once, the others from an idle
 * or when asked for; nothing is told as items-changed but the length. */
static void
test_slot_model_eager (void)
{
  g_autoptr (GListStore) source = g_list_store_new (ES_TYPE_MEMBER);
  g_autoptr (EsSlotModel) model = NULL;
  GListModel *slots;
  EsSlot *held[100];
  Changes changes = { 0 };

  for (gint64 id = 1; id <= 100; id++)
    {
      g_autoptr (EsMember) member = numbered (id);
      g_list_store_append (source, member);
    }
  model = es_slot_model_new (G_LIST_MODEL (source));
  slots = G_LIST_MODEL (model);
  g_assert_cmpuint (es_slot_model_get_eager (model), ==, 0);
  es_slot_model_set_eager (model, 5);
  g_assert_cmpuint (es_slot_model_get_eager (model), ==, 5);
  for (guint i = 0; i < 100; i++)
    held[i] = g_list_model_get_item (slots, i);
  g_signal_connect (slots, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* Two in front: the five first follow, the others are behind until the idle. */
  for (gint64 id = 0; id >= -1; id--)
    {
      g_autoptr (EsMember) member = numbered (id);
      g_list_store_insert (source, 0, member);
    }
  g_assert_true (es_slot_model_is_behind (model));
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (ES_MEMBER (es_slot_get_item (held[i]))->id, ==, (gint64)i - 1);
  g_assert_cmpint (ES_MEMBER (es_slot_get_item (held[50]))->id, ==, 51);
  /* Asked for, a slot catches up at once. */
  g_assert_cmpint (slot_id (slots, 50), ==, 49);
  g_assert_cmpint (ES_MEMBER (es_slot_get_item (held[50]))->id, ==, 49);

  while (es_slot_model_is_behind (model))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 100; i++)
    g_assert_cmpint (ES_MEMBER (es_slot_get_item (held[i]))->id, ==, (gint64)i - 1);
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 102);
  g_assert_cmpuint (changes.emissions, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 2);

  /* Changes while behind widen what is behind. Fewer items: the slots past the end stay,
   * the first ones empty at once, until the idle lets them go from the end. */
  memset (&changes, 0, sizeof changes);
  g_list_store_remove (source, 10);
  g_list_store_remove (source, 90);
  g_list_store_splice (source, 3, 97, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (source)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 102);
  g_assert_cmpuint (changes.emissions, ==, 0);
  g_assert_null (es_slot_get_item (held[3]));
  g_assert_null (es_slot_get_item (held[4]));
  g_assert_nonnull (es_slot_get_item (held[80]));
  {
    g_autoptr (EsSlot) asked = g_list_model_get_item (slots, 80);
    g_assert_true (asked == held[80]);
    g_assert_null (es_slot_get_item (asked));
  }
  while (es_slot_model_is_behind (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 3);
  g_assert_cmpuint (changes.removed, ==, 99);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (changes.emissions, >, 1);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (EsMember) expected = g_list_model_get_item (G_LIST_MODEL (source), i);
      g_assert_true (es_slot_get_item (held[i]) == (gpointer)expected);
    }
  for (guint i = 3; i < 100; i++)
    g_assert_null (es_slot_get_item (held[i]));

  /* More again: the slots come back at the end. */
  for (gint64 id = 200; id < 260; id++)
    {
      g_autoptr (EsMember) member = numbered (id);
      g_list_store_append (source, member);
    }
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 63);
  g_assert_cmpint (slot_id (slots, 62), ==, 259);

  /* Held, the slots wait past the end, and show the items that come back. */
  g_assert_false (es_slot_model_get_hold (model));
  es_slot_model_set_hold (model, TRUE);
  g_assert_true (es_slot_model_get_hold (model));
  g_list_store_remove_all (source);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 63);
  g_assert_null (es_slot_get_item (held[0]));
  for (gint64 id = 300; id < 310; id++)
    {
      g_autoptr (EsMember) member = numbered (id);
      g_list_store_append (source, member);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 63);
  g_assert_cmpint (ES_MEMBER (es_slot_get_item (held[0]))->id, ==, 300);
  g_assert_cmpint (slot_id (slots, 9), ==, 309);
  {
    g_autoptr (EsSlot) past = g_list_model_get_item (slots, 10);
    g_assert_null (es_slot_get_item (past));
  }
  /* Let go, they go. */
  es_slot_model_set_hold (model, FALSE);
  g_assert_true (es_slot_model_is_behind (model));
  while (es_slot_model_is_behind (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, 10);

  /* Another source: nothing is left behind. */
  g_list_store_remove (source, 3);
  g_assert_true (es_slot_model_is_behind (model));
  es_slot_model_set_source (model, NULL);
  g_assert_false (es_slot_model_is_behind (model));
  for (guint i = 0; i < 100; i++)
    g_object_unref (held[i]);
}

/* The table's rows: the source's members that match, in its order; a change tells only
 * the positions that differ, nothing when the rows stay the same. */
typedef struct
{
  guint emissions;
  guint position, removed, added; /* of the last one */
} RowsChange;

static void
rows_changed_cb (GListModel *model, guint position, guint removed, guint added, RowsChange *change)
{
  change->emissions++;
  change->position = position;
  change->removed = removed;
  change->added = added;
}

static char *
row_ids (GListModel *rows)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (EsMember) member = g_list_model_get_item (rows, i);
      g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", member->id);
    }
  return g_string_free (text, FALSE);
}

static void
search_for (GHashTable *set, GArray *ids, const gint64 *wanted, guint n)
{
  g_hash_table_remove_all (set);
  g_array_set_size (ids, n);
  for (guint i = 0; i < n; i++)
    {
      g_array_index (ids, gint64, i) = wanted[i];
      g_hash_table_add (set, &g_array_index (ids, gint64, i));
    }
}

#define ASSERT_ROWS(rows, expected)                                                                \
  do                                                                                               \
    {                                                                                              \
      g_autofree char *seen = row_ids (rows);                                                      \
      g_assert_cmpstr (seen, ==, expected);                                                        \
    }                                                                                              \
  while (0)

static void
test_member_rows (void)
{
  g_autoptr (GListStore) source = g_list_store_new (ES_TYPE_MEMBER);
  g_autoptr (EsMemberRows) model = NULL;
  g_autoptr (GHashTable) set = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *rows;
  EsMemberFilter filter;
  RowsChange change = { 0 };

  /* 9 8 … 1: the source's order is kept, whatever it is. */
  for (gint64 id = 9; id >= 1; id--)
    {
      g_autoptr (EsMember) member = numbered (id);
      member->state.stage = id % 2 == 0 ? ES_STAGE_CAPE : ES_STAGE_CONTRACT;
      g_list_store_append (source, member);
    }
  model = es_member_rows_new (G_LIST_MODEL (source));
  rows = G_LIST_MODEL (model);
  g_assert_true (es_member_rows_get_source (model) == G_LIST_MODEL (source));
  g_assert_true (g_list_model_get_item_type (rows) == ES_TYPE_MEMBER);
  g_assert_null (g_list_model_get_item (rows, 9));
  ASSERT_ROWS (rows, "9 8 7 6 5 4 3 2 1");
  g_signal_connect (rows, "items-changed", G_CALLBACK (rows_changed_cb), &change);

  /* Nothing to say when nothing changes. */
  es_member_filter_init (&filter);
  es_member_rows_set_filter (model, &filter);
  g_assert_cmpuint (change.emissions, ==, 0);

  /* A search: the ids found, in the source's order; one it does not hold is no row. */
  search_for (set, ids, (gint64[]){ 3, 7, 5, 99 }, 4);
  filter.ids = set;
  es_member_rows_set_filter (model, &filter);
  ASSERT_ROWS (rows, "7 5 3");
  g_assert_cmpuint (change.emissions, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 9);
  g_assert_cmpuint (change.added, ==, 3);

  /* The same members found by another keystroke: no change. The filter is copied: the
   * set may change afterwards. */
  search_for (set, ids, (gint64[]){ 5, 3, 7 }, 3);
  es_member_rows_set_filter (model, &filter);
  g_assert_cmpuint (change.emissions, ==, 1);
  g_hash_table_remove_all (set);

  /* One fewer: only its position. */
  search_for (set, ids, (gint64[]){ 7, 3 }, 2);
  es_member_rows_set_filter (model, &filter);
  ASSERT_ROWS (rows, "7 3");
  g_assert_cmpuint (change.emissions, ==, 2);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);

  /* Every criterion holds: the stage too. */
  search_for (set, ids, (gint64[]){ 2, 3, 4, 7 }, 4);
  filter.stage = ES_STAGE_CAPE;
  es_member_rows_set_filter (model, &filter);
  ASSERT_ROWS (rows, "4 2");
  filter.ids = NULL;
  es_member_rows_set_filter (model, &filter);
  ASSERT_ROWS (rows, "8 6 4 2");

  /* The source changes: a member replaced by a new object is a change even with the same
   * id; one added is filtered as the others. */
  change.emissions = 0;
  {
    g_autoptr (EsMember) again = numbered (6);
    g_autoptr (EsMember) added = numbered (10);

    again->state.stage = ES_STAGE_CAPE;
    added->state.stage = ES_STAGE_CAPE;
    g_list_store_splice (source, 3, 1, (gpointer *)&again, 1);
    g_assert_cmpuint (change.emissions, ==, 1);
    g_assert_cmpuint (change.position, ==, 1);
    g_assert_cmpuint (change.removed, ==, 1);
    g_assert_cmpuint (change.added, ==, 1);
    g_list_store_insert (source, 0, added);
    ASSERT_ROWS (rows, "10 8 6 4 2");
    g_assert_cmpuint (change.position, ==, 0);
    g_assert_cmpuint (change.removed, ==, 0);
    g_assert_cmpuint (change.added, ==, 1);
  }

  /* A search after the source changed finds the members where they are now. */
  search_for (set, ids, (gint64[]){ 10, 1, 2 }, 3);
  filter.ids = set;
  filter.stage = -1;
  es_member_rows_set_filter (model, &filter);
  ASSERT_ROWS (rows, "10 2 1");
  g_list_store_remove (source, 0);
  ASSERT_ROWS (rows, "2 1");

  es_member_rows_set_source (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  es_member_rows_set_source (model, G_LIST_MODEL (source));
  ASSERT_ROWS (rows, "2 1");

  /* The same search with its ids as an array, which is copied. */
  filter.ids = NULL;
  es_member_rows_set_filter_ids (model, &filter, ids);
  ASSERT_ROWS (rows, "2 1");
  g_array_set_size (ids, 0);
  ASSERT_ROWS (rows, "2 1");
  es_member_rows_set_filter_ids (model, &filter, NULL);
  {
    g_autofree char *unsearched = row_ids (rows);

    es_member_rows_set_filter (model, &filter);
    ASSERT_ROWS (rows, unsearched);
    g_assert_cmpuint (g_list_model_get_n_items (rows), >, 2);
  }
}

/* The array the member list keeps: splices as GListStore's, one change said each, the
 * members it holds referenced. */
static void
test_member_array (void)
{
  g_autoptr (EsMemberArray) array = es_member_array_new ();
  GListModel *model = G_LIST_MODEL (array);
  EsMember *members[6];
  RowsChange change = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    members[i] = numbered (i + 1);
  g_signal_connect (model, "items-changed", G_CALLBACK (rows_changed_cb), &change);
  g_assert_true (g_list_model_get_item_type (model) == ES_TYPE_MEMBER);
  g_assert_null (es_member_array_peek (array, 0));

  es_member_array_splice (array, 0, 0, members, 4);
  ASSERT_ROWS (model, "1 2 3 4");
  g_assert_cmpuint (change.emissions, ==, 1);
  g_assert_cmpuint (change.added, ==, 4);

  /* Two replaced by one, in the middle. */
  es_member_array_splice (array, 1, 2, &members[4], 1);
  ASSERT_ROWS (model, "1 5 4");
  g_assert_cmpuint (change.emissions, ==, 2);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 2);
  g_assert_cmpuint (change.added, ==, 1);

  /* A member put back where it is stays alive; nothing changed says nothing. */
  es_member_array_splice (array, 2, 1, &members[3], 1);
  ASSERT_ROWS (model, "1 5 4");
  es_member_array_splice (array, 3, 0, NULL, 0);
  g_assert_cmpuint (change.emissions, ==, 3);
  es_member_array_splice (array, 3, 0, &members[5], 1);
  ASSERT_ROWS (model, "1 5 4 6");
  g_assert_true (es_member_array_peek (array, 3) == members[5]);

  /* The array holds its own references. */
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_object_unref (members[i]);
  ASSERT_ROWS (model, "1 5 4 6");
  es_member_array_splice (array, 0, 4, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/member-view/naf-section", test_naf_section);
  g_test_add_func ("/member-view/sections-present", test_sections_present);
  g_test_add_func ("/member-view/hours-parse", test_hours_parse);
  g_test_add_func ("/member-view/time-in-stage", test_time_in_stage);
  g_test_add_func ("/member-view/exited-within", test_exited_within);
  g_test_add_func ("/member-view/filter", test_filter);
  g_test_add_func ("/member-view/step-to-stage", test_step_to_stage);
  g_test_add_func ("/member-view/refused-field", test_refused_field);
  g_test_add_func ("/member-view/root-id", test_root_id);
  g_test_add_func ("/member-list/same", test_member_same);
  g_test_add_func ("/member/sort-key", test_sort_key);
  g_test_add_func ("/member/age-limits", test_age_limits);
  g_test_add_func ("/member-list/first", test_list_first);
  g_test_add_func ("/member-list/first-async", test_list_first_async);
  g_test_add_func ("/member-list/list", test_list);
  g_test_add_func ("/slot-model/follow", test_slot_model);
  g_test_add_func ("/slot-model/eager", test_slot_model_eager);
  g_test_add_func ("/member-rows/filter", test_member_rows);
  g_test_add_func ("/member-array/splice", test_member_array);

  return g_test_run ();
}
