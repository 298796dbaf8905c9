/* test-pipeline.c — the rules of the member pipeline, as tables of short histories. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "es-date.h"
#include "es-member-view.h"
#include "es-pipeline.h"

/* ---------------------------------------------------------------------------------------
 * A compact notation for histories: "DATE KIND [^N] [DATA]", where N is the position
 * (from 1) of the corrected or cancelled event, DATA the JSON data with ' for ". Event
 * number k gets id k.
 * ------------------------------------------------------------------------------------- */

#define CONTRACT_DATA "{'hours_milli':24000,'fixed_gross_cents':120000,'contribution_ppm':100000}"
#define ADMITTED "diagnostic {'admitted':true}"
#define SHARES "{'shares_subscribed':4,'shares_paid_cents':10000}"

static GDate
date_of (const char *iso)
{
  GDate date;

  g_assert_true (es_date_parse_iso (iso, &date));
  return date;
}

static EsCareerEvent *
parse_event (const char *spec, gint64 id)
{
  g_auto (GStrv) words = g_strsplit (spec, " ", 4);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) json = NULL;
  EsCareerEvent *event;
  EsEventKind kind;
  GDate date;
  guint next = 2;

  g_assert_nonnull (words[0]);
  g_assert_nonnull (words[1]);
  date = date_of (words[0]);
  g_assert_true (es_event_kind_from_code (words[1], &kind));
  event = es_career_event_new (kind, &date);
  event->id = id;
  event->member_id = 1;
  if (words[next] != NULL && words[next][0] == '^')
    {
      event->corrects_id = g_ascii_strtoll (words[next] + 1, NULL, 10);
      next++;
    }
  if (words[next] != NULL)
    {
      /* The rest of the line, spaces included. */
      const char *rest = strstr (spec, words[next]);

      json = g_string_new (rest);
      g_string_replace (json, "'", "\"", 0);
      es_career_event_data_from_json (event, json->str, &error);
      g_assert_no_error (error);
    }
  return event;
}

static GPtrArray *
parse_history (const char *const *specs, guint n)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify)es_career_event_free);
  guint k;

  for (k = 0; k < n && specs[k] != NULL; k++)
    g_ptr_array_add (events, parse_event (specs[k], k + 1));
  return events;
}

static void
assert_date (const GDate *date, const char *expected, const char *what)
{
  g_autofree char *iso = NULL;

  if (expected == NULL)
    return;
  iso = es_date_to_iso (date);
  if (g_strcmp0 (iso != NULL ? iso : "", expected) != 0)
    g_error ("%s: expected “%s”, got “%s”", what, expected, iso ? iso : "");
}

/* ---------------------------------------------------------------------------------------
 * Whole histories
 * ------------------------------------------------------------------------------------- */

#define OK (-1)
#define ANY (-1)

typedef struct
{
  const char *name;
  const char *events[14];
  int error; /* OK or an EsPipelineError */
  EsStage stage;
  const char *cape_end; /* NULL: not checked, "": invalid */
  int cape_days;        /* ANY: not checked */
  const char *trial_end;
  const char *associate_deadline;
  int renewals;    /* ANY: not checked */
  int exit_reason; /* ANY: not checked */
  const char *stage_since;
} PipelineCase;

