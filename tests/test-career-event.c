/* test-career-event.c — codes, labels, JSON data and descriptions of career events. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "es-career-event.h"
#include "es-date.h"
#include "es-money.h"

static GDate
date_of (const char *iso)
{
  GDate date;

  g_assert_true (es_date_parse_iso (iso, &date));
  return date;
}

static void
test_kind_codes (void)
{
  EsEventKind kind;
  guint k;

  for (k = 0; k < ES_EVENT_N_KINDS; k++)
    {
      const char *code = es_event_kind_to_code (k);

      g_assert_nonnull (code);
      g_assert_true (es_event_kind_from_code (code, &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_cmpstr (es_event_kind_label (k), !=, "");
    }
  g_assert_cmpstr (es_event_kind_to_code (ES_EVENT_CAPE_SIGNED), ==, "cape_signed");
  g_assert_cmpstr (es_event_kind_label (ES_EVENT_INFO_MEETING), ==, "Information meeting");
  g_assert_false (es_event_kind_from_code ("cape", &kind));
  g_assert_false (es_event_kind_from_code ("", &kind));
  g_assert_false (es_event_kind_from_code (NULL, &kind));
}

static void
test_reason_codes (void)
{
  EsExitReason reason;
  guint k;

  for (k = 0; k < ES_EXIT_N_REASONS; k++)
    {
      const char *code = es_exit_reason_to_code (k);

      g_assert_nonnull (code);
      g_assert_true (es_exit_reason_from_code (code, &reason));
      g_assert_cmpint (reason, ==, k);
      g_assert_cmpstr (es_exit_reason_label (k), !=, "");
    }
  g_assert_cmpstr (es_exit_reason_to_code (ES_EXIT_MUTUAL_AGREEMENT), ==, "mutual_agreement");
  g_assert_false (es_exit_reason_from_code ("fired", &reason));
  g_assert_false (es_exit_reason_from_code (NULL, &reason));
}

/* One event of each kind with its fields set, and the JSON it gives. */
typedef struct
{
  EsEventKind kind;
  const char *json;
} JsonCase;

static const JsonCase json_cases[] = {
  { ES_EVENT_INFO_MEETING, "{}" },
  { ES_EVENT_DIAGNOSTIC, "{\"admitted\":false,\"reason\":\"no project yet\"}" },
  { ES_EVENT_CAPE_SIGNED, "{\"end_date\":\"2027-03-31\"}" },
  { ES_EVENT_CAPE_RENEWED, "{\"end_date\":\"2028-02-29\"}" },
  { ES_EVENT_CAPE_ENDED, "{\"note\":\"early end, « déjà » signed\"}" },
  { ES_EVENT_CONTRACT_SIGNED,
    "{\"hours_milli\":24000,\"fixed_gross_cents\":120000,\"contribution_ppm\":100000}" },
  { ES_EVENT_AMENDMENT, "{\"fixed_gross_cents\":150000}" },
  { ES_EVENT_ASSOCIATE, "{\"shares_subscribed\":4,\"shares_paid_cents\":10000}" },
  { ES_EVENT_EXIT, "{\"exit_reason\":\"mutual_agreement\"}" },
  { ES_EVENT_CANCELLATION, "{\"reason\":\"wrong member\"}" },
};

static EsCareerEvent *
sample_event (EsEventKind kind)
{
  GDate date = date_of ("2026-03-02");
  EsCareerEvent *event = es_career_event_new (kind, &date);

  switch (kind)
    {
    case ES_EVENT_DIAGNOSTIC:
      event->admitted = FALSE;
      event->reason = g_strdup ("no project yet");
      break;
    case ES_EVENT_CAPE_SIGNED:
      event->end_date = date_of ("2027-03-31");
      break;
    case ES_EVENT_CAPE_RENEWED:
      event->end_date = date_of ("2028-02-29");
      break;
    case ES_EVENT_CAPE_ENDED:
      event->note = g_strdup ("early end, « déjà » signed");
      break;
    case ES_EVENT_CONTRACT_SIGNED:
      event->hours_milli = 24000;
      event->fixed_gross_cents = 120000;
      event->contribution_ppm = 100000;
      break;
    case ES_EVENT_AMENDMENT:
      event->fixed_gross_cents = 150000;
      break;
    case ES_EVENT_ASSOCIATE:
      event->shares_subscribed = 4;
      event->shares_paid_cents = 10000;
      break;
    case ES_EVENT_EXIT:
      event->exit_reason = ES_EXIT_MUTUAL_AGREEMENT;
      break;
    case ES_EVENT_CANCELLATION:
      event->reason = g_strdup ("wrong member");
      event->corrects_id = 3;
      break;
    case ES_EVENT_INFO_MEETING:
    case ES_EVENT_N_KINDS:
    default:
      break;
    }
  return event;
}

