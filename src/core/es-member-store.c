/* es-member-store.c — SQL for members, career events, interviews and staff. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "es-date.h"
#include "es-member-store.h"
#include "es-member-view.h"
#include "es-pipeline.h"
#include "es-validate.h"

#define MEMBER_COLUMNS                                                                             \
  "m.id, m.civility, m.first_name, m.last_name, m.birth_date, m.birth_place, m.nationality, "      \
  "m.nir, m.street, m.postal_code, m.city, m.phone, m.email, m.permit_end, m.entry_status, "       \
  "m.benefits_end, m.trade_name, m.activity, m.naf_code, m.counselor_id, s.name, "                 \
  "m.contribution_ppm, m.sort_key"
#define N_MEMBER_COLUMNS 23

/* Helpers */

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return g_strdup (text ? (const char *)text : "");
}

static char *
column_dup_or_null (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return text ? g_strdup ((const char *)text) : NULL;
}

static void
column_date (sqlite3_stmt *stmt, int column, GDate *out)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  g_date_clear (out, 1);
  if (text != NULL)
    es_date_parse_iso ((const char *)text, out);
}

static void
bind_date (sqlite3_stmt *stmt, int index, const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    sqlite3_bind_null (stmt, index);
  else
    {
      char *iso = es_date_to_iso (date);
      sqlite3_bind_text (stmt, index, iso, -1, g_free);
    }
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

static void
bind_id_or_null (sqlite3_stmt *stmt, int index, gint64 id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static EsMember *
member_from_row (sqlite3_stmt *stmt)
{
  EsMember *m = es_member_new_unfilled ();
  const unsigned char *nir;

#define TAKE(field, col) m->field = column_dup (stmt, col)

  m->id = sqlite3_column_int64 (stmt, 0);
  TAKE (civility, 1);
  TAKE (first_name, 2);
  TAKE (last_name, 3);
  column_date (stmt, 4, &m->birth_date);
  TAKE (birth_place, 5);
  TAKE (nationality, 6);
  nir = sqlite3_column_text (stmt, 7);
  m->nir = nir ? g_strdup ((const char *)nir) : NULL;
  TAKE (street, 8);
  TAKE (postal_code, 9);
  TAKE (city, 10);
  TAKE (phone, 11);
  TAKE (email, 12);
  column_date (stmt, 13, &m->permit_end);
  if (!es_entry_status_from_code ((const char *)sqlite3_column_text (stmt, 14), &m->entry_status))
    m->entry_status = ES_ENTRY_OTHER;
  column_date (stmt, 15, &m->benefits_end);
  TAKE (trade_name, 16);
  TAKE (activity, 17);
  TAKE (naf_code, 18);
  m->counselor_id = sqlite3_column_int64 (stmt, 19);
  m->counselor_name = column_dup (stmt, 20);
  m->contribution_ppm
      = sqlite3_column_type (stmt, 21) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 21);
#undef TAKE
  /* None from a program that wrote the row without it: made when asked for. */
  m->sort_key = column_dup_or_null (stmt, 22);
  if (m->sort_key != NULL && m->sort_key[0] == '\0')
    g_clear_pointer (&m->sort_key, g_free);
  return m;
}

/* What the rules read of an event, in the order of rule_event_from_row: no text. */
#define EVENT_RULE_COLUMNS                                                                         \
  "id, member_id, kind, date, corrects_id, admitted, end_date, hours_milli, fixed_gross_cents, "   \
  "contribution_ppm, shares_subscribed, shares_paid_cents, exit_reason"

/* All of it: the same, then its text (event_from_row). */
#define EVENT_COLUMNS EVENT_RULE_COLUMNS ", created_at, author, reason, note"

static gint64
column_int_or (sqlite3_stmt *stmt, int column, gint64 fallback)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? fallback
                                                           : sqlite3_column_int64 (stmt, column);
}

/* An event as the rules see it (EVENT_RULE_COLUMNS): its text fields stay NULL. */
static void
rule_event_from_row (sqlite3_stmt *stmt, EsCareerEvent *event)
{
  const char *exit_code;

  memset (event, 0, sizeof *event);
  event->kind = ES_EVENT_INFO_MEETING;
  event->exit_reason = ES_EXIT_OTHER;
  event->id = sqlite3_column_int64 (stmt, 0);
  event->member_id = sqlite3_column_int64 (stmt, 1);
  es_event_kind_from_code ((const char *)sqlite3_column_text (stmt, 2), &event->kind);
  column_date (stmt, 3, &event->date);
  event->corrects_id = sqlite3_column_int64 (stmt, 4);
  event->admitted = sqlite3_column_int (stmt, 5) != 0;
  column_date (stmt, 6, &event->end_date);
  event->hours_milli = column_int_or (stmt, 7, -1);
  event->fixed_gross_cents = column_int_or (stmt, 8, -1);
  event->contribution_ppm = column_int_or (stmt, 9, -1);
  event->shares_subscribed = column_int_or (stmt, 10, 0);
  event->shares_paid_cents = column_int_or (stmt, 11, 0);
  exit_code = (const char *)sqlite3_column_text (stmt, 12);
  if (exit_code != NULL)
    es_exit_reason_from_code (exit_code, &event->exit_reason);
}

/* An event with all of its fields (EVENT_COLUMNS). */
static EsCareerEvent *
event_from_row (sqlite3_stmt *stmt)
{
  EsCareerEvent *event = g_new (EsCareerEvent, 1);

  rule_event_from_row (stmt, event);
  event->created_at = column_dup (stmt, 13);
  event->author = column_dup (stmt, 14);
  event->reason = column_dup_or_null (stmt, 15);
  event->note = column_dup_or_null (stmt, 16);
  return event;
}

/* Sets a member's state and its nearest deadline at today; adds all its deadlines to
 * all_deadlines if given. interviews: the dates of its interviews, at least the latest
 * two (the interview deadline needs no more). */
static void
finish_member (EsMember *member, const EsPipelineState *state, const GDate *interviews,
               guint n_interviews, const GDate *today, GArray *all_deadlines)
{
  EsDeadlineFacts facts = { 0 };
  g_autoptr (GArray) deadlines = g_array_new (FALSE, FALSE, sizeof (EsDeadline));

  facts.member_id = member->id;
  facts.permit_end = member->permit_end;
  facts.benefits_end = member->benefits_end;
  facts.interviews = interviews;
  facts.n_interviews = n_interviews;
  es_pipeline_deadlines (state, &facts, today, deadlines);
  es_deadlines_sort (deadlines);

  es_member_set_derived (member, state,
                         deadlines->len > 0 ? &g_array_index (deadlines, EsDeadline, 0) : NULL);
  if (all_deadlines != NULL && deadlines->len > 0)
    g_array_append_vals (all_deadlines, deadlines->data, deadlines->len);
}