/* clang-format off */
static const PipelineCase pipeline_cases[] = {
  /* name, events,
   *   error, stage, cape_end, cape_days, trial_end, associate_deadline, renewals, exit_reason,
   *   stage_since */
  { "empty", { NULL },
    OK, ES_STAGE_RECEPTION, "", 0, "", "", 0, ANY, "" },
  { "reception",
    { "2026-01-05 info_meeting", "2026-01-12 " ADMITTED },
    OK, ES_STAGE_RECEPTION, "", 0, "", "", 0, ANY, "2026-01-05" },
  { "cape-renewed-twice-then-contract",
    { "2026-01-05 info_meeting", "2026-01-12 " ADMITTED,
      "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-07-15 cape_renewed {'end_date':'2027-01-31'}",
      "2027-01-20 cape_renewed {'end_date':'2027-07-31'}",
      "2027-06-01 contract_signed " CONTRACT_DATA },
    OK, ES_STAGE_CONTRACT, "2027-05-31", 485, "", "2029-01-31", 2, ANY,
    "2027-06-01" },
  { "third-renewal-refused",
    { "2026-01-05 info_meeting", "2026-01-12 " ADMITTED,
      "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-07-15 cape_renewed {'end_date':'2027-01-31'}",
      "2027-01-20 cape_renewed {'end_date':'2027-07-31'}",
      "2027-07-01 cape_renewed {'end_date':'2027-12-31'}" },
    ES_PIPELINE_ERROR_CAPE_RENEWALS, ES_STAGE_CAPE, "2027-07-31", ANY, NULL, NULL, 2, ANY,
    "2026-02-01" },
  { "exit-during-cape",
    { "2026-01-05 info_meeting", "2026-01-12 " ADMITTED,
      "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-04-10 exit {'exit_reason':'salaried_job'}" },
    OK, ES_STAGE_EXITED, "2026-07-31", ANY, "", "", 0, ES_EXIT_SALARIED_JOB, "2026-04-10" },
  { "contract-without-cape",
    { "2026-01-05 info_meeting", "2026-01-12 " ADMITTED,
      "2026-01-15 contract_signed " CONTRACT_DATA },
    OK, ES_STAGE_CONTRACT, "", 0, "2026-09-14", "2029-01-14", 0, ANY, "2026-01-15" },
  { "associate-on-deadline-day",
    { "2026-01-12 " ADMITTED, "2026-01-15 contract_signed " CONTRACT_DATA,
      "2029-01-14 associate " SHARES },
    OK, ES_STAGE_ASSOCIATE, NULL, 0, NULL, "2029-01-14", ANY, ANY, "2029-01-14" },
  { "associate-day-after-deadline",
    { "2026-01-12 " ADMITTED, "2026-01-15 contract_signed " CONTRACT_DATA,
      "2029-01-15 associate " SHARES },
    ES_PIPELINE_ERROR_DEADLINE, ES_STAGE_CONTRACT, NULL, 0, NULL, "2029-01-14", ANY, ANY,
    "2026-01-15" },
  { "leap-day-contract",
    { "2024-02-01 " ADMITTED, "2024-02-29 contract_signed " CONTRACT_DATA,
      "2027-02-28 associate " SHARES },
    OK, ES_STAGE_ASSOCIATE, NULL, 0, "2024-10-28", "2027-02-28", ANY, ANY, NULL },
  { "leap-day-contract-late",
    { "2024-02-01 " ADMITTED, "2024-02-29 contract_signed " CONTRACT_DATA,
      "2027-03-01 associate " SHARES },
    ES_PIPELINE_ERROR_DEADLINE, ES_STAGE_CONTRACT, NULL, 0, NULL, "2027-02-28", ANY, ANY,
    NULL },
  { "deadline-on-leap-day",
    { "2025-02-01 " ADMITTED, "2025-03-01 contract_signed " CONTRACT_DATA,
      "2028-02-29 associate " SHARES },
    OK, ES_STAGE_ASSOCIATE, NULL, 0, "2025-10-31", "2028-02-29", ANY, ANY, NULL },
  { "associate-from-reception",
    { "2026-01-05 info_meeting", "2026-01-12 " ADMITTED, "2026-02-01 associate " SHARES },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "contract-before-diagnostic",
    { "2026-01-05 info_meeting", "2026-01-15 contract_signed " CONTRACT_DATA },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_RECEPTION, NULL, ANY, "", "", ANY, ANY, NULL },
  { "contract-dated-before-recorded-diagnostic",
    { "2026-01-05 info_meeting", "2026-01-12 " ADMITTED,
      "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-01-10 contract_signed " CONTRACT_DATA },
    ES_PIPELINE_ERROR_ORDER, ES_STAGE_RECEPTION, NULL, ANY, "", "", ANY, ANY, NULL },
  { "exit-dated-before-contract",
    { "2026-01-12 " ADMITTED, "2026-03-01 contract_signed " CONTRACT_DATA,
      "2026-02-01 exit {'exit_reason':'own_company'}" },
    ES_PIPELINE_ERROR_ORDER, ES_STAGE_RECEPTION, NULL, ANY, "", "", ANY, ANY, NULL },
  { "renewal-dated-between-renewals",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-07-15 cape_renewed {'end_date':'2027-01-31'}",
      "2027-01-20 cape_renewed {'end_date':'2027-07-31'}",
      "2026-09-01 cape_renewed {'end_date':'2027-03-31'}" },
    ES_PIPELINE_ERROR_ORDER, ES_STAGE_CAPE, "2027-01-31", ANY, NULL, NULL, 1, ANY, NULL },
  /* Back-dated, but refused whatever its date: the reason, not the dates. */
  { "cape-signed-again-back-dated",
    { "2024-01-12 " ADMITTED, "2024-03-01 cape_signed {'end_date':'2025-02-28'}",
      "2025-02-20 cape_renewed {'end_date':'2026-02-28'}",
      "2024-03-31 cape_signed {'end_date':'2025-03-30'}" },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_CAPE, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "diagnostic-back-dated-into-a-contract",
    { "2024-01-12 " ADMITTED, "2024-02-01 contract_signed " CONTRACT_DATA,
      "2025-06-01 associate " SHARES, "2024-05-01 " ADMITTED },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_CONTRACT, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "bad-data-in-back-dated-event",
    { "2026-01-12 " ADMITTED, "2026-03-01 info_meeting",
      "2026-02-01 contract_signed {'hours_milli':0,'fixed_gross_cents':0,"
      "'contribution_ppm':100000}" },
    ES_PIPELINE_ERROR_DATA, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "info-meeting-recorded-late",
    { "2026-01-12 " ADMITTED, "2026-01-05 info_meeting" },
    OK, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, "2026-01-05" },
  { "cape-without-diagnostic",
    { "2026-01-05 info_meeting", "2026-02-01 cape_signed {'end_date':'2026-07-31'}" },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "cape-12-months",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2027-01-31'}" },
    OK, ES_STAGE_CAPE, "2027-01-31", 0, NULL, NULL, 0, ANY, "2026-02-01" },
  { "cape-longer-than-12-months",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2027-02-01'}" },
    ES_PIPELINE_ERROR_CAPE_LENGTH, ES_STAGE_RECEPTION, "", ANY, NULL, NULL, ANY, ANY, NULL },
  { "cape-end-before-start",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-02-01'}" },
    ES_PIPELINE_ERROR_DATA, ES_STAGE_RECEPTION, "", ANY, NULL, NULL, ANY, ANY, NULL },
  { "renewal-12-months",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-07-31 cape_renewed {'end_date':'2027-07-31'}" },
    OK, ES_STAGE_CAPE, "2027-07-31", ANY, NULL, NULL, 1, ANY, NULL },
  { "renewal-too-long",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-07-01 cape_renewed {'end_date':'2027-08-01'}" },
    ES_PIPELINE_ERROR_CAPE_LENGTH, ES_STAGE_CAPE, "2026-07-31", ANY, NULL, NULL, 0, ANY, NULL },
  { "renewal-after-planned-end",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-08-01 cape_renewed {'end_date':'2027-01-31'}" },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_CAPE, "2026-07-31", ANY, NULL, NULL, 0, ANY, NULL },
  { "renewal-not-extending",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-07-01 cape_renewed {'end_date':'2026-07-31'}" },
    ES_PIPELINE_ERROR_DATA, ES_STAGE_CAPE, NULL, ANY, NULL, NULL, 0, ANY, NULL },
  { "renewal-of-ended-cape",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-05-31 cape_ended", "2026-06-01 cape_renewed {'end_date':'2027-01-31'}" },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_CAPE, "2026-05-31", ANY, NULL, NULL, 0, ANY, NULL },
  { "cape-ended-after-planned-end",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-08-01 cape_ended" },
    ES_PIPELINE_ERROR_CAPE_LENGTH, ES_STAGE_CAPE, "2026-07-31", ANY, NULL, NULL, ANY, ANY,
    NULL },
  { "short-cape-ended-then-contract",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-04-30 cape_ended", "2026-05-04 contract_signed " CONTRACT_DATA },
    OK, ES_STAGE_CONTRACT, "2026-04-30", 89, "2026-10-03", "2029-02-03", 0, ANY, NULL },
  { "contract-on-cape-last-day",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-04-30 cape_ended", "2026-04-30 contract_signed " CONTRACT_DATA },
    ES_PIPELINE_ERROR_ORDER, ES_STAGE_CAPE, "2026-04-30", ANY, "", NULL, ANY, ANY, NULL },
  { "trial-end-with-long-cape",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2027-01-31'}",
      "2026-12-01 contract_signed " CONTRACT_DATA },
    OK, ES_STAGE_CONTRACT, "2026-11-30", 303, "", "2029-01-31", 0, ANY, NULL },
  { "contract-after-planned-end-without-renewal",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-04-30'}",
      "2026-06-01 contract_signed " CONTRACT_DATA },
    OK, ES_STAGE_CONTRACT, "2026-04-30", 89, NULL, NULL, ANY, ANY, NULL },
  { "correction-changes-cape-end",
    { "2026-01-05 info_meeting", "2026-01-12 " ADMITTED,
      "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-02-01 cape_signed ^3 {'end_date':'2027-01-31'}" },
    OK, ES_STAGE_CAPE, "2027-01-31", ANY, NULL, NULL, 0, ANY, "2026-02-01" },
  { "correction-makes-cape-too-long",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-02-01 cape_signed ^2 {'end_date':'2027-03-31'}" },
    ES_PIPELINE_ERROR_CAPE_LENGTH, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "correction-of-a-correction",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-02-02 cape_signed ^2 {'end_date':'2026-08-31'}",
      "2026-02-03 cape_signed ^3 {'end_date':'2026-09-30'}" },
    OK, ES_STAGE_CAPE, "2026-09-30", ANY, NULL, NULL, ANY, ANY, "2026-02-03" },
  { "cancellation-brings-member-back",
    { "2026-01-05 info_meeting", "2026-01-12 " ADMITTED,
      "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-04-10 exit {'exit_reason':'project_stopped'}",
      "2026-04-12 cancellation ^4 {'reason':'wrong member'}" },
    OK, ES_STAGE_CAPE, "2026-07-31", ANY, NULL, NULL, ANY, ANY, "2026-02-01" },
  { "cancelling-a-corrected-exit",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-04-10 exit {'exit_reason':'project_stopped'}",
      "2026-04-11 exit ^3 {'exit_reason':'own_company'}", "2026-04-12 cancellation ^4 {'reason':'typo'}" },
    OK, ES_STAGE_CAPE, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "cancelled-twice",
    { "2026-01-12 " ADMITTED, "2026-02-01 exit {'exit_reason':'other'}",
      "2026-02-02 cancellation ^2", "2026-02-03 cancellation ^2" },
    ES_PIPELINE_ERROR_CORRECTION, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "correcting-a-cancelled-event",
    { "2026-01-12 " ADMITTED, "2026-02-01 exit {'exit_reason':'other'}",
      "2026-02-02 cancellation ^2", "2026-02-03 exit ^2 {'exit_reason':'resignation'}" },
    ES_PIPELINE_ERROR_CORRECTION, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "correction-of-another-kind",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-02-01 contract_signed ^2 " CONTRACT_DATA },
    ES_PIPELINE_ERROR_CORRECTION, ES_STAGE_CAPE, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "correction-of-unknown-event",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed ^9 {'end_date':'2026-07-31'}" },
    ES_PIPELINE_ERROR_CORRECTION, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "cancelling-a-cancellation",
    { "2026-01-12 " ADMITTED, "2026-02-01 exit {'exit_reason':'other'}",
      "2026-02-02 cancellation ^2", "2026-02-03 cancellation ^3" },
    ES_PIPELINE_ERROR_CORRECTION, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "cancellation-naming-nothing",
    { "2026-01-12 " ADMITTED, "2026-02-02 cancellation" },
    ES_PIPELINE_ERROR_CORRECTION, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "not-admitted",
    { "2026-01-05 info_meeting",
      "2026-01-12 diagnostic {'admitted':false,'reason':'no project yet'}" },
    OK, ES_STAGE_EXITED, "", ANY, "", "", ANY, ES_EXIT_NOT_ADMITTED, "2026-01-12" },
  { "re-entry-after-exit",
    { "2026-01-05 info_meeting",
      "2026-01-12 diagnostic {'admitted':false,'reason':'no project yet'}",
      "2026-09-07 info_meeting", "2026-09-14 " ADMITTED,
      "2026-10-01 cape_signed {'end_date':'2027-03-31'}" },
    OK, ES_STAGE_CAPE, "2027-03-31", ANY, "", "", 0, ANY, "2026-10-01" },
  { "re-entry-clears-the-contract",
    { "2026-01-12 " ADMITTED, "2026-01-15 contract_signed " CONTRACT_DATA,
      "2026-06-30 exit {'exit_reason':'resignation'}", "2027-01-05 info_meeting" },
    OK, ES_STAGE_RECEPTION, "", 0, "", "", 0, ANY, "2027-01-05" },
  { "diagnostic-after-exit",
    { "2026-01-12 diagnostic {'admitted':false}", "2026-03-01 " ADMITTED },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_EXITED, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "exit-after-exit",
    { "2026-01-12 " ADMITTED, "2026-02-01 exit {'exit_reason':'other'}",
      "2026-03-01 exit {'exit_reason':'other'}" },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_EXITED, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "contract-35-hours",
    { "2026-01-12 " ADMITTED,
      "2026-01-15 contract_signed {'hours_milli':35000,'fixed_gross_cents':0,"
      "'contribution_ppm':500000}" },
    OK, ES_STAGE_CONTRACT, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "contract-36-hours",
    { "2026-01-12 " ADMITTED,
      "2026-01-15 contract_signed {'hours_milli':36000,'fixed_gross_cents':0,"
      "'contribution_ppm':100000}" },
    ES_PIPELINE_ERROR_DATA, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "contract-zero-rate",
    { "2026-01-12 " ADMITTED,
      "2026-01-15 contract_signed {'hours_milli':24000,'fixed_gross_cents':0,"
      "'contribution_ppm':0}" },
    ES_PIPELINE_ERROR_DATA, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "contract-rate-over-50",
    { "2026-01-12 " ADMITTED,
      "2026-01-15 contract_signed {'hours_milli':24000,'fixed_gross_cents':0,"
      "'contribution_ppm':500001}" },
    ES_PIPELINE_ERROR_DATA, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "contract-negative-pay",
    { "2026-01-12 " ADMITTED,
      "2026-01-15 contract_signed {'hours_milli':24000,'fixed_gross_cents':-5,"
      "'contribution_ppm':100000}" },
    ES_PIPELINE_ERROR_DATA, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "contract-missing-terms",
    { "2026-01-12 " ADMITTED, "2026-01-15 contract_signed" },
    ES_PIPELINE_ERROR_DATA, ES_STAGE_RECEPTION, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "amendment-as-associate",
    { "2026-01-12 " ADMITTED, "2026-01-15 contract_signed " CONTRACT_DATA,
      "2027-01-15 associate " SHARES, "2027-03-01 amendment {'hours_milli':35000}" },
    OK, ES_STAGE_ASSOCIATE, NULL, ANY, NULL, NULL, ANY, ANY, "2027-01-15" },
  { "amendment-changing-nothing",
    { "2026-01-12 " ADMITTED, "2026-01-15 contract_signed " CONTRACT_DATA,
      "2026-03-01 amendment {'hours_milli':24000}" },
    ES_PIPELINE_ERROR_DATA, ES_STAGE_CONTRACT, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "amendment-in-cape",
    { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-03-01 amendment {'hours_milli':20000}" },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_CAPE, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "associate-without-shares",
    { "2026-01-12 " ADMITTED, "2026-01-15 contract_signed " CONTRACT_DATA,
      "2026-06-01 associate {'shares_subscribed':0,'shares_paid_cents':0}" },
    ES_PIPELINE_ERROR_DATA, ES_STAGE_CONTRACT, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
  { "second-contract",
    { "2026-01-12 " ADMITTED, "2026-01-15 contract_signed " CONTRACT_DATA,
      "2026-06-01 contract_signed " CONTRACT_DATA },
    ES_PIPELINE_ERROR_TRANSITION, ES_STAGE_CONTRACT, NULL, ANY, NULL, NULL, ANY, ANY, NULL },
};
/* clang-format on */

static const char *
error_name (int code)
{
  static const char *const names[]
      = { "ORDER", "TRANSITION", "CAPE_LENGTH", "CAPE_RENEWALS", "DEADLINE", "DATA", "CORRECTION" };

  if (code == OK)
    return "OK";
  return code >= 0 && code < (int)G_N_ELEMENTS (names) ? names[code] : "?";
}

static guint
count_events (const PipelineCase *c)
{
  guint n = 0;

  while (n < G_N_ELEMENTS (c->events) && c->events[n] != NULL)
    n++;
  return n;
}

static void
test_pipeline_case (gconstpointer data)
{
  const PipelineCase *c = data;
  guint n = count_events (c);
  g_autoptr (GPtrArray) events = parse_history (c->events, n);
  g_autoptr (GError) error = NULL;
  EsPipelineState state;
  gboolean ok;

  ok = es_pipeline_derive (events, &state, &error);
  if (error != NULL)
    g_test_message ("%s: %s", c->name, error->message);
  if ((c->error == OK) != ok || (!ok && c->error != error->code))
    g_error ("%s: expected %s, got %s (%s)", c->name, error_name (c->error),
             error_name (ok ? OK : error->code), error ? error->message : "");
  if (!ok)
    {
      g_assert_true (error->domain == ES_PIPELINE_ERROR);
      g_assert_cmpstr (error->message, !=, "");
    }

  g_assert_cmpstr (es_stage_to_code (state.stage), ==, es_stage_to_code (c->stage));
  if (c->error == OK)
    g_assert_true (state.has_events == (n > 0));
  assert_date (&state.cape_end, c->cape_end, "cape_end");
  assert_date (&state.trial_end, c->trial_end, "trial_end");
  assert_date (&state.associate_deadline, c->associate_deadline, "associate_deadline");
  assert_date (&state.stage_since, c->stage_since, "stage_since");
  if (c->cape_days != ANY)
    g_assert_cmpint (state.cape_days, ==, c->cape_days);
  if (c->renewals != ANY)
    g_assert_cmpint (state.cape_renewals, ==, c->renewals);
  if (c->exit_reason != ANY)
    g_assert_cmpint (state.exit_reason, ==, c->exit_reason);

  /* Adding the last event to the history before it gives the same answer. */
  if (n > 0)
    {
      g_autoptr (GPtrArray) prefix = parse_history (c->events, n - 1);
      g_autoptr (GError) prefix_error = NULL;
      g_autoptr (GError) check_error = NULL;
      g_autoptr (EsCareerEvent) candidate = parse_event (c->events[n - 1], 0);
      EsPipelineState before;

      /* A candidate is not stored yet: id 0. */
      if (es_pipeline_derive (prefix, &before, &prefix_error))
        {
          gboolean checked
              = es_pipeline_check_event (prefix, candidate, &candidate->date, &check_error);

          g_assert_true (checked == ok);
          if (!ok)
            g_assert_error (check_error, ES_PIPELINE_ERROR, c->error);
        }
    }
}

/* ---------------------------------------------------------------------------------------
 * Details
 * ------------------------------------------------------------------------------------- */

static void
test_amendment_terms (void)
{
  const char *specs[] = {
    "2026-01-12 " ADMITTED,
    "2026-01-15 contract_signed " CONTRACT_DATA,
    "2026-06-01 amendment {'hours_milli':28000,'fixed_gross_cents':150000}",
    "2026-09-01 amendment {'contribution_ppm':120000}",
  };
  g_autoptr (GPtrArray) events = parse_history (specs, G_N_ELEMENTS (specs));
  g_autoptr (GError) error = NULL;
  EsPipelineState state;

  g_assert_true (es_pipeline_derive (events, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state.hours_milli, ==, 28000);
  g_assert_cmpint (state.fixed_gross_cents, ==, 150000);
  g_assert_cmpint (state.contribution_ppm, ==, 120000);
}

/* ---------------------------------------------------------------------------------------
 * Rules for a new event only (es_pipeline_check_event), on 2026-11-24
 * ------------------------------------------------------------------------------------- */

#define NEW_EVENT_DAY "2026-11-24"
#define IN_CAPE "2025-01-12 " ADMITTED, "2025-02-01 cape_signed {'end_date':'2026-01-31'}"
#define IN_CONTRACT "2025-01-12 " ADMITTED, "2025-02-01 contract_signed " CONTRACT_DATA

static const struct
{
  const char *name;
  const char *history[6];
  const char *candidate;
  int error;         /* OK or an EsPipelineError */
  const char *field; /* es_pipeline_refused_field(), NULL for none */
  const char *words; /* in the message, or NULL */
} new_event_cases[] = {
  { "first-day", { NULL }, "1990-01-01 info_meeting", OK, NULL, NULL },
  { "too-far-back",
    { NULL },
    "1989-12-31 info_meeting",
    ES_PIPELINE_ERROR_DATE,
    "date",
    "01/01/1990" },
  { "a-year-ahead", { NULL }, "2027-11-24 info_meeting", OK, NULL, NULL },
  { "more-than-a-year-ahead",
    { NULL },
    "2027-11-25 info_meeting",
    ES_PIPELINE_ERROR_DATE,
    "date",
    "25/11/2027" },
  { "not-admitted-with-reason",
    { "2026-11-02 info_meeting" },
    "2026-11-10 diagnostic {'admitted':false,'reason':'Projet pas encore mûr'}",
    OK,
    NULL,
    NULL },
  { "not-admitted-without-reason",
    { "2026-11-02 info_meeting" },
    "2026-11-10 diagnostic {'admitted':false}",
    ES_PIPELINE_ERROR_DATA,
    "reason",
    "reason" },
  { "not-admitted-blank-reason",
    { "2026-11-02 info_meeting" },
    "2026-11-10 diagnostic {'admitted':false,'reason':'   '}",
    ES_PIPELINE_ERROR_DATA,
    "reason",
    NULL },
  { "not-admitted-invisible-reason",
    { "2026-11-02 info_meeting" },
    "2026-11-10 diagnostic {'admitted':false,'reason':'\\u00a0\\u200b\\u3000'}",
    ES_PIPELINE_ERROR_DATA,
    "reason",
    NULL },
  { "cancellation-without-reason",
    { "2026-11-02 info_meeting" },
    "2026-11-10 cancellation ^1",
    ES_PIPELINE_ERROR_DATA,
    "reason",
    NULL },
  { "cancellation-with-reason",
    { "2026-11-02 info_meeting" },
    "2026-11-10 cancellation ^1 {'reason':'Saisie en double'}",
    OK,
    NULL,
    NULL },
  { "not-admitted-exit",
    { "2026-11-02 info_meeting" },
    "2026-11-10 exit {'exit_reason':'not_admitted'}",
    ES_PIPELINE_ERROR_EXIT_REASON,
    "exit_reason",
    NULL },
  { "dismissal-at-reception",
    { "2026-11-02 info_meeting" },
    "2026-11-10 exit {'exit_reason':'dismissal'}",
    ES_PIPELINE_ERROR_EXIT_REASON,
    "exit_reason",
    "Dismissal" },
  { "cape-end-exit-in-cape",
    { IN_CAPE },
    "2026-01-31 exit {'exit_reason':'cape_end'}",
    OK,
    NULL,
    NULL },
  { "resignation-in-cape",
    { IN_CAPE },
    "2025-06-01 exit {'exit_reason':'resignation'}",
    ES_PIPELINE_ERROR_EXIT_REASON,
    "exit_reason",
    NULL },
  { "own-company-in-cape",
    { IN_CAPE },
    "2025-06-01 exit {'exit_reason':'own_company'}",
    OK,
    NULL,
    NULL },
  { "resignation-in-contract",
    { IN_CONTRACT },
    "2025-06-01 exit {'exit_reason':'resignation'}",
    OK,
    NULL,
    NULL },
  { "associate-deadline-too-early",
    { IN_CONTRACT },
    "2026-06-01 exit {'exit_reason':'associate_deadline'}",
    ES_PIPELINE_ERROR_EXIT_REASON,
    "exit_reason",
    "31/01/2028" },
  /* What a new event does to the exits recorded after it. */
  { "contract-cancelled-under-resignation",
    { IN_CONTRACT, "2025-06-01 exit {'exit_reason':'resignation'}" },
    "2025-07-01 cancellation ^2 {'reason':'Saisie en double'}",
    ES_PIPELINE_ERROR_EXIT_REASON,
    NULL,
    "Resignation" },
  { "contract-back-dated-under-cape-end-exit",
    { IN_CAPE, "2025-06-01 exit {'exit_reason':'cape_end'}" },
    "2025-05-01 contract_signed " CONTRACT_DATA,
    ES_PIPELINE_ERROR_EXIT_REASON,
    NULL,
    "01/06/2025" },
  { "contract-corrected-past-the-deadline-exit",
    { "2022-01-02 " ADMITTED, "2023-01-01 contract_signed " CONTRACT_DATA,
      "2025-12-31 exit {'exit_reason':'associate_deadline'}" },
    "2023-06-01 contract_signed ^2 " CONTRACT_DATA,
    ES_PIPELINE_ERROR_EXIT_REASON,
    NULL,
    "31/05/2026" },
  { "contract-corrected-keeping-the-deadline-exit",
    { "2022-01-02 " ADMITTED, "2023-06-01 contract_signed " CONTRACT_DATA,
      "2026-06-01 exit {'exit_reason':'associate_deadline'}" },
    "2023-01-01 contract_signed ^2 " CONTRACT_DATA,
    OK,
    NULL,
    NULL },
  { "second-exit",
    { "2026-11-02 info_meeting", "2026-11-05 exit {'exit_reason':'other'}" },
    "2026-11-10 exit {'exit_reason':'own_company'}",
    ES_PIPELINE_ERROR_TRANSITION,
    NULL,
    "05/11/2026" },
  { "new-cape-after-ended-one",
    { IN_CAPE, "2025-06-30 cape_ended" },
    "2025-09-01 cape_signed {'end_date':'2026-08-31'}",
    ES_PIPELINE_ERROR_TRANSITION,
    NULL,
    "contract" },
  { "renewal-after-ended-one",
    { IN_CAPE, "2025-06-30 cape_ended" },
    "2025-06-30 cape_renewed {'end_date':'2026-08-31'}",
    ES_PIPELINE_ERROR_TRANSITION,
    NULL,
    "contract" },
};

static void
test_new_event (void)
{
  GDate today = date_of (NEW_EVENT_DAY);

  for (guint k = 0; k < G_N_ELEMENTS (new_event_cases); k++)
    {
      g_autoptr (GPtrArray) history
          = parse_history (new_event_cases[k].history, G_N_ELEMENTS (new_event_cases[k].history));
      g_autoptr (EsCareerEvent) candidate = parse_event (new_event_cases[k].candidate, 0);
      g_autoptr (GError) error = NULL;
      EsPipelineState state;
      gboolean ok;

      g_test_message ("%s", new_event_cases[k].name);
      g_assert_true (es_pipeline_derive (history, &state, NULL));
      ok = es_pipeline_check_event (history, candidate, &today, &error);
      if (new_event_cases[k].error == OK)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          continue;
        }
      g_assert_false (ok);
      g_assert_error (error, ES_PIPELINE_ERROR, new_event_cases[k].error);
      g_test_message ("  %s", error->message);
      if (new_event_cases[k].words != NULL)
        g_assert_nonnull (strstr (error->message, new_event_cases[k].words));
      g_assert_cmpstr (es_pipeline_refused_field (history, candidate, &today, error), ==,
                       new_event_cases[k].field);
      /* The history as recorded still derives: these rules are for new events. */
      g_ptr_array_add (history, g_steal_pointer (&candidate));
      if (new_event_cases[k].error != ES_PIPELINE_ERROR_TRANSITION)
        g_assert_true (es_pipeline_derive (history, &state, NULL));
    }
}

/* No step before the member's 16th birthday. */
static void
test_after_birth (void)
{
  GDate birth = date_of ("2010-03-15");
  g_autoptr (EsCareerEvent) early = parse_event ("2026-03-14 info_meeting", 0);
  g_autoptr (EsCareerEvent) on_time = parse_event ("2026-03-15 info_meeting", 0);
  g_autoptr (GError) error = NULL;
  GDate unknown;

  g_date_clear (&unknown, 1);
  g_assert_false (es_pipeline_check_event_after_birth (&birth, early, &error));
  g_assert_error (error, ES_PIPELINE_ERROR, ES_PIPELINE_ERROR_DATE);
  g_assert_nonnull (strstr (error->message, "15/03/2010"));
  g_assert_true (es_pipeline_check_event_after_birth (&birth, on_time, NULL));
  g_assert_true (es_pipeline_check_event_after_birth (&unknown, early, NULL));
  g_assert_true (es_pipeline_check_event_after_birth (NULL, early, NULL));
}

/* Which exit reasons each stage offers. */
static void
test_exit_reasons (void)
{
  static const struct
  {
    EsStage stage;
    const char *reasons; /* codes that fit, in order */
  } cases[] = {
    { ES_STAGE_RECEPTION, "own_company salaried_job project_stopped other" },
    { ES_STAGE_CAPE, "own_company salaried_job project_stopped cape_end other" },
    { ES_STAGE_CONTRACT, "own_company salaried_job project_stopped resignation mutual_agreement "
                         "dismissal associate_deadline other" },
    { ES_STAGE_ASSOCIATE, "own_company salaried_job project_stopped resignation mutual_agreement "
                          "dismissal other" },
    { ES_STAGE_EXITED, "" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GString) fitting = g_string_new (NULL);
      EsPipelineState state;

      es_pipeline_state_init (&state);
      state.stage = cases[k].stage;
      for (guint r = 0; r < ES_EXIT_N_REASONS; r++)
        if (es_pipeline_exit_reason_fits (&state, r))
          g_string_append_printf (fitting, "%s%s", fitting->len > 0 ? " " : "",
                                  es_exit_reason_to_code (r));
      g_assert_cmpstr (fitting->str, ==, cases[k].reasons);
    }
}

/* Once the CAPE ended, what is due is a contract or an exit, from the day it ended. */
static void
test_after_cape_deadline (void)
{
  const char *specs[] = { IN_CAPE, "2025-06-30 cape_ended" };
  g_autoptr (GPtrArray) history = parse_history (specs, G_N_ELEMENTS (specs));
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (EsDeadline));
  GDate today = date_of (NEW_EVENT_DAY);
  EsPipelineState state;
  const EsDeadline *d;

  g_assert_true (es_pipeline_derive (history, &state, NULL));
  g_assert_cmpint (state.stage, ==, ES_STAGE_CAPE);
  es_pipeline_deadlines (&state, NULL, &today, out);
  g_assert_cmpuint (out->len, ==, 1);
  d = &g_array_index (out, EsDeadline, 0);
  g_assert_cmpint (d->kind, ==, ES_DEADLINE_AFTER_CAPE);
  assert_date (&d->date, "2025-06-30", "after the CAPE");
  g_assert_cmpint (d->urgency, ==, ES_URGENCY_OVERDUE);
  g_assert_cmpstr (es_deadline_kind_label (d->kind), ==, "Contract or exit to record");
}