static void
assert_same_data (const EsCareerEvent *a, const EsCareerEvent *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpint (a->admitted, ==, b->admitted);
  g_assert_cmpstr (a->reason, ==, b->reason);
  g_assert_cmpint (g_date_valid (&a->end_date), ==, g_date_valid (&b->end_date));
  if (g_date_valid (&a->end_date))
    g_assert_cmpint (es_date_compare (&a->end_date, &b->end_date), ==, 0);
  g_assert_cmpint (a->hours_milli, ==, b->hours_milli);
  g_assert_cmpint (a->fixed_gross_cents, ==, b->fixed_gross_cents);
  g_assert_cmpint (a->contribution_ppm, ==, b->contribution_ppm);
  g_assert_cmpint (a->shares_subscribed, ==, b->shares_subscribed);
  g_assert_cmpint (a->shares_paid_cents, ==, b->shares_paid_cents);
  g_assert_cmpint (a->exit_reason, ==, b->exit_reason);
  g_assert_cmpstr (a->note, ==, b->note);
}

static void
test_json_round_trip (void)
{
  guint k;

  g_assert_cmpuint (G_N_ELEMENTS (json_cases), ==, ES_EVENT_N_KINDS);
  for (k = 0; k < G_N_ELEMENTS (json_cases); k++)
    {
      const JsonCase *c = &json_cases[k];
      g_autoptr (EsCareerEvent) event = sample_event (c->kind);
      g_autoptr (EsCareerEvent) back = es_career_event_new (c->kind, &event->date);
      g_autoptr (GError) error = NULL;
      g_autofree char *json = es_career_event_data_to_json (event);
      g_autofree char *again = NULL;

      g_assert_cmpstr (json, ==, c->json);
      g_assert_true (es_career_event_data_from_json (back, json, &error));
      g_assert_no_error (error);
      assert_same_data (event, back);
      again = es_career_event_data_to_json (back);
      g_assert_cmpstr (again, ==, json);
    }
}

static void
test_json_details (void)
{
  GDate date = date_of ("2026-03-02");
  g_autoptr (EsCareerEvent) amendment = es_career_event_new (ES_EVENT_AMENDMENT, &date);
  g_autoptr (EsCareerEvent) meeting = es_career_event_new (ES_EVENT_INFO_MEETING, &date);
  g_autoptr (EsCareerEvent) diagnostic = es_career_event_new (ES_EVENT_DIAGNOSTIC, &date);
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;

  /* An amendment that changes nothing writes nothing; reading leaves -1 everywhere. */
  json = es_career_event_data_to_json (amendment);
  g_assert_cmpstr (json, ==, "{}");
  g_assert_true (es_career_event_data_from_json (amendment, "{\"hours_milli\":17500}", &error));
  g_assert_no_error (error);
  g_assert_cmpint (amendment->hours_milli, ==, 17500);
  g_assert_cmpint (amendment->fixed_gross_cents, ==, -1);
  g_assert_cmpint (amendment->contribution_ppm, ==, -1);

  /* NULL and "" are the empty object; unknown members and null values are ignored. */
  g_assert_true (es_career_event_data_from_json (meeting, NULL, &error));
  g_assert_true (es_career_event_data_from_json (meeting, "", &error));
  g_assert_true (
      es_career_event_data_from_json (meeting, "{\"future\":[1,2],\"note\":null}", &error));
  g_assert_no_error (error);
  g_assert_null (meeting->note);

  /* An admitted diagnostic: no reason written. */
  diagnostic->admitted = TRUE;
  g_clear_pointer (&json, g_free);
  json = es_career_event_data_to_json (diagnostic);
  g_assert_cmpstr (json, ==, "{\"admitted\":true}");
}

typedef struct
{
  EsEventKind kind;
  const char *json;
} BadJsonCase;