static int
compare_event_dates (gconstpointer a, gconstpointer b)
{
  const EsCareerEvent *x = *(EsCareerEvent *const *)a;
  const EsCareerEvent *y = *(EsCareerEvent *const *)b;
  int c = es_date_compare (&x->date, &y->date);

  if (c != 0)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The career events of one member, by date and record order. */
static GPtrArray *
load_member_events (EsDb *db, gint64 id, GError **error)
{
  GPtrArray *events = es_member_store_events (db, id, error);

  if (events != NULL)
    g_ptr_array_sort (events, compare_event_dates);
  return events;
}

/* The dates of a member's two latest interviews, latest first; returns how many. */
static gboolean
load_latest_interviews (EsDb *db, gint64 id, GDate out[2], guint *n_out, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *n_out = 0;
  stmt = es_db_prepare (
      db, "SELECT date FROM interview WHERE member_id = ? ORDER BY date DESC LIMIT 2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = es_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      column_date (stmt, 0, &out[*n_out]);
      if (g_date_valid (&out[*n_out]))
        (*n_out)++;
    }
  sqlite3_reset (stmt);
  return rc >= 0;
}

/* Every member's career events, for the rules only, grouped by member. */
typedef struct
{
  GArray *events;            /* EsCareerEvent, in the table's order */
  EsCareerEvent **by_member; /* pointers into events: member by member, by date and id */
  guint *start;              /* by member index: where its events begin in by_member; n + 1 */
} EventGroups;

static void
event_groups_clear (EventGroups *groups)
{
  g_clear_pointer (&groups->events, g_array_unref);
  g_clear_pointer (&groups->by_member, g_free);
  g_clear_pointer (&groups->start, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EventGroups, event_groups_clear)

static int
compare_member_ids (const void *key, const void *member)
{
  gint64 id = *(const gint64 *)key;
  gint64 other = (*(EsMember *const *)member)->id;

  return id < other ? -1 : id > other;
}

static gboolean
event_before (const EsCareerEvent *a, const EsCareerEvent *b)
{
  int c = es_date_compare (&a->date, &b->date);

  return c < 0 || (c == 0 && a->id < b->id);
}

/* Reads the events of all members in the table's own order and keeps those of the members
 * given (sorted by id), then groups them by member in two passes and sorts each member's
 * few events by insertion: going through the member index would look up every row in the
 * table on its own, three times slower, and one sort of all of them costs more than both
 * passes. */
static gboolean
load_event_groups (EsDb *db, GPtrArray *members, EventGroups *groups, GError **error)
{
  g_autofree guint *owner = NULL;
  g_autofree guint *fill = NULL;
  sqlite3_stmt *stmt;
  guint n_members = members->len;
  int rc;

  groups->events = g_array_new (FALSE, FALSE, sizeof (EsCareerEvent));
  groups->start = g_new0 (guint, n_members + 1);
  stmt = es_db_prepare (db, "SELECT " EVENT_RULE_COLUMNS " FROM career_event", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = es_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      g_array_set_size (groups->events, groups->events->len + 1);
      rule_event_from_row (stmt,
                           &g_array_index (groups->events, EsCareerEvent, groups->events->len - 1));
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  /* Whose each event is (G_MAXUINT: nobody's here), and how many each member has. */
  owner = g_new (guint, groups->events->len);
  for (guint e = 0; e < groups->events->len; e++)
    {
      EsCareerEvent *event = &g_array_index (groups->events, EsCareerEvent, e);
      EsMember **found = bsearch (&event->member_id, members->pdata, n_members, sizeof (gpointer),
                                  compare_member_ids);

      owner[e] = found != NULL ? (guint)(found - (EsMember **)members->pdata) : G_MAXUINT;
      if (found != NULL)
        groups->start[owner[e] + 1]++;
    }
  for (guint m = 0; m < n_members; m++)
    groups->start[m + 1] += groups->start[m];

  groups->by_member = g_new (EsCareerEvent *, groups->start[n_members] + 1);
  fill = g_memdup2 (groups->start, sizeof (guint) * n_members);
  for (guint e = 0; e < groups->events->len; e++)
    if (owner[e] != G_MAXUINT)
      groups->by_member[fill[owner[e]]++] = &g_array_index (groups->events, EsCareerEvent, e);

  for (guint m = 0; m < n_members; m++)
    for (guint i = groups->start[m] + 1; i < groups->start[m + 1]; i++)
      {
        EsCareerEvent *event = groups->by_member[i];
        guint j = i;

        for (; j > groups->start[m] && event_before (event, groups->by_member[j - 1]); j--)
          groups->by_member[j] = groups->by_member[j - 1];
        groups->by_member[j] = event;
      }
  return TRUE;
}

/* Kept states (member_state) */

/* The columns of member_state that state_from_row() reads, in its order. */
#define STATE_COLUMNS "ps.member_id, ps.stage, ps.exit_reason, ps.state"

/* The rest of a state, packed into member_state.state: reading 25 columns of 12,000 rows
 * costs SQLite more than the rows themselves. Little-endian, in this order: a byte of
 * flags, the CAPE's renewals and days (int32), ten dates as Julian day numbers (uint32,
 * 0 for none), then five int64 amounts. Another packing needs another rules version. */
enum
{
  PACKED_HAS_EVENTS = 1 << 0,
  PACKED_DIAGNOSTIC_DONE = 1 << 1,
  PACKED_ADMITTED = 1 << 2,
  PACKED_CAPE_ENDED = 1 << 3,
};

#define PACKED_N_DATES 10
#define PACKED_N_AMOUNTS 5
#define PACKED_SIZE (1 + 2 * 4 + PACKED_N_DATES * 4 + PACKED_N_AMOUNTS * 8)

static guint8 *
pack_u32 (guint8 *at, guint32 value)
{
  value = GUINT32_TO_LE (value);
  memcpy (at, &value, sizeof value);
  return at + sizeof value;
}

static guint8 *
pack_i64 (guint8 *at, gint64 value)
{
  guint64 le = GUINT64_TO_LE ((guint64)value);

  memcpy (at, &le, sizeof le);
  return at + sizeof le;
}

static const guint8 *
unpack_u32 (const guint8 *at, guint32 *value)
{
  memcpy (value, at, sizeof *value);
  *value = GUINT32_FROM_LE (*value);
  return at + sizeof *value;
}

static const guint8 *
unpack_i64 (const guint8 *at, gint64 *value)
{
  guint64 le;

  memcpy (&le, at, sizeof le);
  *value = (gint64)GUINT64_FROM_LE (le);
  return at + sizeof le;
}

static guint32
date_julian (const GDate *date)
{
  return date != NULL && g_date_valid (date) ? g_date_get_julian (date) : 0;
}

static void
julian_date (guint32 day, GDate *out)
{
  g_date_clear (out, 1);
  if (day > 0 && g_date_valid_julian (day))
    g_date_set_julian (out, day);
}

/* The state's dates in their packed order, then its amounts. */
static void
state_fields (EsPipelineState *s, GDate *interviews, GDate *dates[PACKED_N_DATES],
              gint64 *amounts[PACKED_N_AMOUNTS])
{
  GDate *d[PACKED_N_DATES] = {
    &s->stage_since,        &s->cape_start,     &s->cape_end,  &s->contract_date, &s->trial_end,
    &s->associate_deadline, &s->associate_date, &s->exit_date, &interviews[0],    &interviews[1],
  };
  gint64 *a[PACKED_N_AMOUNTS] = {
    &s->hours_milli,       &s->fixed_gross_cents, &s->contribution_ppm,
    &s->shares_subscribed, &s->shares_paid_cents,
  };

  memcpy (dates, d, sizeof d);
  memcpy (amounts, a, sizeof a);
}

/* Packs the rest of s and the dates of its latest interviews (NULL for none). */
static void
pack_state (const EsPipelineState *s, const GDate *last, const GDate *before_last,
            guint8 packed[PACKED_SIZE])
{
  EsPipelineState copy = *s; /* state_fields() points into the state it is given */
  GDate latest[2];
  GDate *dates[PACKED_N_DATES];
  gint64 *amounts[PACKED_N_AMOUNTS];
  guint8 *at = packed;

  g_date_clear (latest, 2);
  if (last != NULL)
    latest[0] = *last;
  if (before_last != NULL)
    latest[1] = *before_last;
  *at++ = (s->has_events ? PACKED_HAS_EVENTS : 0)
          | (s->diagnostic_done ? PACKED_DIAGNOSTIC_DONE : 0) | (s->admitted ? PACKED_ADMITTED : 0)
          | (s->cape_ended ? PACKED_CAPE_ENDED : 0);
  at = pack_u32 (at, (guint32)s->cape_renewals);
  at = pack_u32 (at, (guint32)s->cape_days);
  state_fields (&copy, latest, dates, amounts);
  for (guint k = 0; k < PACKED_N_DATES; k++)
    at = pack_u32 (at, date_julian (dates[k]));
  for (guint k = 0; k < PACKED_N_AMOUNTS; k++)
    at = pack_i64 (at, *amounts[k]);
  g_assert (at == packed + PACKED_SIZE);
}

/* A kept state from STATE_COLUMNS starting at column col, with the dates of the latest
 * interviews; FALSE if there is none, or none this program can trust. */
static gboolean
state_from_row (sqlite3_stmt *stmt, int col, EsPipelineState *s, GDate interviews[2],
                guint *n_interviews)
{
  gint64 stage, exit_reason;
  const guint8 *at;
  guint8 flags;
  guint32 value;
  GDate *dates[PACKED_N_DATES];
  gint64 *amounts[PACKED_N_AMOUNTS];

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return FALSE;
  stage = sqlite3_column_int64 (stmt, col + 1);
  exit_reason = sqlite3_column_int64 (stmt, col + 2);
  at = sqlite3_column_blob (stmt, col + 3);
  if (stage < 0 || stage >= ES_STAGE_N_STAGES || exit_reason < 0 || exit_reason >= ES_EXIT_N_REASONS
      || at == NULL || sqlite3_column_bytes (stmt, col + 3) != PACKED_SIZE)
    return FALSE;

  es_pipeline_state_init (s);
  s->stage = (EsStage)stage;
  s->exit_reason = (EsExitReason)exit_reason;
  flags = *at++;
  s->has_events = (flags & PACKED_HAS_EVENTS) != 0;
  s->diagnostic_done = (flags & PACKED_DIAGNOSTIC_DONE) != 0;
  s->admitted = (flags & PACKED_ADMITTED) != 0;
  s->cape_ended = (flags & PACKED_CAPE_ENDED) != 0;
  at = unpack_u32 (at, &value);
  s->cape_renewals = (gint32)value;
  at = unpack_u32 (at, &value);
  s->cape_days = (gint32)value;
  state_fields (s, interviews, dates, amounts);
  for (guint k = 0; k < PACKED_N_DATES; k++)
    {
      at = unpack_u32 (at, &value);
      julian_date (value, dates[k]);
    }
  for (guint k = 0; k < PACKED_N_AMOUNTS; k++)
    at = unpack_i64 (at, amounts[k]);

  /* The latest interview first, then the one before it, each only if there is one. */
  *n_interviews = 0;
  for (guint k = 0; k < 2; k++)
    if (g_date_valid (&interviews[k]))
      interviews[(*n_interviews)++] = interviews[k];
  return TRUE;
}

/* Keeps a member's state, and the latest of its interviews (any order). */
static gboolean
save_state (EsDb *db, gint64 member_id, const EsPipelineState *s, const GDate *interviews,
            guint n_interviews, GError **error)
{
  const GDate *last = NULL, *before_last = NULL;
  guint8 packed[PACKED_SIZE];
  sqlite3_stmt *stmt;
  int rc;

  for (guint k = 0; k < n_interviews; k++)
    {
      const GDate *d = &interviews[k];

      if (!g_date_valid (d))
        continue;
      if (last == NULL || es_date_compare (d, last) > 0)
        {
          before_last = last;
          last = d;
        }
      else if (before_last == NULL || es_date_compare (d, before_last) > 0)
        before_last = d;
    }

  pack_state (s, last, before_last, packed);

  stmt
      = es_db_prepare (db,
                       "INSERT OR REPLACE INTO member_state (member_id, rules, stage, exit_reason, "
                       "state) VALUES (?1, ?2, ?3, ?4, ?5)",
                       error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int (stmt, 2, ES_PIPELINE_RULES_VERSION);
  sqlite3_bind_int (stmt, 3, (int)s->stage);
  sqlite3_bind_int (stmt, 4, (int)s->exit_reason);
  sqlite3_bind_blob (stmt, 5, packed, PACKED_SIZE, SQLITE_STATIC);
  rc = es_db_step (db, stmt, error);
  sqlite3_reset (stmt);
  return rc >= 0;
}

/* Derives one member's state from its history and keeps it: called by every write to the
 * history, in its transaction, after the triggers dropped the old state. */
static gboolean
refresh_state (EsDb *db, gint64 member_id, GError **error)
{
  g_autoptr (GPtrArray) events = load_member_events (db, member_id, error);
  EsPipelineState state;
  GDate interviews[2];
  guint n_interviews;

  if (events == NULL || !load_latest_interviews (db, member_id, interviews, &n_interviews, error))
    return FALSE;
  /* A stored history was checked when each event was added. */
  es_pipeline_derive (events, &state, NULL);
  return save_state (db, member_id, &state, interviews, n_interviews, error);
}

/* Deriving from the history */

/* Above this many members to derive, one scan of all events and interviews costs less
 * than looking up each member's. */
#define MAX_LOOKUPS 64

/* Keeps the states of the members given (sorted by id) as derived; as a cache, quietly
 * gives up if the database is busy or cannot be written. */
static void
keep_states (EsDb *db, GPtrArray *members, GArray *latest)
{
  g_autoptr (GError) error = NULL;

  if (!es_db_begin (db, &error))
    {
      g_debug ("Member states not kept: %s", error->message);
      return;
    }
  for (guint i = 0; i < members->len; i++)
    {
      EsMember *member = g_ptr_array_index (members, i);

      if (!save_state (db, member->id, &member->state, &g_array_index (latest, GDate, 2 * i), 2,
                       &error))
        {
          g_debug ("Member states not kept: %s", error->message);
          es_db_rollback (db);
          return;
        }
    }
  if (!es_db_commit (db, &error))
    g_debug ("Member states not kept: %s", error->message);
}

/* Derives the members given (sorted by id) from their events and interviews, and keeps
 * their states if keep is set. */
static gboolean
derive_members (EsDb *db, GPtrArray *members, const GDate *today, GArray *all_deadlines,
                gboolean keep, GError **error)
{
  g_auto (EventGroups) groups = { 0 }; /* when scanning */
  g_autoptr (GPtrArray) member_events = g_ptr_array_new ();
  g_autoptr (GArray) dates = g_array_new (FALSE, FALSE, sizeof (GDate));
  g_autoptr (GArray) latest = g_array_new (FALSE, TRUE, sizeof (GDate)); /* 2 per member */
  gboolean scan = members->len > MAX_LOOKUPS;
  sqlite3_stmt *iv = NULL;
  gboolean iv_more = FALSE;

  if (members->len == 0)
    return TRUE;
  if (scan)
    {
      if (!load_event_groups (db, members, &groups, error))
        return FALSE;
      iv = es_db_prepare (db, "SELECT member_id, date FROM interview ORDER BY member_id, date",
                          error);
      if (iv == NULL)
        return FALSE;
      iv_more = sqlite3_step (iv) == SQLITE_ROW;
    }
  g_array_set_size (latest, 2 * members->len);

  for (guint i = 0; i < members->len; i++)
    {
      EsMember *member = g_ptr_array_index (members, i);
      g_autoptr (GPtrArray) own_events = NULL;
      EsPipelineState state;
      GDate *two = &g_array_index (latest, GDate, 2 * i);
      guint n_two = 0;

      g_ptr_array_set_size (member_events, 0);
      g_array_set_size (dates, 0);
      if (scan)
        {
          for (guint e = groups.start[i]; e < groups.start[i + 1]; e++)
            g_ptr_array_add (member_events, groups.by_member[e]);
          while (iv_more && sqlite3_column_int64 (iv, 0) < member->id)
            iv_more = sqlite3_step (iv) == SQLITE_ROW;
          while (iv_more && sqlite3_column_int64 (iv, 0) == member->id)
            {
              GDate d;
              column_date (iv, 1, &d);
              if (g_date_valid (&d))
                g_array_append_val (dates, d);
              iv_more = sqlite3_step (iv) == SQLITE_ROW;
            }
          /* By date: the latest two are last. */
          for (guint k = dates->len; k > 0 && n_two < 2; k--)
            two[n_two++] = g_array_index (dates, GDate, k - 1);
        }
      else
        {
          own_events = load_member_events (db, member->id, error);
          if (own_events == NULL || !load_latest_interviews (db, member->id, two, &n_two, error))
            return FALSE;
          g_ptr_array_extend (member_events, own_events, NULL, NULL);
        }
      for (guint k = n_two; k < 2; k++)
        g_date_clear (&two[k], 1);

      /* A stored history was checked when each event was added. */
      es_pipeline_derive (member_events, &state, NULL);
      finish_member (member, &state, two, n_two, today, all_deadlines);
    }
  if (iv != NULL)
    sqlite3_reset (iv);
  if (keep)
    keep_states (db, members, latest);
  return TRUE;
}

/* One member (id > 0), derived from its history, or all of them, from their kept states
 * where they are up to date (deriving the others, and keeping them if the database may be
 * written). By id. */
static GPtrArray *
load_members (EsDb *db, gint64 id, const GDate *today, GArray *all_deadlines, GError **error)
{
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) stale = g_ptr_array_new (); /* borrowed from members */
  sqlite3_stmt *stmt;
  int rc;

  stmt = es_db_prepare (
      db,
      id > 0 ? "SELECT " MEMBER_COLUMNS " FROM member m LEFT JOIN staff s ON "
               "s.id = m.counselor_id WHERE m.id = ?1"
             : "SELECT " MEMBER_COLUMNS ", " STATE_COLUMNS
               " FROM member m LEFT JOIN staff s ON s.id = m.counselor_id "
               "LEFT JOIN member_state ps ON ps.member_id = m.id AND ps.rules = " G_STRINGIFY (
                   ES_PIPELINE_RULES_VERSION) " ORDER BY m.id",
      error);
  if (stmt == NULL)
    return NULL;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = es_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      EsMember *member = member_from_row (stmt);
      EsPipelineState state;
      GDate interviews[2];
      guint n_interviews;

      g_ptr_array_add (members, member);
      if (id == 0 && state_from_row (stmt, N_MEMBER_COLUMNS, &state, interviews, &n_interviews))
        finish_member (member, &state, interviews, n_interviews, today, all_deadlines);
      else
        g_ptr_array_add (stale, member);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  /* Kept states go missing when the rules change; a read-only copy stays as it is. */
  if (!derive_members (db, stale, today, all_deadlines, id == 0 && !es_db_is_read_only (db), error))
    return NULL;
  return g_steal_pointer (&members);
}

static int
compare_members (gconstpointer a, gconstpointer b)
{
  return es_member_compare (*(EsMember *const *)a, *(EsMember *const *)b);
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = (*(EsMember *const *)a)->id, y = (*(EsMember *const *)b)->id;

  return x < y ? -1 : x > y;
}

GPtrArray *
es_member_store_list_sorted (EsDb *db, const GDate *today, GError **error)
{
  GPtrArray *members = load_members (db, 0, today, NULL, error);

  /* By the keys kept with the names: plain byte comparisons. */
  if (members != NULL)
    g_ptr_array_sort (members, compare_members);
  return members;
}

/* Members without a kept state that a first read takes along (their stage is unknown
 * until derived); with more, it gives up. */
#define MAX_FIRST_UNKNOWN 64

GPtrArray *
es_member_store_list_first (EsDb *db, const GDate *today, guint n, guint n_per_stage,
                            GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) members = NULL;
  g_autoptr (GPtrArray) unknown = g_ptr_array_new ();
  guint taken[ES_STAGE_N_STAGES] = { 0 };
  guint seen = 0, recent_exits = 0, n_unknown = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ES_IS_DB (db), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  /* The index holds the ids in order: no member row is read here. */
  stmt = es_db_prepare (db,
                        "SELECT m.id, " STATE_COLUMNS " FROM member m LEFT JOIN member_state ps "
                        "ON ps.member_id = m.id AND ps.rules = " G_STRINGIFY (
                            ES_PIPELINE_RULES_VERSION) " ORDER BY m.sort_key, m.id",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((rc = es_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      EsPipelineState state;
      GDate interviews[2];
      guint n_interviews;
      gboolean keep = seen++ < n;

      if (!state_from_row (stmt, 1, &state, interviews, &n_interviews))
        {
          /* Wherever it goes, it may be among the first of its stage. */
          if (++n_unknown > MAX_FIRST_UNKNOWN)
            {
              sqlite3_reset (stmt);
              return NULL;
            }
          g_array_append_val (ids, id);
          continue;
        }
      if (taken[state.stage] < n_per_stage)
        keep = TRUE;
      if (recent_exits < n_per_stage
          && es_pipeline_state_exited_within (&state, today, ES_RECENT_EXIT_MONTHS))
        {
          recent_exits++;
          keep = TRUE;
        }
      if (!keep)
        {
          gboolean done = seen >= n && recent_exits >= n_per_stage;

          for (guint s = 0; s < ES_STAGE_N_STAGES && done; s++)
            done = taken[s] >= n_per_stage;
          if (done)
            break;
          continue;
        }
      taken[state.stage]++;
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  /* Then those, one by one, in that order. */
  members = g_ptr_array_new_full (ids->len, g_object_unref);
  stmt = es_db_prepare (
      db,
      "SELECT " MEMBER_COLUMNS ", " STATE_COLUMNS
      " FROM member m LEFT JOIN staff s ON s.id = m.counselor_id "
      "LEFT JOIN member_state ps ON ps.member_id = m.id AND ps.rules = " G_STRINGIFY (
          ES_PIPELINE_RULES_VERSION) " WHERE m.id = ?1",
      error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      EsPipelineState state;
      GDate interviews[2];
      guint n_interviews;
      EsMember *member;

      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      rc = es_db_step (db, stmt, error);
      if (rc < 0)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      if (rc != SQLITE_ROW)
        {
          /* Gone since (another connection): the whole read will tell. */
          sqlite3_reset (stmt);
          continue;
        }
      member = member_from_row (stmt);
      g_ptr_array_add (members, member);
      if (state_from_row (stmt, N_MEMBER_COLUMNS, &state, interviews, &n_interviews))
        finish_member (member, &state, interviews, n_interviews, today, NULL);
      else
        g_ptr_array_add (unknown, member);
      sqlite3_reset (stmt);
    }
  g_ptr_array_sort (unknown, compare_ids);
  if (!derive_members (db, unknown, today, NULL, FALSE, error))
    return NULL;
  /* As the whole list is, should a key kept there be missing. */
  g_ptr_array_sort (members, compare_members);
  return g_steal_pointer (&members);
}

GListStore *
es_member_store_list (EsDb *db, const GDate *today, GError **error)
{
  g_autoptr (GPtrArray) members = es_member_store_list_sorted (db, today, error);
  GListStore *store;

  if (members == NULL)
    return NULL;
  store = g_list_store_new (ES_TYPE_MEMBER);
  g_list_store_splice (store, 0, 0, members->pdata, members->len);
  return store;
}

EsMember *
es_member_store_get (EsDb *db, gint64 id, const GDate *today, GError **error)
{
  g_autoptr (GPtrArray) members = load_members (db, id, today, NULL, error);

  if (members == NULL)
    return NULL;
  if (members->len == 0)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_FOUND, _ ("There is no member number %lld."),
                   (long long)id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (members, 0));
}

gint
es_member_store_keep_states (EsDb *db, GError **error)
{
  sqlite3_stmt *stmt;
  gint n = 0;
  int rc;

  g_return_val_if_fail (ES_IS_DB (db), -1);

  /* Rows another program wrote without a sort key get theirs (the index finds them). */
  if (!es_db_is_read_only (db)
      && !es_db_exec (db,
                      "UPDATE member SET sort_key = es_sort_key (last_name, first_name) "
                      "WHERE sort_key = ''",
                      error))
    return -1;
  stmt = es_db_prepare (db,
                        "SELECT count(*) FROM member m LEFT JOIN member_state ps ON ps.member_id = "
                        "m.id AND ps.rules = " G_STRINGIFY (
                            ES_PIPELINE_RULES_VERSION) " WHERE ps.member_id IS NULL OR ps.stage "
                                                       "NOT BETWEEN 0 AND ?1 OR "
                                                       "ps.exit_reason NOT BETWEEN 0 AND ?2 OR "
                                                       "length (ps.state) IS NOT ?3",
                        error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, ES_STAGE_N_STAGES - 1);
  sqlite3_bind_int (stmt, 2, ES_EXIT_N_REASONS - 1);
  sqlite3_bind_int (stmt, 3, PACKED_SIZE);
  rc = es_db_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (rc < 0)
    return -1;
  if (n > 0 && !es_db_is_read_only (db))
    {
      GDate today = es_date_today ();
      g_autoptr (GPtrArray) members = load_members (db, 0, &today, NULL, error);

      if (members == NULL)
        return -1;
    }
  return n;
}

GArray *
es_member_store_deadlines (EsDb *db, const GDate *today, GError **error)
{
  GArray *deadlines = g_array_new (FALSE, FALSE, sizeof (EsDeadline));
  g_autoptr (GPtrArray) members = load_members (db, 0, today, deadlines, error);

  if (members == NULL)
    {
      g_array_unref (deadlines);
      return NULL;
    }
  es_deadlines_sort (deadlines);
  return deadlines;
}

guint
es_member_store_count (EsDb *db, GError **error)
{
  sqlite3_stmt *stmt = es_db_prepare (db, "SELECT count(*) FROM member", error);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  if (es_db_step (db, stmt, error) == SQLITE_ROW)
    n = (guint)sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gint64
es_member_store_find_by_nir (EsDb *db, const char *nir, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (nir == NULL || *nir == '\0')
    return 0;
  stmt = es_db_prepare (db, "SELECT id FROM member WHERE nir = ?", error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, 1, nir);
  if (es_db_step (db, stmt, error) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

static gboolean
set_first_error (GHashTable *errors, GError **error)
{
  GHashTableIter iter;
  gpointer field, message;

  if (g_hash_table_size (errors) == 0)
    return FALSE;
  g_hash_table_iter_init (&iter, errors);
  g_hash_table_iter_next (&iter, &field, &message);
  g_set_error (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_FORMAT, "%s: %s",
               es_member_field_label (field), (const char *)message);
  return TRUE;
}

static gboolean
check_member (EsDb *db, EsMember *member, GError **error)
{
  g_autoptr (GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GDate today = es_date_today ();
  gint64 other;

  es_member_validate (member, &today, errors);
  if (set_first_error (errors, error))
    return FALSE;
  other = es_member_store_find_by_nir (db, member->nir, error);
  if (other < 0)
    return FALSE;
  if (other > 0 && other != member->id)
    {
      g_set_error (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_RULE, "%s: %s",
                   es_member_field_label ("nir"),
                   _ ("This social security number is already recorded for another member."));
      return FALSE;
    }
  return TRUE;
}

static void
bind_member (sqlite3_stmt *stmt, EsMember *m)
{
  int i = 1;

  bind_text (stmt, i++, m->civility);
  bind_text (stmt, i++, m->first_name);
  bind_text (stmt, i++, m->last_name);
  bind_date (stmt, i++, &m->birth_date);
  bind_text (stmt, i++, m->birth_place);
  bind_text (stmt, i++, m->nationality);
  if (m->nir != NULL && *m->nir)
    bind_text (stmt, i++, m->nir);
  else
    sqlite3_bind_null (stmt, i++);
  bind_text (stmt, i++, m->street);
  bind_text (stmt, i++, m->postal_code);
  bind_text (stmt, i++, m->city);
  bind_text (stmt, i++, m->phone);
  bind_text (stmt, i++, m->email);
  bind_date (stmt, i++, &m->permit_end);
  bind_text (stmt, i++, es_entry_status_to_code (m->entry_status));
  bind_date (stmt, i++, &m->benefits_end);
  bind_text (stmt, i++, m->trade_name);
  bind_text (stmt, i++, m->activity);
  bind_text (stmt, i++, m->naf_code);
  bind_id_or_null (stmt, i++, m->counselor_id);
  if (m->contribution_ppm >= 0)
    sqlite3_bind_int64 (stmt, i++, m->contribution_ppm);
  else
    sqlite3_bind_null (stmt, i++);
  sqlite3_bind_text (stmt, i++, es_member_make_sort_key (m->last_name, m->first_name), -1, g_free);
  sqlite3_bind_int64 (stmt, i++, m->id);
}

static char *
member_payload (EsMember *m)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "first_name");
  json_builder_add_string_value (b, m->first_name);
  json_builder_set_member_name (b, "last_name");
  json_builder_add_string_value (b, m->last_name);
  json_builder_set_member_name (b, "trade_name");
  json_builder_add_string_value (b, m->trade_name);
  json_builder_set_member_name (b, "counselor_id");
  json_builder_add_int_value (b, m->counselor_id);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

gint64
es_member_store_insert (EsDb *db, EsMember *member, GError **error)
{
  g_autofree char *payload = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!check_member (db, member, error))
    return 0;
  if (!es_db_begin (db, error))
    return 0;
  stmt = es_db_prepare (db,
                        "INSERT INTO member (civility, first_name, last_name, birth_date, "
                        "birth_place, nationality, nir, street, postal_code, city, phone, email, "
                        "permit_end, entry_status, benefits_end, trade_name, activity, naf_code, "
                        "counselor_id, contribution_ppm, sort_key, id) VALUES (?, ?, ?, ?, ?, ?, "
                        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF (?, 0))",
                        error);
  if (stmt == NULL || (bind_member (stmt, member), es_db_step (db, stmt, error)) < 0)
    goto fail;
  sqlite3_reset (stmt);
  id = sqlite3_last_insert_rowid (es_db_get_handle (db));
  if (!refresh_state (db, id, error))
    goto fail;
  payload = member_payload (member);
  if (!es_db_journal (db, "member", id, "create", payload, error))
    goto fail;
  es_db_notify_changed (db, "member");
  if (!es_db_commit (db, error))
    return 0;
  member->id = id;
  g_clear_pointer (&member->sort_key, g_free);
  return id;

fail:
  es_db_rollback (db);
  return 0;
}

gboolean
es_member_store_update (EsDb *db, EsMember *member, GError **error)
{
  g_autofree char *payload = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (member->id > 0, FALSE);

  if (!check_member (db, member, error))
    return FALSE;
  if (!es_db_begin (db, error))
    return FALSE;
  stmt = es_db_prepare (db,
                        "UPDATE member SET civility = ?, first_name = ?, last_name = ?, "
                        "birth_date = ?, birth_place = ?, nationality = ?, nir = ?, street = ?, "
                        "postal_code = ?, city = ?, phone = ?, email = ?, permit_end = ?, "
                        "entry_status = ?, benefits_end = ?, trade_name = ?, activity = ?, "
                        "naf_code = ?, counselor_id = ?, contribution_ppm = ?, sort_key = ? "
                        "WHERE id = ?",
                        error);
  if (stmt == NULL || (bind_member (stmt, member), es_db_step (db, stmt, error)) < 0)
    goto fail;
  sqlite3_reset (stmt);
  if (sqlite3_changes (es_db_get_handle (db)) == 0)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_FOUND, _ ("There is no member number %lld."),
                   (long long)member->id);
      goto fail;
    }
  payload = member_payload (member);
  if (!es_db_journal (db, "member", member->id, "update", payload, error))
    goto fail;
  es_db_notify_changed (db, "member");
  g_clear_pointer (&member->sort_key, g_free);
  return es_db_commit (db, error);

fail:
  es_db_rollback (db);
  return FALSE;
}

/* Career events */

GPtrArray *
es_member_store_events (EsDb *db, gint64 member_id, GError **error)
{
  g_autoptr (GPtrArray) events
      = g_ptr_array_new_with_free_func ((GDestroyNotify)es_career_event_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = es_db_prepare (
      db, "SELECT " EVENT_COLUMNS " FROM career_event WHERE member_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  while ((rc = es_db_step (db, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (events, event_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&events);
}

static void
bind_int_or_null (sqlite3_stmt *stmt, int index, gboolean present, gint64 value)
{
  if (present)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_text_or_null (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text != NULL && *text != '\0')
    bind_text (stmt, index, text);
  else
    sqlite3_bind_null (stmt, index);
}

/* Binds only what the kind carries; the rest stays NULL. */
static void
bind_event (sqlite3_stmt *stmt, const EsCareerEvent *e)
{
  gboolean diagnostic = e->kind == ES_EVENT_DIAGNOSTIC;
  gboolean cape = e->kind == ES_EVENT_CAPE_SIGNED || e->kind == ES_EVENT_CAPE_RENEWED;
  gboolean pay = e->kind == ES_EVENT_CONTRACT_SIGNED || e->kind == ES_EVENT_AMENDMENT;
  gboolean associate = e->kind == ES_EVENT_ASSOCIATE;
  gboolean has_reason = diagnostic || e->kind == ES_EVENT_CANCELLATION;

  sqlite3_bind_int64 (stmt, 1, e->member_id);
  bind_text (stmt, 2, es_event_kind_to_code (e->kind));
  bind_date (stmt, 3, &e->date);
  bind_id_or_null (stmt, 4, e->corrects_id);
  bind_int_or_null (stmt, 5, diagnostic, e->admitted ? 1 : 0);
  bind_text_or_null (stmt, 6, has_reason ? e->reason : NULL);
  bind_date (stmt, 7, cape ? &e->end_date : NULL);
  bind_int_or_null (stmt, 8, pay && e->hours_milli >= 0, e->hours_milli);
  bind_int_or_null (stmt, 9, pay && e->fixed_gross_cents >= 0, e->fixed_gross_cents);
  bind_int_or_null (stmt, 10, pay && e->contribution_ppm >= 0, e->contribution_ppm);
  bind_int_or_null (stmt, 11, associate, e->shares_subscribed);
  bind_int_or_null (stmt, 12, associate, e->shares_paid_cents);
  bind_text_or_null (stmt, 13,
                     e->kind == ES_EVENT_EXIT ? es_exit_reason_to_code (e->exit_reason) : NULL);
  bind_text_or_null (stmt, 14, e->note);
  bind_text (stmt, 15, g_get_user_name ());
}

gint64
es_member_store_add_event (EsDb *db, EsCareerEvent *event, const GDate *today, GError **error)
{
  g_autoptr (GPtrArray) events = NULL;
  g_autofree char *data = NULL;
  g_autofree char *payload = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!es_db_begin (db, error))
    return 0;
  /* Read the history inside the write transaction: nobody can add to it meanwhile. */
  events = es_member_store_events (db, event->member_id, error);
  if (events == NULL)
    goto fail;
  {
    sqlite3_stmt *member = es_db_prepare (db, "SELECT birth_date FROM member WHERE id = ?", error);
    GDate birth;
    int rc;

    if (member == NULL)
      goto fail;
    sqlite3_bind_int64 (member, 1, event->member_id);
    rc = es_db_step (db, member, error);
    if (rc == SQLITE_ROW)
      column_date (member, 0, &birth);
    sqlite3_reset (member);
    if (rc < 0)
      goto fail;
    if (rc != SQLITE_ROW)
      {
        g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_FOUND,
                     _ ("There is no member number %lld."), (long long)event->member_id);
        goto fail;
      }
    if (!es_pipeline_check_event_after_birth (&birth, event, error))
      goto fail;
  }
  if (!es_pipeline_check_event (events, event, today, error))
    goto fail;

  data = es_career_event_data_to_json (event);
  stmt = es_db_prepare (db,
                        "INSERT INTO career_event (member_id, kind, date, corrects_id, admitted, "
                        "reason, end_date, hours_milli, fixed_gross_cents, contribution_ppm, "
                        "shares_subscribed, shares_paid_cents, exit_reason, note, author) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    goto fail;
  bind_event (stmt, event);
  if (es_db_step (db, stmt, error) < 0)
    goto fail;
  sqlite3_reset (stmt);
  id = sqlite3_last_insert_rowid (es_db_get_handle (db));
  if (!refresh_state (db, event->member_id, error))
    goto fail;

  {
    g_autofree char *iso = es_date_to_iso (&event->date);
    payload
        = g_strdup_printf ("{\"member_id\":%" G_GINT64_FORMAT ",\"kind\":\"%s\",\"date\":\"%s\","
                           "\"data\":%s}",
                           event->member_id, es_event_kind_to_code (event->kind), iso, data);
  }
  if (!es_db_journal (db, "career_event", id, "create", payload, error))
    goto fail;
  es_db_notify_changed (db, "career_event");
  if (!es_db_commit (db, error))
    return 0;
  event->id = id;
  return id;

fail:
  es_db_rollback (db);
  return 0;
}

/* Search */

/* Turns what is typed into an FTS5 query: every word a quoted prefix, all required. */
static char *
fts_query (const char *text)
{
  g_autoptr (GString) query = g_string_new (NULL);
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_auto (GStrv) words = NULL;

  for (char *p = lower; *p; p++)
    if (strchr ("\"*():^+-.,;'/\\{}[]<>=!?&|@#%~`$", *p) != NULL)
      *p = ' ';
  words = g_strsplit_set (lower, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (query->len > 0)
        g_string_append_c (query, ' ');
      g_string_append_printf (query, "\"%s\"*", words[i]);
    }
  return g_string_free (g_steal_pointer (&query), query->len == 0);
}

/* Ranking computes a score for every match and sorts them: a single letter matches
 * thousands of members, so that a search only for a set of ids goes without. */
static GArray *
search (EsDb *db, const char *text, gboolean ranked, guint limit, GError **error)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *query = fts_query (text ? text : "");
  sqlite3_stmt *stmt;
  int rc;

  if (query == NULL)
    return ids;
  stmt = es_db_prepare (db,
                        ranked ? "SELECT rowid FROM member_fts WHERE member_fts MATCH ? ORDER BY "
                                 "rank LIMIT ?"
                               : "SELECT rowid FROM member_fts WHERE member_fts MATCH ? LIMIT ?",
                        error);
  if (stmt == NULL)
    {
      g_array_unref (ids);
      return NULL;
    }
  bind_text (stmt, 1, query);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64)limit : -1);
  while ((rc = es_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    {
      g_array_unref (ids);
      return NULL;
    }
  return ids;
}

GArray *
es_member_store_search (EsDb *db, const char *text, guint limit, GError **error)
{
  return search (db, text, TRUE, limit, error);
}

GArray *
es_member_store_search_set (EsDb *db, const char *text, GError **error)
{
  return search (db, text, FALSE, 0, error);
}

/* Interviews */

GPtrArray *
es_interview_store_list (EsDb *db, gint64 member_id, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)es_interview_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = es_db_prepare (db,
                        "SELECT i.id, i.member_id, i.date, i.staff_id, s.name, i.kind, i.summary "
                        "FROM interview i LEFT JOIN staff s ON s.id = i.staff_id "
                        "WHERE i.member_id = ? ORDER BY i.date DESC, i.id DESC",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  while ((rc = es_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      EsInterview *interview = es_interview_new ();
      interview->id = sqlite3_column_int64 (stmt, 0);
      interview->member_id = sqlite3_column_int64 (stmt, 1);
      column_date (stmt, 2, &interview->date);
      interview->staff_id = sqlite3_column_int64 (stmt, 3);
      g_free (interview->staff_name);
      interview->staff_name = column_dup (stmt, 4);
      es_interview_kind_from_code ((const char *)sqlite3_column_text (stmt, 5), &interview->kind);
      g_free (interview->summary);
      interview->summary = column_dup (stmt, 6);
      g_ptr_array_add (list, interview);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}

gint64
es_interview_store_add (EsDb *db, EsInterview *interview, const GDate *today, GError **error)
{
  g_autoptr (GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *payload = NULL;
  g_autofree char *iso = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  es_interview_validate (interview, today, errors);
  if (set_first_error (errors, error))
    return 0;
  if (!es_db_begin (db, error))
    return 0;
  stmt = es_db_prepare (db,
                        "INSERT INTO interview (member_id, date, staff_id, kind, summary) "
                        "VALUES (?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, interview->member_id);
  bind_date (stmt, 2, &interview->date);
  bind_id_or_null (stmt, 3, interview->staff_id);
  bind_text (stmt, 4, es_interview_kind_to_code (interview->kind));
  bind_text (stmt, 5, interview->summary);
  if (es_db_step (db, stmt, error) < 0)
    goto fail;
  sqlite3_reset (stmt);
  id = sqlite3_last_insert_rowid (es_db_get_handle (db));
  if (!refresh_state (db, interview->member_id, error))
    goto fail;
  iso = es_date_to_iso (&interview->date);
  payload = g_strdup_printf ("{\"member_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\"}",
                             interview->member_id, iso);
  if (!es_db_journal (db, "interview", id, "create", payload, error))
    goto fail;
  es_db_notify_changed (db, "interview");
  if (!es_db_commit (db, error))
    return 0;
  interview->id = id;
  return id;

fail:
  es_db_rollback (db);
  return 0;
}

/* Staff */

GPtrArray *
es_staff_store_list (EsDb *db, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)es_staff_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = es_db_prepare (db,
                        "SELECT id, name, email, role, active FROM staff "
                        "ORDER BY active DESC, name COLLATE NOCASE",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((rc = es_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      EsStaff *staff = es_staff_new ((const char *)sqlite3_column_text (stmt, 1),
                                     (const char *)sqlite3_column_text (stmt, 2),
                                     (const char *)sqlite3_column_text (stmt, 3));
      staff->id = sqlite3_column_int64 (stmt, 0);
      staff->active = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (list, staff);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}

gint64
es_staff_store_add (EsDb *db, EsStaff *staff, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (staff->name ? staff->name : ""));
  sqlite3_stmt *stmt;
  gint64 id;

  if (*name == '\0')
    {
      g_set_error (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_EMPTY,
                   _ ("The staff member's name is required."));
      return 0;
    }
  if (!es_db_begin (db, error))
    return 0;
  stmt = es_db_prepare (db, "INSERT INTO staff (name, email, role, active) VALUES (?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, name);
  bind_text (stmt, 2, staff->email);
  bind_text (stmt, 3, staff->role ? staff->role : "counselor");
  sqlite3_bind_int (stmt, 4, staff->active ? 1 : 0);
  if (es_db_step (db, stmt, error) < 0)
    goto fail;
  sqlite3_reset (stmt);
  id = sqlite3_last_insert_rowid (es_db_get_handle (db));
  if (!es_db_journal (db, "staff", id, "create", NULL, error))
    goto fail;
  es_db_notify_changed (db, "staff");
  if (!es_db_commit (db, error))
    return 0;
  staff->id = id;
  return id;

fail:
  es_db_rollback (db);
  return 0;
}