static void
test_error_messages (void)
{
  const char *renewals[] = {
    "2026-01-12 diagnostic {'admitted':true}",
    "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
    "2026-07-15 cape_renewed {'end_date':'2027-01-31'}",
    "2027-01-20 cape_renewed {'end_date':'2027-07-31'}",
    "2027-07-01 cape_renewed {'end_date':'2027-12-31'}",
  };
  const char *order[] = {
    "2026-01-12 diagnostic {'admitted':true}",
    ("2026-03-01 contract_signed " CONTRACT_DATA),
    "2026-02-01 exit {'exit_reason':'own_company'}",
  };
  g_autoptr (GPtrArray) events = parse_history (renewals, G_N_ELEMENTS (renewals));
  g_autoptr (GPtrArray) disorder = parse_history (order, G_N_ELEMENTS (order));
  g_autoptr (GError) error = NULL;
  EsPipelineState state;

  g_assert_false (es_pipeline_derive (events, &state, &error));
  g_assert_nonnull (strstr (error->message, "15/07/2026"));
  g_assert_nonnull (strstr (error->message, "20/01/2027"));
  g_clear_error (&error);

  g_assert_false (es_pipeline_derive (disorder, &state, &error));
  g_assert_error (error, ES_PIPELINE_ERROR, ES_PIPELINE_ERROR_ORDER);
  g_assert_nonnull (strstr (error->message, "01/02/2026"));
  g_assert_nonnull (strstr (error->message, "01/03/2026"));
  /* The state holds what came before the exit. */
  g_assert_cmpint (state.stage, ==, ES_STAGE_RECEPTION);
  g_assert_true (state.admitted);
}