static const BadJsonCase bad_json_cases[] = {
  { ES_EVENT_INFO_MEETING, "not json" },
  { ES_EVENT_INFO_MEETING, "[1, 2]" },
  { ES_EVENT_INFO_MEETING, "\"text\"" },
  { ES_EVENT_INFO_MEETING, "{\"note\":42}" },
  { ES_EVENT_DIAGNOSTIC, "{}" },
  { ES_EVENT_DIAGNOSTIC, "{\"admitted\":\"yes\"}" },
  { ES_EVENT_DIAGNOSTIC, "{\"admitted\":true,\"reason\":[]}" },
  { ES_EVENT_CAPE_SIGNED, "{}" },
  { ES_EVENT_CAPE_SIGNED, "{\"end_date\":\"2027-02-30\"}" },
  { ES_EVENT_CAPE_SIGNED, "{\"end_date\":\"31/03/2027\"}" },
  { ES_EVENT_CAPE_RENEWED, "{\"end_date\":20270331}" },
  { ES_EVENT_CONTRACT_SIGNED, "{\"hours_milli\":24000,\"fixed_gross_cents\":120000}" },
  { ES_EVENT_CONTRACT_SIGNED,
    "{\"hours_milli\":\"24000\",\"fixed_gross_cents\":120000,\"contribution_ppm\":100000}" },
  { ES_EVENT_CONTRACT_SIGNED,
    "{\"hours_milli\":24.5,\"fixed_gross_cents\":120000,\"contribution_ppm\":100000}" },
  { ES_EVENT_AMENDMENT, "{\"contribution_ppm\":true}" },
  { ES_EVENT_ASSOCIATE, "{\"shares_subscribed\":4}" },
  { ES_EVENT_ASSOCIATE, "{\"shares_subscribed\":{},\"shares_paid_cents\":0}" },
  { ES_EVENT_EXIT, "{}" },
  { ES_EVENT_EXIT, "{\"exit_reason\":\"fired\"}" },
  { ES_EVENT_EXIT, "{\"exit_reason\":3}" },
  { ES_EVENT_CANCELLATION, "{\"reason\":false}" },
};

static void
test_json_refused (void)
{
  guint k;

  for (k = 0; k < G_N_ELEMENTS (bad_json_cases); k++)
    {
      const BadJsonCase *c = &bad_json_cases[k];
      g_autoptr (EsCareerEvent) event = sample_event (c->kind);
      g_autoptr (EsCareerEvent) before = es_career_event_copy (event);
      g_autoptr (GError) error = NULL;

      if (es_career_event_data_from_json (event, c->json, &error))
        g_error ("accepted for %s: %s", es_event_kind_to_code (c->kind), c->json);
      g_assert_error (error, ES_CAREER_EVENT_ERROR, ES_CAREER_EVENT_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, !=, "");
      g_test_message ("%s → %s", c->json, error->message);
      assert_same_data (event, before);
      /* Without a GError too. */
      g_assert_false (es_career_event_data_from_json (event, c->json, NULL));
    }
}

static void
test_copy (void)
{
  g_autoptr (EsCareerEvent) event = sample_event (ES_EVENT_DIAGNOSTIC);
  g_autoptr (EsCareerEvent) copy = NULL;
  EsCareerEvent *boxed;

  event->id = 12;
  event->member_id = 5;
  event->note = g_strdup ("a note");
  event->author = g_strdup ("camille");
  event->created_at = g_strdup ("2026-03-02T10:00:00Z");
  copy = es_career_event_copy (event);
  g_assert_true (copy->reason != event->reason);
  g_assert_cmpint (copy->id, ==, 12);
  g_assert_cmpint (copy->member_id, ==, 5);
  g_assert_cmpstr (copy->author, ==, "camille");
  g_assert_cmpstr (copy->created_at, ==, event->created_at);
  assert_same_data (event, copy);

  boxed = g_boxed_copy (ES_TYPE_CAREER_EVENT, event);
  assert_same_data (event, boxed);
  g_boxed_free (ES_TYPE_CAREER_EVENT, boxed);
  es_career_event_free (NULL);
}

static void
test_new_defaults (void)
{
  g_autoptr (EsCareerEvent) event = es_career_event_new (ES_EVENT_CONTRACT_SIGNED, NULL);

  g_assert_false (g_date_valid (&event->date));
  g_assert_false (g_date_valid (&event->end_date));
  g_assert_cmpint (event->hours_milli, ==, -1);
  g_assert_cmpint (event->fixed_gross_cents, ==, -1);
  g_assert_cmpint (event->contribution_ppm, ==, -1);
  g_assert_cmpint (event->corrects_id, ==, 0);
  g_assert_cmpint (event->exit_reason, ==, ES_EXIT_OTHER);
}