static void
test_effective (void)
{
  const char *specs[] = {
    "2026-01-12 diagnostic {'admitted':true}",             /* 1 */
    "2026-02-01 cape_signed {'end_date':'2026-07-31'}",    /* 2 */
    "2026-04-10 exit {'exit_reason':'project_stopped'}",   /* 3 */
    "2026-01-20 cape_signed ^2 {'end_date':'2026-06-30'}", /* 4 */
    "2026-04-12 cancellation ^3",                          /* 5 */
    "2026-01-05 info_meeting",                             /* 6 */
  };
  g_autoptr (GPtrArray) events = parse_history (specs, G_N_ELEMENTS (specs));
  g_autoptr (GPtrArray) effective = es_pipeline_effective (events);

  g_assert_cmpuint (effective->len, ==, 3);
  g_assert_true (g_ptr_array_index (effective, 0) == g_ptr_array_index (events, 5));
  g_assert_true (g_ptr_array_index (effective, 1) == g_ptr_array_index (events, 0));
  g_assert_true (g_ptr_array_index (effective, 2) == g_ptr_array_index (events, 3));
}

static void
test_effective_same_day (void)
{
  /* A correction keeps the place of the event it corrects among events of the same day. */
  const char *specs[] = {
    "2026-01-12 diagnostic {'admitted':false}",
    "2026-01-12 info_meeting",
    "2026-01-12 diagnostic ^1 {'admitted':true}",
  };
  g_autoptr (GPtrArray) events = parse_history (specs, G_N_ELEMENTS (specs));
  g_autoptr (GPtrArray) effective = es_pipeline_effective (events);
  EsPipelineState state;

  g_assert_cmpuint (effective->len, ==, 2);
  g_assert_true (g_ptr_array_index (effective, 0) == g_ptr_array_index (events, 2));
  g_assert_true (g_ptr_array_index (effective, 1) == g_ptr_array_index (events, 1));
  g_assert_true (es_pipeline_derive (events, &state, NULL));
  g_assert_cmpint (state.stage, ==, ES_STAGE_RECEPTION);
  g_assert_true (state.admitted);
}

typedef struct
{
  const char *start;
  int months;
  const char *end;
} PeriodCase;

static const PeriodCase period_cases[] = {
  { "2026-01-15", 8, "2026-09-14" },  { "2026-01-15", 12, "2027-01-14" },
  { "2026-03-01", 12, "2027-02-28" }, { "2027-03-01", 12, "2028-02-29" },
  { "2024-02-29", 12, "2025-02-28" }, { "2024-02-29", 48, "2028-02-28" },
  { "2024-02-29", 36, "2027-02-28" }, { "2026-03-31", 1, "2026-04-30" },
  { "2026-01-31", 1, "2026-02-28" },  { "2026-01-28", 1, "2026-02-27" },
  { "2026-12-31", 12, "2027-12-30" }, { "2026-01-01", 12, "2026-12-31" },
};

static void
test_period_end (void)
{
  guint k;

  for (k = 0; k < G_N_ELEMENTS (period_cases); k++)
    {
      GDate start = date_of (period_cases[k].start);
      GDate end = es_pipeline_period_end (&start, period_cases[k].months);

      assert_date (&end, period_cases[k].end, period_cases[k].start);
      if (period_cases[k].months == 12)
        {
          GDate max = es_pipeline_cape_max_end (&start);
          assert_date (&max, period_cases[k].end, "cape_max_end");
        }
    }
}