static void
test_describe (void)
{
  guint k;

  for (k = 0; k < ES_EVENT_N_KINDS; k++)
    {
      g_autoptr (EsCareerEvent) event = sample_event (k);
      g_autoptr (EsCareerEvent) bare = es_career_event_new (k, &event->date);
      g_autofree char *line = es_career_event_describe (event);
      g_autofree char *bare_line = es_career_event_describe (bare);

      g_assert_nonnull (line);
      g_assert_cmpstr (line, !=, "");
      g_assert_true (g_utf8_validate (line, -1, NULL));
      g_assert_nonnull (bare_line);
      g_assert_cmpstr (bare_line, !=, "");
    }
}

static void
test_describe_lines (void)
{
  g_autoptr (EsCareerEvent) cape = sample_event (ES_EVENT_CAPE_SIGNED);
  g_autoptr (EsCareerEvent) contract = sample_event (ES_EVENT_CONTRACT_SIGNED);
  g_autoptr (EsCareerEvent) amendment = sample_event (ES_EVENT_AMENDMENT);
  g_autoptr (EsCareerEvent) associate = sample_event (ES_EVENT_ASSOCIATE);
  g_autoptr (EsCareerEvent) exit = sample_event (ES_EVENT_EXIT);
  g_autofree char *fixed = es_money_format (120000);
  g_autofree char *rate = es_rate_format (100000);
  g_autofree char *paid = es_money_format (10000);
  g_autofree char *new_fixed = es_money_format (150000);
  g_autofree char *expected = NULL;
  g_autofree char *line = NULL;

  line = es_career_event_describe (cape);
  g_assert_cmpstr (line, ==, "CAPE signed until 31/03/2027");
  g_clear_pointer (&line, g_free);

  expected = g_strdup_printf ("Contract signed: 24 h/week, %s fixed, contribution %s", fixed, rate);
  line = es_career_event_describe (contract);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&expected, g_free);

  amendment->hours_milli = 17500;
  expected = g_strdup_printf ("Amendment: 17,5 h/week, %s fixed", new_fixed);
  line = es_career_event_describe (amendment);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&expected, g_free);

  expected = g_strdup_printf ("Became associate: 4 shares subscribed, %s paid", paid);
  line = es_career_event_describe (associate);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&line, g_free);
  g_clear_pointer (&expected, g_free);

  associate->shares_subscribed = 1;
  expected = g_strdup_printf ("Became associate: 1 share subscribed, %s paid", paid);
  line = es_career_event_describe (associate);
  g_assert_cmpstr (line, ==, expected);
  g_clear_pointer (&line, g_free);

  line = es_career_event_describe (exit);
  g_assert_cmpstr (line, ==, "Exit: Mutual termination (rupture conventionnelle)");
  g_clear_pointer (&line, g_free);

  cape->corrects_id = 4;
  line = es_career_event_describe (cape);
  g_assert_cmpstr (line, ==, "CAPE signed until 31/03/2027 (correction)");
}

typedef struct
{
  gint64 milli;
  const char *text;
} HoursCase;

static const HoursCase hours_cases[] = {
  { 0, "0" },          { 24000, "24" }, { 35000, "35" }, { 17500, "17,5" },  { 17250, "17,25" },
  { 17333, "17,333" }, { 500, "0,5" },  { 7, "0,007" },  { 10050, "10,05" }, { -1500, "-1,5" },
};

static void
test_hours_format (void)
{
  guint k;

  for (k = 0; k < G_N_ELEMENTS (hours_cases); k++)
    {
      g_autofree char *text = es_hours_format (hours_cases[k].milli);
      g_assert_cmpstr (text, ==, hours_cases[k].text);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/career-event/kind-codes", test_kind_codes);
  g_test_add_func ("/career-event/reason-codes", test_reason_codes);
  g_test_add_func ("/career-event/json/round-trip", test_json_round_trip);
  g_test_add_func ("/career-event/json/details", test_json_details);
  g_test_add_func ("/career-event/json/refused", test_json_refused);
  g_test_add_func ("/career-event/copy", test_copy);
  g_test_add_func ("/career-event/new-defaults", test_new_defaults);
  g_test_add_func ("/career-event/describe", test_describe);
  g_test_add_func ("/career-event/describe-lines", test_describe_lines);
  g_test_add_func ("/career-event/hours-format", test_hours_format);
  return g_test_run ();
}