typedef struct
{
  const char *contract;
  const char *cape_first; /* NULL: no CAPE */
  const char *cape_last;
  const char *trial_end;
  const char *associate_deadline;
} ContractDatesCase;

/* The CAPE counts in months, then days: whatever the length of its months, a 6-month CAPE
 * leaves a 2-month trial and 30 months to become associate. */
static const ContractDatesCase contract_dates_cases[] = {
  { "2026-01-15", NULL, NULL, "2026-09-14", "2029-01-14" },
  /* 6 months of 181 days, then of 184: the same 2 months of trial */
  { "2025-08-01", "2025-02-01", "2025-07-31", "2025-09-30", "2028-01-31" },
  { "2025-09-01", "2025-03-01", "2025-08-31", "2025-10-31", "2028-02-29" },
  { "2026-05-01", "2026-02-01", "2026-04-30", "2026-09-30", "2029-01-31" },
  /* 3 months and 6 days */
  { "2026-05-21", "2026-02-15", "2026-05-20", "2026-10-14", "2029-02-14" },
  /* from the 31st to the end of a 30-day month: 3 whole months; 36 months from the 31st
   * end on 30/01, which the deadline does not pass */
  { "2026-05-01", "2026-01-31", "2026-04-30", "2026-09-30", "2029-01-30" },
  /* 7 months 27 days ending in February: CAPE and trial within 8 months of the CAPE's
   * start, not 3 days past them */
  { "2025-03-01", "2024-07-02", "2025-02-28", "2025-03-01", "2027-07-01" },
  { "2026-03-13", "2025-03-15", "2026-03-12", "", "2028-03-14" },
  /* a month between the CAPE and the contract moves the end as much */
  { "2026-06-01", "2026-02-01", "2026-04-30", "2026-10-31", "2029-02-28" },
  /* 8 months of CAPE: no trial left; 36 months: no time left to become associate */
  { "2026-09-15", "2026-01-15", "2026-09-14", "", "2029-01-14" },
  { "2029-01-15", "2026-01-15", "2029-01-14", "", "2029-01-15" },
  /* a single day, the last of February: 8 months from it end on 27/10 */
  { "2025-03-01", "2025-02-28", "2025-02-28", "2025-10-27", "2028-02-27" },
  { "2024-02-29", NULL, NULL, "2024-10-28", "2027-02-28" },
  { "2025-03-01", NULL, NULL, "2025-10-31", "2028-02-29" },
};

static void
test_contract_dates (void)
{
  guint k;

  for (k = 0; k < G_N_ELEMENTS (contract_dates_cases); k++)
    {
      const ContractDatesCase *c = &contract_dates_cases[k];
      GDate contract = date_of (c->contract);
      GDate first, last, trial, deadline;

      if (c->cape_first != NULL)
        {
          first = date_of (c->cape_first);
          last = date_of (c->cape_last);
        }
      trial = es_pipeline_trial_end (&contract, c->cape_first != NULL ? &first : NULL,
                                     c->cape_first != NULL ? &last : NULL);
      deadline = es_pipeline_associate_deadline (&contract, c->cape_first != NULL ? &first : NULL,
                                                 c->cape_first != NULL ? &last : NULL);
      assert_date (&trial, c->trial_end, "trial_end");
      assert_date (&deadline, c->associate_deadline, "associate_deadline");
    }
}

static const struct
{
  const char *first;
  const char *last;
  int months;
  int days;
} cape_duration_cases[] = {
  { "2026-02-01", "2026-07-31", 6, 0 },   { "2025-03-01", "2025-08-31", 6, 0 },
  { "2026-02-15", "2026-05-20", 3, 6 },   { "2026-01-31", "2026-04-30", 3, 0 },
  { "2026-01-31", "2026-02-28", 1, 0 },   { "2025-02-28", "2025-02-28", 0, 1 },
  { "2024-02-29", "2025-02-27", 11, 30 }, { "2024-02-29", "2025-02-28", 12, 0 },
  { "2026-03-10", "2026-03-01", 0, 0 },
};

static void
test_cape_duration (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (cape_duration_cases); k++)
    {
      GDate first = date_of (cape_duration_cases[k].first);
      GDate last = date_of (cape_duration_cases[k].last);
      int months = -1, days = -1;

      es_pipeline_cape_duration (&first, &last, &months, &days);
      g_test_message ("%s → %s", cape_duration_cases[k].first, cape_duration_cases[k].last);
      g_assert_cmpint (months, ==, cape_duration_cases[k].months);
      g_assert_cmpint (days, ==, cape_duration_cases[k].days);
    }
}

static void
test_stage_codes (void)
{
  EsStage stage;
  guint k;

  for (k = 0; k < ES_STAGE_N_STAGES; k++)
    {
      g_assert_true (es_stage_from_code (es_stage_to_code (k), &stage));
      g_assert_cmpint (stage, ==, k);
      g_assert_cmpstr (es_stage_label (k), !=, "");
    }
  g_assert_false (es_stage_from_code ("nowhere", &stage));
  g_assert_false (es_stage_from_code (NULL, &stage));
  g_assert_cmpstr (es_stage_label (ES_STAGE_RECEPTION), ==, "Reception & diagnostic");
}

typedef struct
{
  const char *events[6];
  EsEventKind next[ES_EVENT_N_KINDS];
  guint n_next;
  int forward; /* -1: none */
} NextCase;

static const NextCase next_cases[] = {
  { { NULL }, { ES_EVENT_INFO_MEETING, ES_EVENT_DIAGNOSTIC }, 2, ES_EVENT_CAPE_SIGNED },
  { { "2026-01-12 " ADMITTED },
    { ES_EVENT_INFO_MEETING, ES_EVENT_DIAGNOSTIC, ES_EVENT_CAPE_SIGNED, ES_EVENT_CONTRACT_SIGNED,
      ES_EVENT_EXIT },
    5,
    ES_EVENT_CAPE_SIGNED },
  { { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}" },
    { ES_EVENT_CAPE_RENEWED, ES_EVENT_CAPE_ENDED, ES_EVENT_CONTRACT_SIGNED, ES_EVENT_EXIT },
    4,
    ES_EVENT_CONTRACT_SIGNED },
  { { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}",
      "2026-03-01 cape_ended" },
    { ES_EVENT_CONTRACT_SIGNED, ES_EVENT_EXIT },
    2,
    ES_EVENT_CONTRACT_SIGNED },
  { { "2026-01-12 " ADMITTED, "2026-01-15 contract_signed " CONTRACT_DATA },
    { ES_EVENT_AMENDMENT, ES_EVENT_ASSOCIATE, ES_EVENT_EXIT },
    3,
    ES_EVENT_ASSOCIATE },
  { { "2026-01-12 " ADMITTED, "2026-01-15 contract_signed " CONTRACT_DATA,
      "2026-06-01 associate " SHARES },
    { ES_EVENT_AMENDMENT, ES_EVENT_EXIT },
    2,
    -1 },
  { { "2026-01-12 diagnostic {'admitted':false}" }, { ES_EVENT_INFO_MEETING }, 1, -1 },
};

static void
test_next_kinds (void)
{
  guint k;

  for (k = 0; k < G_N_ELEMENTS (next_cases); k++)
    {
      const NextCase *c = &next_cases[k];
      guint n_events = 0;
      g_autoptr (GPtrArray) events = NULL;
      EsEventKind out[ES_EVENT_N_KINDS];
      EsEventKind forward;
      EsPipelineState state;
      guint n, i;

      while (n_events < G_N_ELEMENTS (c->events) && c->events[n_events] != NULL)
        n_events++;
      events = parse_history (c->events, n_events);
      g_assert_true (es_pipeline_derive (events, &state, NULL));
      n = es_pipeline_next_kinds (&state, out);
      g_assert_cmpuint (n, ==, c->n_next);
      for (i = 0; i < n; i++)
        g_assert_cmpint (out[i], ==, c->next[i]);
      if (c->forward < 0)
        g_assert_false (es_pipeline_forward_kind (&state, &forward));
      else
        {
          g_assert_true (es_pipeline_forward_kind (&state, &forward));
          g_assert_cmpint (forward, ==, c->forward);
        }
    }
}

/* ---------------------------------------------------------------------------------------
 * Deadlines
 * ------------------------------------------------------------------------------------- */

static void
contract_state (EsPipelineState *state, const char *contract)
{
  const char *specs[] = { "2025-01-12 " ADMITTED, NULL };
  g_autofree char *spec = g_strdup_printf ("%s contract_signed " CONTRACT_DATA, contract);
  g_autoptr (GPtrArray) events = NULL;

  specs[1] = spec;
  events = parse_history (specs, 2);
  g_assert_true (es_pipeline_derive (events, state, NULL));
}

static const EsDeadline *
find_deadline (GArray *deadlines, EsDeadlineKind kind)
{
  guint k;

  for (k = 0; k < deadlines->len; k++)
    if (g_array_index (deadlines, EsDeadline, k).kind == kind)
      return &g_array_index (deadlines, EsDeadline, k);
  return NULL;
}

typedef struct
{
  const char *interviews[4];
  const char *due;
} InterviewCase;

static const InterviewCase interview_cases[] = {
  { { NULL }, "2027-01-15" },
  { { "2026-03-01" }, "2027-01-15" },
  { { "2026-09-01", "2026-03-01" }, "2027-03-01" },
  { { "2026-03-01", "2027-02-01", "2026-09-01" }, "2027-09-01" },
  { { "2025-10-01", "2025-12-01" }, "2027-01-15" },
};

static void
test_interview_deadline (void)
{
  EsPipelineState state;
  GDate today = date_of ("2026-06-01");
  guint k;

  contract_state (&state, "2026-01-15");
  for (k = 0; k < G_N_ELEMENTS (interview_cases); k++)
    {
      const InterviewCase *c = &interview_cases[k];
      g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (EsDeadline));
      GDate dates[4];
      EsDeadlineFacts facts = { 0 };
      const EsDeadline *d;
      guint n = 0;

      while (n < G_N_ELEMENTS (c->interviews) && c->interviews[n] != NULL)
        {
          dates[n] = date_of (c->interviews[n]);
          n++;
        }
      facts.member_id = 7;
      g_date_clear (&facts.permit_end, 1);
      g_date_clear (&facts.benefits_end, 1);
      facts.interviews = dates;
      facts.n_interviews = n;
      es_pipeline_deadlines (&state, &facts, &today, out);
      d = find_deadline (out, ES_DEADLINE_INTERVIEWS);
      g_assert_nonnull (d);
      g_assert_cmpint (d->member_id, ==, 7);
      assert_date (&d->date, c->due, "interviews due");
    }
}

static void
test_deadlines_by_stage (void)
{
  const char *cape[]
      = { "2026-01-12 " ADMITTED, "2026-02-01 cape_signed {'end_date':'2026-07-31'}" };
  const char *exited[] = { "2026-01-12 " ADMITTED, "2026-02-01 exit {'exit_reason':'other'}" };
  g_autoptr (GPtrArray) cape_events = parse_history (cape, 2);
  g_autoptr (GPtrArray) exited_events = parse_history (exited, 2);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (EsDeadline));
  EsDeadlineFacts facts = { 0 };
  EsPipelineState state;
  GDate today = date_of ("2026-07-01");
  const EsDeadline *d;

  facts.member_id = 3;
  facts.permit_end = date_of ("2026-12-31");
  facts.benefits_end = date_of ("2026-06-30");

  /* CAPE: its end, the permit and the benefits. */
  g_assert_true (es_pipeline_derive (cape_events, &state, NULL));
  es_pipeline_deadlines (&state, &facts, &today, out);
  g_assert_cmpuint (out->len, ==, 3);
  d = find_deadline (out, ES_DEADLINE_CAPE_END);
  g_assert_nonnull (d);
  assert_date (&d->date, "2026-07-31", "cape end");
  g_assert_cmpint (d->days_left, ==, 30);
  g_assert_cmpint (d->urgency, ==, ES_URGENCY_SOON);
  d = find_deadline (out, ES_DEADLINE_BENEFITS);
  g_assert_nonnull (d);
  g_assert_cmpint (d->days_left, ==, -1);
  g_assert_cmpint (d->urgency, ==, ES_URGENCY_OVERDUE);
  d = find_deadline (out, ES_DEADLINE_PERMIT);
  g_assert_nonnull (d);
  g_assert_cmpint (d->urgency, ==, ES_URGENCY_LATER);

  /* A CAPE past its planned end is overdue. */
  g_array_set_size (out, 0);
  today = date_of ("2026-08-03");
  es_pipeline_deadlines (&state, &facts, &today, out);
  d = find_deadline (out, ES_DEADLINE_CAPE_END);
  g_assert_nonnull (d);
  g_assert_cmpint (d->days_left, ==, -3);
  g_assert_cmpint (d->urgency, ==, ES_URGENCY_OVERDUE);

  /* Contract: trial (until it has passed), associate, interviews, permit; no benefits. */
  contract_state (&state, "2026-01-15");
  g_array_set_size (out, 0);
  today = date_of ("2026-07-01");
  es_pipeline_deadlines (&state, &facts, &today, out);
  g_assert_cmpuint (out->len, ==, 4);
  d = find_deadline (out, ES_DEADLINE_TRIAL_END);
  g_assert_nonnull (d);
  assert_date (&d->date, "2026-09-14", "trial end");
  g_assert_cmpint (d->urgency, ==, ES_URGENCY_NEAR);
  g_assert_nonnull (find_deadline (out, ES_DEADLINE_ASSOCIATE));
  g_assert_nonnull (find_deadline (out, ES_DEADLINE_INTERVIEWS));
  g_assert_null (find_deadline (out, ES_DEADLINE_BENEFITS));

  g_array_set_size (out, 0);
  today = date_of ("2026-09-14"); /* the last day of the trial still shows */
  es_pipeline_deadlines (&state, &facts, &today, out);
  g_assert_nonnull (find_deadline (out, ES_DEADLINE_TRIAL_END));
  g_array_set_size (out, 0);
  today = date_of ("2026-09-15");
  es_pipeline_deadlines (&state, &facts, &today, out);
  g_assert_null (find_deadline (out, ES_DEADLINE_TRIAL_END));
  g_assert_cmpuint (out->len, ==, 3);

  /* Exited: nothing. */
  g_assert_true (es_pipeline_derive (exited_events, &state, NULL));
  g_array_set_size (out, 0);
  es_pipeline_deadlines (&state, &facts, &today, out);
  g_assert_cmpuint (out->len, ==, 0);
}

typedef struct
{
  int days;
  EsUrgency urgency;
  const char *words;
} UrgencyCase;

static const UrgencyCase urgency_cases[] = {
  { -400, ES_URGENCY_OVERDUE, "13 months overdue" },
  { -91, ES_URGENCY_OVERDUE, "3 months overdue" },
  { -90, ES_URGENCY_OVERDUE, "90 days overdue" },
  { -3, ES_URGENCY_OVERDUE, "3 days overdue" },
  { -1, ES_URGENCY_OVERDUE, "1 day overdue" },
  { 0, ES_URGENCY_SOON, "today" },
  { 1, ES_URGENCY_SOON, "in 1 day" },
  { 30, ES_URGENCY_SOON, "in 30 days" },
  { 31, ES_URGENCY_NEAR, "in 31 days" },
  { 90, ES_URGENCY_NEAR, "in 90 days" },
  { 91, ES_URGENCY_LATER, "in 3 months" },
  { 105, ES_URGENCY_LATER, "in 3 months" },  /* 3 months 13 days */
  { 107, ES_URGENCY_LATER, "in 4 months" },  /* 3 months 15 days */
  { 365, ES_URGENCY_LATER, "in 12 months" }, /* 2027-06-01 */
  { 675, ES_URGENCY_LATER, "in 22 months" }, /* 2028-04-06 */
};

static void
test_urgency (void)
{
  GDate today = date_of ("2026-06-01");
  guint k;

  for (k = 0; k < G_N_ELEMENTS (urgency_cases); k++)
    {
      const UrgencyCase *c = &urgency_cases[k];
      g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (EsDeadline));
      EsDeadlineFacts facts = { 0 };
      EsPipelineState state;
      const EsDeadline *d;
      g_autofree char *words = NULL;

      es_pipeline_state_init (&state);
      facts.permit_end = es_date_add_days (&today, c->days);
      g_date_clear (&facts.benefits_end, 1);
      es_pipeline_deadlines (&state, &facts, &today, out);
      g_assert_cmpuint (out->len, ==, 1);
      d = &g_array_index (out, EsDeadline, 0);
      g_assert_cmpint (d->kind, ==, ES_DEADLINE_PERMIT);
      g_assert_cmpint (d->days_left, ==, c->days);
      g_assert_cmpint (d->urgency, ==, c->urgency);
      words = es_deadline_describe_delay (d);
      g_assert_cmpstr (words, ==, c->words);
    }
}

static void
test_deadlines_sort (void)
{
  static const struct
  {
    gint64 member_id;
    EsDeadlineKind kind;
    const char *date;
  } input[] = {
    { 2, ES_DEADLINE_PERMIT, "2026-09-01" },     { 1, ES_DEADLINE_ASSOCIATE, "2027-01-01" },
    { 3, ES_DEADLINE_CAPE_END, "2026-05-01" },   { 1, ES_DEADLINE_TRIAL_END, "2026-09-01" },
    { 1, ES_DEADLINE_INTERVIEWS, "2026-09-01" }, { 2, ES_DEADLINE_CAPE_END, "2026-09-01" },
  };
  static const guint expected[] = { 2, 3, 4, 5, 0, 1 };
  g_autoptr (GArray) deadlines = g_array_new (FALSE, FALSE, sizeof (EsDeadline));
  GDate today = date_of ("2026-06-01");
  guint k;

  for (k = 0; k < G_N_ELEMENTS (input); k++)
    {
      EsDeadline d = { 0 };

      d.member_id = input[k].member_id;
      d.kind = input[k].kind;
      d.date = date_of (input[k].date);
      d.days_left = es_date_days_between (&today, &d.date);
      g_array_append_val (deadlines, d);
    }
  es_deadlines_sort (deadlines);
  for (k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      const EsDeadline *d = &g_array_index (deadlines, EsDeadline, k);

      g_assert_cmpint (d->member_id, ==, input[expected[k]].member_id);
      g_assert_cmpint (d->kind, ==, input[expected[k]].kind);
    }
  g_assert_cmpint (g_array_index (deadlines, EsDeadline, 0).days_left, <, 0);
}

static void
test_deadline_labels (void)
{
  guint k;

  for (k = 0; k < ES_DEADLINE_N_KINDS; k++)
    g_assert_cmpstr (es_deadline_kind_label (k), !=, "");
  g_assert_cmpstr (es_deadline_kind_label (ES_DEADLINE_INTERVIEWS), ==, "Interviews due");
}

int
main (int argc, char *argv[])
{
  guint k;

  g_test_init (&argc, &argv, NULL);

  for (k = 0; k < G_N_ELEMENTS (pipeline_cases); k++)
    {
      g_autofree char *path = g_strdup_printf ("/pipeline/derive/%s", pipeline_cases[k].name);
      g_test_add_data_func (path, &pipeline_cases[k], test_pipeline_case);
    }
  g_test_add_func ("/pipeline/amendment-terms", test_amendment_terms);
  g_test_add_func ("/pipeline/error-messages", test_error_messages);
  g_test_add_func ("/pipeline/effective", test_effective);
  g_test_add_func ("/pipeline/effective-same-day", test_effective_same_day);
  g_test_add_func ("/pipeline/period-end", test_period_end);
  g_test_add_func ("/pipeline/contract-dates", test_contract_dates);
  g_test_add_func ("/pipeline/cape-duration", test_cape_duration);
  g_test_add_func ("/pipeline/new-event", test_new_event);
  g_test_add_func ("/pipeline/exit-reasons", test_exit_reasons);
  g_test_add_func ("/pipeline/after-birth", test_after_birth);
  g_test_add_func ("/pipeline/after-cape-deadline", test_after_cape_deadline);
  g_test_add_func ("/pipeline/stage-codes", test_stage_codes);
  g_test_add_func ("/pipeline/next-kinds", test_next_kinds);
  g_test_add_func ("/pipeline/deadlines/interviews", test_interview_deadline);
  g_test_add_func ("/pipeline/deadlines/by-stage", test_deadlines_by_stage);
  g_test_add_func ("/pipeline/deadlines/urgency", test_urgency);
  g_test_add_func ("/pipeline/deadlines/sort", test_deadlines_sort);
  g_test_add_func ("/pipeline/deadlines/labels", test_deadline_labels);
  return g_test_run ();
}
