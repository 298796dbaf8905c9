/* es-pipeline.c — the rules of the member pipeline (parcours), pure functions.
 *
 * Three steps: the corrections are resolved into "slots" (an event with all its
 * corrections, represented by the last recorded one), the slots are sorted by date, and
 * they are replayed through a state machine that refuses, in words, what the rules do not
 * allow. When a replay fails on a transition because of an event dated before events
 * recorded earlier, the error names that back-dated event (ES_PIPELINE_ERROR_ORDER).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "es-date.h"
#include "es-money.h"
#include "es-pipeline.h"
#include "es-validate.h"

GQuark
es_pipeline_error_quark (void)
{
  return g_quark_from_static_string ("es-pipeline-error-quark");
}

/* ---------------------------------------------------------------------------------------
 * Stages
 * ------------------------------------------------------------------------------------- */

static const struct
{
  const char *code;
  const char *label;
} stages[ES_STAGE_N_STAGES] = {
  [ES_STAGE_RECEPTION] = { "reception", N_ ("Reception & diagnostic") },
  [ES_STAGE_CAPE] = { "cape", N_ ("Test (CAPE)") },
  [ES_STAGE_CONTRACT] = { "contract", N_ ("Salaried entrepreneur (CDI)") },
  [ES_STAGE_ASSOCIATE] = { "associate", N_ ("Associate") },
  [ES_STAGE_EXITED] = { "exited", N_ ("Exited") },
};

const char *
es_stage_label (EsStage stage)
{
  g_return_val_if_fail ((guint)stage < ES_STAGE_N_STAGES, NULL);
  return _ (stages[stage].label);
}

const char *
es_stage_to_code (EsStage stage)
{
  g_return_val_if_fail ((guint)stage < ES_STAGE_N_STAGES, NULL);
  return stages[stage].code;
}

gboolean
es_stage_from_code (const char *code, EsStage *out)
{
  guint i;

  if (code == NULL)
    return FALSE;
  for (i = 0; i < ES_STAGE_N_STAGES; i++)
    if (g_strcmp0 (stages[i].code, code) == 0)
      {
        if (out != NULL)
          *out = (EsStage)i;
        return TRUE;
      }
  return FALSE;
}

/* ---------------------------------------------------------------------------------------
 * Date rules
 * ------------------------------------------------------------------------------------- */

static gboolean
date_ok (const GDate *date)
{
  return date != NULL && g_date_valid (date);
}

static GDate
invalid_date (void)
{
  GDate date;

  g_date_clear (&date, 1);
  return date;
}

/* Invalid dates first, so that a sort never compares them. */
static int
date_cmp (const GDate *a, const GDate *b)
{
  gboolean va = date_ok (a), vb = date_ok (b);

  if (!va || !vb)
    return (int)va - (int)vb;
  return es_date_compare (a, b);
}

static gboolean
date_eq (const GDate *a, const GDate *b)
{
  return date_cmp (a, b) == 0;
}

/* Whether two states say the same: dates by their day, whatever GDate keeps of them. */
gboolean
es_pipeline_state_equal (const EsPipelineState *a, const EsPipelineState *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->stage == b->stage && date_eq (&a->stage_since, &b->stage_since)
         && a->has_events == b->has_events && a->diagnostic_done == b->diagnostic_done
         && a->admitted == b->admitted && date_eq (&a->cape_start, &b->cape_start)
         && date_eq (&a->cape_end, &b->cape_end) && a->cape_renewals == b->cape_renewals
         && a->cape_ended == b->cape_ended && a->cape_days == b->cape_days
         && date_eq (&a->contract_date, &b->contract_date) && a->hours_milli == b->hours_milli
         && a->fixed_gross_cents == b->fixed_gross_cents
         && a->contribution_ppm == b->contribution_ppm && date_eq (&a->trial_end, &b->trial_end)
         && date_eq (&a->associate_deadline, &b->associate_deadline)
         && date_eq (&a->associate_date, &b->associate_date)
         && a->shares_subscribed == b->shares_subscribed
         && a->shares_paid_cents == b->shares_paid_cents && date_eq (&a->exit_date, &b->exit_date)
         && a->exit_reason == b->exit_reason;
}

GDate
es_pipeline_period_end (const GDate *start, int months)
{
  GDate same_day;

  if (!date_ok (start))
    return invalid_date ();
  same_day = es_date_add_months (start, months);
  if (!date_ok (&same_day))
    return same_day;
  /* Clamped to a shorter month: the period runs to that month's last day. */
  if (g_date_get_day (&same_day) != g_date_get_day (start))
    return same_day;
  return es_date_add_days (&same_day, -1);
}

void
es_pipeline_cape_duration (const GDate *first, const GDate *last, int *months, int *days)
{
  int m = 0;
  GDate end;

  g_return_if_fail (months != NULL && days != NULL);

  *months = *days = 0;
  if (!date_ok (first) || !date_ok (last) || date_cmp (last, first) < 0)
    return;
  /* Whole periods as es_pipeline_period_end() counts them: 01/02 → 31/07 is 6 months. */
  for (;;)
    {
      GDate next = es_pipeline_period_end (first, m + 1);

      if (!date_ok (&next) || date_cmp (&next, last) > 0)
        break;
      m++;
    }
  end = es_pipeline_period_end (first, m); /* the day before first when m is 0 */
  *months = m;
  *days = es_date_days_between (&end, last);
}

/* The last day of a period of months from the contract less the time spent in CAPE, or an
 * invalid date when the CAPE took all of it. Two readings of "less the CAPE", the earlier
 * kept so that neither goes past the law: the period less the CAPE's months then days
 * (months of any length count alike), and the same months counted from the CAPE's start,
 * moved by the days between its end and the contract (short months then count short). */
static GDate
period_minus_cape (const GDate *contract_date, int months, const GDate *cape_first,
                   const GDate *cape_last)
{
  int cape_months = 0, cape_days = 0;
  GDate end;

  if (!date_ok (contract_date))
    return invalid_date ();
  if (cape_first == NULL || cape_last == NULL || !date_ok (cape_first) || !date_ok (cape_last))
    return es_pipeline_period_end (contract_date, months);
  es_pipeline_cape_duration (cape_first, cape_last, &cape_months, &cape_days);
  if (cape_months > months || (cape_months == months && cape_days >= 0))
    return invalid_date ();
  end = es_pipeline_period_end (contract_date, months - cape_months);
  end = es_date_add_days (&end, -cape_days);
  {
    int gap = es_date_days_between (cape_last, contract_date) - 1;
    GDate from_start = es_pipeline_period_end (cape_first, months);

    from_start = es_date_add_days (&from_start, MAX (gap, 0));
    if (date_cmp (&from_start, &end) < 0)
      end = from_start;
  }
  if (date_cmp (&end, contract_date) < 0)
    return invalid_date ();
  return end;
}

GDate
es_pipeline_trial_end (const GDate *contract_date, const GDate *cape_first, const GDate *cape_last)
{
  return period_minus_cape (contract_date, 8, cape_first, cape_last);
}

GDate
es_pipeline_associate_deadline (const GDate *contract_date, const GDate *cape_first,
                                const GDate *cape_last)
{
  GDate end = period_minus_cape (contract_date, 36, cape_first, cape_last);

  /* A deadline always: with 36 months of CAPE behind, the day of the contract. */
  return date_ok (&end) || !date_ok (contract_date) ? end : *contract_date;
}

GDate
es_pipeline_cape_max_end (const GDate *period_start)
{
  return es_pipeline_period_end (period_start, 12);
}

/* ---------------------------------------------------------------------------------------
 * Effective history
 * ------------------------------------------------------------------------------------- */

typedef struct
{
  EsCareerEvent *event; /* the last recorded version of the slot */
  guint rank;           /* recording rank of the event first recorded */
} Slot;

static int
recording_cmp (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GPtrArray *events = user_data;
  guint ia = *(const guint *)a, ib = *(const guint *)b;
  const EsCareerEvent *ea = g_ptr_array_index (events, ia);
  const EsCareerEvent *eb = g_ptr_array_index (events, ib);
  gint64 ka = ea->id == 0 ? G_MAXINT64 : ea->id;
  gint64 kb = eb->id == 0 ? G_MAXINT64 : eb->id;

  if (ka != kb)
    return ka < kb ? -1 : 1;
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

static int
slot_cmp (gconstpointer a, gconstpointer b)
{
  const Slot *sa = a, *sb = b;
  int c = date_cmp (&sa->event->date, &sb->event->date);

  if (c != 0)
    return c;
  return sa->rank < sb->rank ? -1 : sa->rank > sb->rank ? 1 : 0;
}

static gboolean
kind_ok (const EsCareerEvent *event)
{
  return (guint)event->kind < ES_EVENT_N_KINDS;
}

static void set_first_error (GError **error, EsPipelineError code, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static void
set_first_error (GError **error, EsPipelineError code, const char *format, ...)
{
  va_list args;

  if (error == NULL || *error != NULL)
    return;
  va_start (args, format);
  *error = g_error_new_valist (ES_PIPELINE_ERROR, code, format, args);
  va_end (args);
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

/* Whether no event corrects or cancels another, and each is of a known kind. */
static gboolean
is_plain (GPtrArray *events)
{
  for (guint k = 0; k < events->len; k++)
    {
      const EsCareerEvent *event = g_ptr_array_index (events, k);

      if (!kind_ok (event) || event->kind == ES_EVENT_CANCELLATION || event->corrects_id != 0)
        return FALSE;
    }
  return TRUE;
}

/* Resolves the corrections of events into slots sorted by date then rank. Sets the first
 * correction problem in error (the faulty events are left out) and returns FALSE then. */
static gboolean
compute_slots (GPtrArray *events, GArray *slots, GError **error)
{
  guint n = events->len;
  g_autofree guint *order = g_new (guint, n + 1);
  g_autofree guint *rank = g_new (guint, n + 1);
  g_autofree int *root = g_new (int, n + 1);
  g_autofree int *cancelled_by = g_new (int, n + 1);
  g_autofree int *winner = g_new (int, n + 1);
  g_autoptr (GHashTable) by_id = NULL;
  GError *local_error = NULL;
  guint k;

  for (k = 0; k < n; k++)
    order[k] = k;
  g_qsort_with_data (order, (gint)n, sizeof (guint), recording_cmp, events);

  /* Most histories correct and cancel nothing: each event is then its own slot. */
  if (is_plain (events))
    {
      for (k = 0; k < n; k++)
        {
          Slot slot = { g_ptr_array_index (events, order[k]), k };
          g_array_append_val (slots, slot);
        }
      g_array_sort (slots, slot_cmp);
      return TRUE;
    }

  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (k = 0; k < n; k++)
    {
      EsCareerEvent *event = g_ptr_array_index (events, order[k]);

      rank[order[k]] = k;
      root[k] = -1;
      cancelled_by[k] = -1;
      winner[k] = -1;
      if (event->id != 0 && !g_hash_table_contains (by_id, &event->id))
        g_hash_table_insert (by_id, &event->id, GUINT_TO_POINTER (order[k] + 1));
    }

  /* Each event that is not a cancellation belongs to the slot of the event it (through
   * its chain of corrections) corrects; -1 when left out. */
  for (k = 0; k < n; k++)
    {
      int i = (int)order[k];
      int cur = i;
      guint steps = 0;
      EsCareerEvent *event = g_ptr_array_index (events, i);
      gboolean ok = TRUE;

      if (!kind_ok (event))
        {
          set_first_error (&local_error, ES_PIPELINE_ERROR_DATA,
                           _ ("An event of an unknown kind cannot be part of the history."));
          continue;
        }
      if (event->kind == ES_EVENT_CANCELLATION)
        continue;
      while (ok)
        {
          EsCareerEvent *current = g_ptr_array_index (events, cur);
          EsCareerEvent *target;
          int t;

          if (current->corrects_id == 0)
            break;
          t = GPOINTER_TO_INT (g_hash_table_lookup (by_id, &current->corrects_id)) - 1;
          if (t < 0)
            {
              g_autofree char *id = id_text (current->corrects_id);
              set_first_error (&local_error, ES_PIPELINE_ERROR_CORRECTION,
                               _ ("This correction refers to event number %s, which is not "
                                  "in this member's history."),
                               id);
              ok = FALSE;
              break;
            }
          target = g_ptr_array_index (events, t);
          if (t == cur || ++steps > n)
            {
              set_first_error (&local_error, ES_PIPELINE_ERROR_CORRECTION,
                               _ ("These corrections refer to each other in a loop."));
              ok = FALSE;
            }
          else if (!kind_ok (target))
            ok = FALSE; /* reported on its own */
          else if (target->kind == ES_EVENT_CANCELLATION)
            {
              set_first_error (&local_error, ES_PIPELINE_ERROR_CORRECTION,
                               _ ("A cancellation cannot be corrected or cancelled: record "
                                  "the cancelled event again instead."));
              ok = FALSE;
            }
          else if (target->kind != current->kind)
            {
              set_first_error (&local_error, ES_PIPELINE_ERROR_CORRECTION,
                               _ ("A correction must be of the same kind as the event it "
                                  "replaces: “%s” cannot correct “%s”."),
                               es_event_kind_label (current->kind),
                               es_event_kind_label (target->kind));
              ok = FALSE;
            }
          else
            cur = t;
        }
      if (ok)
        root[i] = cur;
    }

  /* Cancellations void a whole slot. */
  for (k = 0; k < n; k++)
    {
      int i = (int)order[k];
      EsCareerEvent *event = g_ptr_array_index (events, i);
      EsCareerEvent *target;
      int t;

      if (!kind_ok (event) || event->kind != ES_EVENT_CANCELLATION)
        continue;
      if (event->corrects_id == 0)
        {
          set_first_error (&local_error, ES_PIPELINE_ERROR_CORRECTION,
                           _ ("A cancellation must name the event it cancels."));
          continue;
        }
      t = GPOINTER_TO_INT (g_hash_table_lookup (by_id, &event->corrects_id)) - 1;
      if (t < 0)
        {
          g_autofree char *id = id_text (event->corrects_id);
          set_first_error (&local_error, ES_PIPELINE_ERROR_CORRECTION,
                           _ ("This cancellation refers to event number %s, which is not in "
                              "this member's history."),
                           id);
          continue;
        }
      target = g_ptr_array_index (events, t);
      if (kind_ok (target) && target->kind == ES_EVENT_CANCELLATION)
        {
          set_first_error (&local_error, ES_PIPELINE_ERROR_CORRECTION,
                           _ ("A cancellation cannot be corrected or cancelled: record the "
                              "cancelled event again instead."));
          continue;
        }
      if (root[t] < 0)
        continue; /* the target is left out already, with its own error */
      if (cancelled_by[root[t]] >= 0)
        {
          EsCareerEvent *first = g_ptr_array_index (events, cancelled_by[root[t]]);
          g_autofree char *when = es_date_format_short (&first->date);
          set_first_error (&local_error, ES_PIPELINE_ERROR_CORRECTION,
                           _ ("This event was already cancelled on %s."), when ? when : "?");
          continue;
        }
      cancelled_by[root[t]] = i;
    }

  /* The last recorded version of each slot wins; a cancelled slot takes no corrections
   * recorded after its cancellation. */
  for (k = 0; k < n; k++)
    {
      int i = (int)order[k];
      int r = root[i];

      if (r < 0)
        continue;
      if (cancelled_by[r] >= 0)
        {
          if (rank[i] > rank[cancelled_by[r]])
            {
              EsCareerEvent *cancel = g_ptr_array_index (events, cancelled_by[r]);
              g_autofree char *when = es_date_format_short (&cancel->date);
              set_first_error (&local_error, ES_PIPELINE_ERROR_CORRECTION,
                               _ ("This event was cancelled on %s: it can no longer be "
                                  "corrected."),
                               when ? when : "?");
            }
          continue;
        }
      winner[r] = i; /* k grows with the rank */
    }
  for (k = 0; k < n; k++)
    if (winner[k] >= 0)
      {
        Slot slot = { g_ptr_array_index (events, winner[k]), rank[k] };
        g_array_append_val (slots, slot);
      }
  g_array_sort (slots, slot_cmp);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
es_pipeline_effective (GPtrArray *events)
{
  g_autoptr (GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  GPtrArray *out;
  guint k;

  g_return_val_if_fail (events != NULL, NULL);

  compute_slots (events, slots, NULL);
  out = g_ptr_array_sized_new (slots->len);
  for (k = 0; k < slots->len; k++)
    g_ptr_array_add (out, g_array_index (slots, Slot, k).event);
  return out;
}

/* ---------------------------------------------------------------------------------------
 * Replay
 * ------------------------------------------------------------------------------------- */

typedef struct
{
  EsPipelineState *state;
  GDate renewed_on[ES_PIPELINE_MAX_CAPE_RENEWALS];
  /* The event being added, if any: rules that came after older histories were recorded
   * apply to it only, so that those histories still derive. */
  const EsCareerEvent *candidate;
  /* Exits whose reason fit the stage they left from: recorded here when not NULL, and
   * those in must_fit must still fit with the candidate added. */
  GHashTable *fitting;
  GHashTable *must_fit;
} Replay;

void
es_pipeline_state_init (EsPipelineState *state)
{
  g_return_if_fail (state != NULL);

  memset (state, 0, sizeof *state);
  state->stage = ES_STAGE_RECEPTION;
  g_date_clear (&state->stage_since, 1);
  g_date_clear (&state->cape_start, 1);
  g_date_clear (&state->cape_end, 1);
  g_date_clear (&state->contract_date, 1);
  g_date_clear (&state->trial_end, 1);
  g_date_clear (&state->associate_deadline, 1);
  g_date_clear (&state->associate_date, 1);
  g_date_clear (&state->exit_date, 1);
}

static gboolean refuse (GError **error, EsPipelineError code, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static gboolean
refuse (GError **error, EsPipelineError code, const char *format, ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  *error = g_error_new_valist (ES_PIPELINE_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

static void
enter_stage (EsPipelineState *state, EsStage stage, const GDate *date)
{
  state->stage = stage;
  state->stage_since = *date;
}

static gboolean
check_hours (gint64 hours, GError **error)
{
  if (hours > 0 && hours <= ES_PIPELINE_MAX_HOURS_MILLI)
    return TRUE;
  {
    g_autofree char *max = es_hours_format (ES_PIPELINE_MAX_HOURS_MILLI);
    g_autofree char *given = es_hours_format (hours);
    return refuse (error, ES_PIPELINE_ERROR_DATA,
                   _ ("The weekly hours must be more than 0 h and at most %s h, not %s h."), max,
                   given);
  }
}

static gboolean
check_fixed (gint64 cents, GError **error)
{
  if (cents >= 0)
    return TRUE;
  {
    g_autofree char *given = es_money_format (cents);
    return refuse (error, ES_PIPELINE_ERROR_DATA,
                   _ ("The fixed monthly gross pay cannot be negative (%s)."), given);
  }
}

static gboolean
check_rate (gint64 ppm, GError **error)
{
  if (ppm > 0 && ppm <= ES_PIPELINE_MAX_CONTRIBUTION_PPM)
    return TRUE;
  {
    g_autofree char *min = es_rate_format (0);
    g_autofree char *max = es_rate_format (ES_PIPELINE_MAX_CONTRIBUTION_PPM);
    g_autofree char *given = es_rate_format (ppm);
    return refuse (error, ES_PIPELINE_ERROR_DATA,
                   _ ("The contribution rate must be more than %s and at most %s, not %s."), min,
                   max, given);
  }
}

gboolean
es_pipeline_exit_reason_fits (const EsPipelineState *state, EsExitReason reason)
{
  g_return_val_if_fail (state != NULL, FALSE);

  if (state->stage == ES_STAGE_EXITED)
    return FALSE;
  switch (reason)
    {
    case ES_EXIT_NOT_ADMITTED:
      /* A diagnostic that does not admit makes that exit itself. */
      return FALSE;
    case ES_EXIT_CAPE_END:
      return state->stage == ES_STAGE_CAPE;
    case ES_EXIT_RESIGNATION:
    case ES_EXIT_MUTUAL_AGREEMENT:
    case ES_EXIT_DISMISSAL:
      /* Ways an employment contract ends: a CAPE is not one. */
      return state->stage == ES_STAGE_CONTRACT || state->stage == ES_STAGE_ASSOCIATE;
    case ES_EXIT_ASSOCIATE_DEADLINE:
      return state->stage == ES_STAGE_CONTRACT;
    case ES_EXIT_OWN_COMPANY:
    case ES_EXIT_SALARIED_JOB:
    case ES_EXIT_PROJECT_STOPPED:
    case ES_EXIT_OTHER:
      return TRUE;
    case ES_EXIT_N_REASONS:
    default:
      return FALSE;
    }
}

/* Whether an exit's reason fits the state it leaves from, its date included. */
static gboolean
exit_fits (const EsPipelineState *s, const EsCareerEvent *ev)
{
  return es_pipeline_exit_reason_fits (s, ev->exit_reason)
         && (ev->exit_reason != ES_EXIT_ASSOCIATE_DEADLINE
             || date_cmp (&ev->date, &s->associate_deadline) >= 0);
}

/* Why an exit does not fit: the exit being added, or one recorded before that it would
 * make wrong (a contract cancelled under a resignation). */
static gboolean
refuse_exit (const EsPipelineState *s, const EsCareerEvent *ev, gboolean added, GError **error)
{
  g_autofree char *date = es_date_format_short (&ev->date);
  g_autofree char *deadline = es_date_format_short (&s->associate_deadline);
  gboolean early = es_pipeline_exit_reason_fits (s, ev->exit_reason);

  if (added && early)
    return refuse (error, ES_PIPELINE_ERROR_EXIT_REASON,
                   _ ("The associate deadline is %s: the contract cannot end because of it on "
                      "%s."),
                   deadline, date);
  if (added)
    return refuse (error, ES_PIPELINE_ERROR_EXIT_REASON,
                   _ ("“%s” is not a reason to leave at the stage “%s”."),
                   es_exit_reason_label (ev->exit_reason), es_stage_label (s->stage));
  if (early)
    return refuse (error, ES_PIPELINE_ERROR_EXIT_REASON,
                   _ ("The exit of %s at the associate deadline would then come before that "
                      "deadline, %s."),
                   date, deadline);
  return refuse (error, ES_PIPELINE_ERROR_EXIT_REASON,
                 _ ("The exit of %s for “%s” would then no longer fit: the member would leave "
                    "from the stage “%s”."),
                 date, es_exit_reason_label (ev->exit_reason), es_stage_label (s->stage));
}

static gboolean
apply_cape_signed (Replay *r, const EsCareerEvent *ev, GError **error)
{
  EsPipelineState *s = r->state;
  g_autofree char *date = es_date_format_short (&ev->date);
  GDate max;

  if (s->stage == ES_STAGE_CAPE && s->cape_ended)
    {
      g_autofree char *since = es_date_format_short (&s->cape_start);
      g_autofree char *end = es_date_format_short (&s->cape_end);
      return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                     _ ("The CAPE signed on %s ended on %s: what follows is a contract or an "
                        "exit."),
                     since, end);
    }
  if (s->stage == ES_STAGE_CAPE)
    {
      g_autofree char *since = es_date_format_short (&s->cape_start);
      return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                     _ ("A CAPE has been under way since %s: record a renewal instead."), since);
    }
  if (s->stage != ES_STAGE_RECEPTION)
    return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                   _ ("A CAPE can only be signed at the reception stage, not at the stage “%s”."),
                   es_stage_label (s->stage));
  if (!s->diagnostic_done || !s->admitted)
    return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                   _ ("A CAPE can only be signed after a diagnostic that admitted the person."));
  if (!date_ok (&ev->end_date))
    return refuse (error, ES_PIPELINE_ERROR_DATA, _ ("The CAPE has no planned end date."));
  if (date_cmp (&ev->end_date, &ev->date) <= 0)
    {
      g_autofree char *end = es_date_format_short (&ev->end_date);
      return refuse (error, ES_PIPELINE_ERROR_DATA,
                     _ ("The planned end of the CAPE (%s) must come after its signature (%s)."),
                     end, date);
    }
  max = es_pipeline_cape_max_end (&ev->date);
  if (date_cmp (&ev->end_date, &max) > 0)
    {
      g_autofree char *end = es_date_format_short (&ev->end_date);
      g_autofree char *last = es_date_format_short (&max);
      return refuse (error, ES_PIPELINE_ERROR_CAPE_LENGTH,
                     _ ("A CAPE lasts 12 months at most: signed on %s, it must end on %s at the "
                        "latest, not on %s."),
                     date, last, end);
    }

  enter_stage (s, ES_STAGE_CAPE, &ev->date);
  s->cape_start = ev->date;
  s->cape_end = ev->end_date;
  s->cape_renewals = 0;
  s->cape_ended = FALSE;
  s->cape_days = 0;
  return TRUE;
}

static gboolean
apply_cape_renewed (Replay *r, const EsCareerEvent *ev, GError **error)
{
  EsPipelineState *s = r->state;
  g_autofree char *date = es_date_format_short (&ev->date);
  g_autofree char *current = es_date_format_short (&s->cape_end);
  GDate next_start, max;

  if (s->stage != ES_STAGE_CAPE)
    return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                   _ ("Only a CAPE under way can be renewed; the member is at the stage “%s”."),
                   es_stage_label (s->stage));
  if (s->cape_ended)
    return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                   _ ("The CAPE ended on %s: an ended CAPE cannot be renewed. What follows is a "
                      "contract or an exit."),
                   current);
  if (s->cape_renewals >= ES_PIPELINE_MAX_CAPE_RENEWALS)
    {
      g_autofree char *first = es_date_format_short (&r->renewed_on[0]);
      g_autofree char *second = es_date_format_short (&r->renewed_on[1]);
      return refuse (error, ES_PIPELINE_ERROR_CAPE_RENEWALS,
                     _ ("A CAPE can be renewed twice at most: this one was already renewed on %s "
                        "and %s."),
                     first, second);
    }
  if (date_cmp (&ev->date, &s->cape_end) > 0)
    return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                   _ ("The CAPE was planned to end on %s: it can no longer be renewed on %s. A "
                      "renewal must be signed before the end."),
                   current, date);
  if (!date_ok (&ev->end_date))
    return refuse (error, ES_PIPELINE_ERROR_DATA, _ ("The renewal has no new planned end date."));
  if (date_cmp (&ev->end_date, &s->cape_end) <= 0)
    {
      g_autofree char *end = es_date_format_short (&ev->end_date);
      return refuse (error, ES_PIPELINE_ERROR_DATA,
                     _ ("The new planned end of the CAPE (%s) must come after the current one "
                        "(%s)."),
                     end, current);
    }
  next_start = es_date_add_days (&s->cape_end, 1);
  max = es_pipeline_cape_max_end (&next_start);
  if (date_cmp (&ev->end_date, &max) > 0)
    {
      g_autofree char *end = es_date_format_short (&ev->end_date);
      g_autofree char *last = es_date_format_short (&max);
      return refuse (error, ES_PIPELINE_ERROR_CAPE_LENGTH,
                     _ ("A renewal adds 12 months at most: the CAPE planned to end on %s can be "
                        "extended until %s at the latest, not %s."),
                     current, last, end);
    }

  r->renewed_on[s->cape_renewals] = ev->date;
  s->cape_renewals++;
  s->cape_end = ev->end_date;
  return TRUE;
}

static gboolean
apply_cape_ended (Replay *r, const EsCareerEvent *ev, GError **error)
{
  EsPipelineState *s = r->state;
  g_autofree char *current = es_date_format_short (&s->cape_end);

  if (s->stage != ES_STAGE_CAPE)
    return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                   _ ("Only a CAPE under way can end; the member is at the stage “%s”."),
                   es_stage_label (s->stage));
  if (s->cape_ended)
    return refuse (error, ES_PIPELINE_ERROR_TRANSITION, _ ("The CAPE already ended on %s."),
                   current);
  if (date_cmp (&ev->date, &s->cape_end) > 0)
    {
      g_autofree char *date = es_date_format_short (&ev->date);
      return refuse (error, ES_PIPELINE_ERROR_CAPE_LENGTH,
                     _ ("The CAPE was planned to end on %s: it cannot end later, on %s. Record a "
                        "renewal to extend it."),
                     current, date);
    }

  s->cape_ended = TRUE;
  s->cape_end = ev->date;
  return TRUE;
}

static gboolean
apply_contract (Replay *r, const EsCareerEvent *ev, GError **error)
{
  EsPipelineState *s = r->state;
  g_autofree char *date = es_date_format_short (&ev->date);
  int cape_days = 0;

  switch (s->stage)
    {
    case ES_STAGE_RECEPTION:
      if (!s->diagnostic_done || !s->admitted)
        return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                       _ ("A contract can only be signed after a CAPE or after a diagnostic that "
                          "admitted the person."));
      break;
    case ES_STAGE_CAPE:
      break;
    case ES_STAGE_CONTRACT:
    case ES_STAGE_ASSOCIATE:
      {
        g_autofree char *since = es_date_format_short (&s->contract_date);
        return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                       _ ("A contract was already signed on %s: record an amendment to change "
                          "it."),
                       since);
      }
    case ES_STAGE_EXITED:
    case ES_STAGE_N_STAGES:
    default:
      return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                     _ ("A contract can only be signed at the reception or CAPE stage, not at "
                        "the stage “%s”."),
                     es_stage_label (s->stage));
    }

  if (ev->hours_milli == -1 || ev->fixed_gross_cents == -1 || ev->contribution_ppm == -1)
    return refuse (error, ES_PIPELINE_ERROR_DATA,
                   _ ("A contract must give the weekly hours, the fixed monthly gross pay and "
                      "the contribution rate."));
  if (!check_hours (ev->hours_milli, error) || !check_fixed (ev->fixed_gross_cents, error)
      || !check_rate (ev->contribution_ppm, error))
    return FALSE;

  if (s->stage == ES_STAGE_CAPE)
    {
      GDate last;

      if (s->cape_ended && date_cmp (&ev->date, &s->cape_end) <= 0)
        {
          g_autofree char *end = es_date_format_short (&s->cape_end);
          return refuse (error, ES_PIPELINE_ERROR_ORDER,
                         _ ("The contract cannot start on %s: the CAPE ran until %s. It can "
                            "start the next day at the earliest."),
                         date, end);
        }
      if (!s->cape_ended && date_cmp (&ev->date, &s->cape_start) <= 0)
        return refuse (error, ES_PIPELINE_ERROR_ORDER,
                       _ ("The contract cannot start on %s, the day the CAPE was signed: it can "
                          "start the next day at the earliest."),
                       date);
      last = es_date_add_days (&ev->date, -1);
      if (s->cape_ended || date_cmp (&s->cape_end, &last) < 0)
        last = s->cape_end;
      s->cape_end = last;
      cape_days = es_date_days_between (&s->cape_start, &last) + 1;
    }

  enter_stage (s, ES_STAGE_CONTRACT, &ev->date);
  s->cape_days = cape_days;
  s->contract_date = ev->date;
  s->hours_milli = ev->hours_milli;
  s->fixed_gross_cents = ev->fixed_gross_cents;
  s->contribution_ppm = ev->contribution_ppm;
  s->trial_end = es_pipeline_trial_end (&ev->date, cape_days > 0 ? &s->cape_start : NULL,
                                        cape_days > 0 ? &s->cape_end : NULL);
  s->associate_deadline = es_pipeline_associate_deadline (
      &ev->date, cape_days > 0 ? &s->cape_start : NULL, cape_days > 0 ? &s->cape_end : NULL);
  return TRUE;
}

static gboolean
apply_amendment (Replay *r, const EsCareerEvent *ev, GError **error)
{
  EsPipelineState *s = r->state;
  gboolean changes = FALSE;

  if (s->stage != ES_STAGE_CONTRACT && s->stage != ES_STAGE_ASSOCIATE)
    return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                   _ ("An amendment changes a signed contract: it is not possible at the stage "
                      "“%s”."),
                   es_stage_label (s->stage));
  if (ev->hours_milli != -1)
    {
      if (!check_hours (ev->hours_milli, error))
        return FALSE;
      changes |= ev->hours_milli != s->hours_milli;
    }
  if (ev->fixed_gross_cents != -1)
    {
      if (!check_fixed (ev->fixed_gross_cents, error))
        return FALSE;
      changes |= ev->fixed_gross_cents != s->fixed_gross_cents;
    }
  if (ev->contribution_ppm != -1)
    {
      if (!check_rate (ev->contribution_ppm, error))
        return FALSE;
      changes |= ev->contribution_ppm != s->contribution_ppm;
    }
  if (!changes)
    return refuse (error, ES_PIPELINE_ERROR_DATA,
                   _ ("This amendment changes nothing: give new weekly hours, a new fixed pay or "
                      "a new contribution rate."));

  if (ev->hours_milli != -1)
    s->hours_milli = ev->hours_milli;
  if (ev->fixed_gross_cents != -1)
    s->fixed_gross_cents = ev->fixed_gross_cents;
  if (ev->contribution_ppm != -1)
    s->contribution_ppm = ev->contribution_ppm;
  return TRUE;
}

static gboolean
apply_associate (Replay *r, const EsCareerEvent *ev, GError **error)
{
  EsPipelineState *s = r->state;

  if (s->stage == ES_STAGE_ASSOCIATE)
    {
      g_autofree char *since = es_date_format_short (&s->associate_date);
      return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                     _ ("The member has been an associate since %s."), since);
    }
  if (s->stage != ES_STAGE_CONTRACT)
    return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                   _ ("Only a salaried entrepreneur under contract can become associate; the "
                      "member is at the stage “%s”."),
                   es_stage_label (s->stage));
  if (ev->shares_subscribed < 1)
    return refuse (error, ES_PIPELINE_ERROR_DATA,
                   _ ("An associate subscribes at least one share."));
  if (ev->shares_paid_cents < 0)
    return refuse (error, ES_PIPELINE_ERROR_DATA,
                   _ ("The amount paid for the shares cannot be negative."));
  if (date_cmp (&ev->date, &s->associate_deadline) > 0)
    {
      g_autofree char *deadline = es_date_format_short (&s->associate_deadline);
      g_autofree char *date = es_date_format_short (&ev->date);
      return refuse (error, ES_PIPELINE_ERROR_DEADLINE,
                     _ ("The last day to become associate was %s: it is too late on %s, the "
                        "contract must end."),
                     deadline, date);
    }

  enter_stage (s, ES_STAGE_ASSOCIATE, &ev->date);
  s->associate_date = ev->date;
  s->shares_subscribed = ev->shares_subscribed;
  s->shares_paid_cents = ev->shares_paid_cents;
  return TRUE;
}

static gboolean
apply_event (Replay *r, const EsCareerEvent *ev, GError **error)
{
  EsPipelineState *s = r->state;

  if (!date_ok (&ev->date))
    return refuse (error, ES_PIPELINE_ERROR_DATA, _ ("“%s” has no valid date."),
                   es_event_kind_label (ev->kind));

  if (s->stage == ES_STAGE_EXITED && ev->kind != ES_EVENT_INFO_MEETING)
    {
      g_autofree char *left = es_date_format_short (&s->exit_date);
      if (ev->kind == ES_EVENT_EXIT)
        return refuse (error, ES_PIPELINE_ERROR_TRANSITION, _ ("The member already left on %s."),
                       left);
      return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                     _ ("The member left on %s: record an information meeting first to start a "
                        "new journey."),
                     left);
    }

  switch (ev->kind)
    {
    case ES_EVENT_INFO_MEETING:
      if (s->stage == ES_STAGE_EXITED)
        {
          es_pipeline_state_init (s);
          memset (r->renewed_on, 0, sizeof r->renewed_on);
        }
      else if (s->stage != ES_STAGE_RECEPTION)
        return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                       _ ("An information meeting is only possible at the reception stage or "
                          "after an exit, not at the stage “%s”."),
                       es_stage_label (s->stage));
      if (!s->has_events)
        s->stage_since = ev->date;
      break;

    case ES_EVENT_DIAGNOSTIC:
      if (s->stage != ES_STAGE_RECEPTION)
        return refuse (error, ES_PIPELINE_ERROR_TRANSITION,
                       _ ("A diagnostic is only possible at the reception stage, not at the "
                          "stage “%s”."),
                       es_stage_label (s->stage));
      if (!s->has_events)
        s->stage_since = ev->date;
      s->diagnostic_done = TRUE;
      s->admitted = ev->admitted;
      if (!ev->admitted)
        {
          enter_stage (s, ES_STAGE_EXITED, &ev->date);
          s->exit_date = ev->date;
          s->exit_reason = ES_EXIT_NOT_ADMITTED;
        }
      break;

    case ES_EVENT_CAPE_SIGNED:
      if (!apply_cape_signed (r, ev, error))
        return FALSE;
      break;

    case ES_EVENT_CAPE_RENEWED:
      if (!apply_cape_renewed (r, ev, error))
        return FALSE;
      break;

    case ES_EVENT_CAPE_ENDED:
      if (!apply_cape_ended (r, ev, error))
        return FALSE;
      break;

    case ES_EVENT_CONTRACT_SIGNED:
      if (!apply_contract (r, ev, error))
        return FALSE;
      break;

    case ES_EVENT_AMENDMENT:
      if (!apply_amendment (r, ev, error))
        return FALSE;
      break;

    case ES_EVENT_ASSOCIATE:
      if (!apply_associate (r, ev, error))
        return FALSE;
      break;

    case ES_EVENT_EXIT:
      if ((guint)ev->exit_reason >= ES_EXIT_N_REASONS)
        return refuse (error, ES_PIPELINE_ERROR_DATA, _ ("The exit has no valid reason."));
      {
        gboolean fits = exit_fits (s, ev);

        if (fits && r->fitting != NULL)
          g_hash_table_add (r->fitting, (gpointer)ev);
        if (!fits
            && (ev == r->candidate
                || (r->must_fit != NULL && g_hash_table_contains (r->must_fit, ev))))
          return refuse_exit (s, ev, ev == r->candidate, error);
      }
      enter_stage (s, ES_STAGE_EXITED, &ev->date);
      s->exit_date = ev->date;
      s->exit_reason = ev->exit_reason;
      break;

    case ES_EVENT_CANCELLATION: /* never in the effective history */
    case ES_EVENT_N_KINDS:
    default:
      return refuse (error, ES_PIPELINE_ERROR_DATA,
                     _ ("An event of an unknown kind cannot be part of the history."));
    }

  s->has_events = TRUE;
  return TRUE;
}

/* Replays the first n slots; the position of the refused one, or -1. */
static int
replay (GArray *slots, guint n, const Replay *with, EsPipelineState *state, GError **error)
{
  Replay r = { state, { { 0 } }, NULL, NULL, NULL };
  guint k;

  if (with != NULL)
    {
      r.candidate = with->candidate;
      r.fitting = with->fitting;
      r.must_fit = with->must_fit;
    }
  es_pipeline_state_init (state);
  for (k = 0; k < n && k < slots->len; k++)
    {
      EsPipelineState before = *state;

      if (!apply_event (&r, g_array_index (slots, Slot, k).event, error))
        {
          *state = before;
          return (int)k;
        }
    }
  return -1;
}

/* A slot recorded after some slot dated later than it: the latest-dated such slot, or -1. */
static int
earlier_recorded_later_dated (GArray *slots, guint p)
{
  const Slot *sp = &g_array_index (slots, Slot, p);
  int best = -1;
  guint q;

  for (q = 0; q < slots->len; q++)
    {
      const Slot *sq = &g_array_index (slots, Slot, q);

      if (sq->rank >= sp->rank || date_cmp (&sq->event->date, &sp->event->date) <= 0)
        continue;
      if (best < 0 || slot_cmp (sq, &g_array_index (slots, Slot, best)) > 0)
        best = (int)q;
    }
  return best;
}

static gboolean derive_full (GPtrArray *events, const Replay *with, gboolean name_order,
                             EsPipelineState *state, GError **error);

/* Would the history derive with late dated the day after first? Else its date is not what
 * the rules refuse (a CAPE signed again while one is under way, whatever the day), and
 * the refusal is better said as it is. */
static gboolean
later_date_would_do (GPtrArray *events, const Replay *with, const EsCareerEvent *late,
                     const EsCareerEvent *first)
{
  g_autoptr (GPtrArray) moved = g_ptr_array_sized_new (events->len);
  g_autoptr (EsCareerEvent) copy = es_career_event_copy (late);
  Replay w = { NULL, { { 0 } }, NULL, NULL, NULL };
  EsPipelineState state;

  copy->date = es_date_add_days (&first->date, 1);
  for (guint k = 0; k < events->len; k++)
    {
      const EsCareerEvent *ev = g_ptr_array_index (events, k);

      g_ptr_array_add (moved, ev == late ? copy : (gpointer)ev);
    }
  if (with != NULL)
    {
      w.candidate = with->candidate == late ? copy : with->candidate;
      w.must_fit = with->must_fit;
    }
  return derive_full (moved, &w, FALSE, &state, NULL);
}

static gboolean
derive (GPtrArray *events, const Replay *with, EsPipelineState *state, GError **error)
{
  return derive_full (events, with, TRUE, state, error);
}

/* es_pipeline_derive(), for a candidate when with gives one; name_order: say when a
 * back-dated event is what the rules refuse. */
static gboolean
derive_full (GPtrArray *events, const Replay *with, gboolean name_order, EsPipelineState *state,
             GError **error)
{
  g_autoptr (GArray) slots = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr (GError) correction_error = NULL;
  g_autoptr (GError) replay_error = NULL;
  int failed, culprit = -1, before = -1;
  guint p;

  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  compute_slots (events, slots, &correction_error);
  failed = replay (slots, slots->len, with, state, &replay_error);
  if (correction_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&correction_error));
      return FALSE;
    }
  if (failed < 0)
    return TRUE;

  /* A refusal caused by an event dated before events recorded earlier names that event
   * instead: the most recently recorded such one replayed so far, when it was recorded
   * after the refused event (which was accepted without it), or is the refused event
   * itself and was refused for the stage it found. */
  if (name_order && replay_error->domain == ES_PIPELINE_ERROR
      && replay_error->code != ES_PIPELINE_ERROR_ORDER
      && replay_error->code != ES_PIPELINE_ERROR_EXIT_REASON)
    {
      guint failed_rank = g_array_index (slots, Slot, failed).rank;
      gboolean transition = replay_error->code == ES_PIPELINE_ERROR_TRANSITION;

      for (p = 0; p <= (guint)failed; p++)
        {
          const Slot *sp = &g_array_index (slots, Slot, p);
          int q;

          if (sp->rank < failed_rank || (sp->rank == failed_rank && !transition))
            continue;
          if (culprit >= 0 && sp->rank < g_array_index (slots, Slot, culprit).rank)
            continue;
          q = earlier_recorded_later_dated (slots, p);
          if (q >= 0)
            {
              culprit = (int)p;
              before = q;
            }
        }
    }
  /* Refused itself: was it for its date? */
  if (culprit >= 0 && culprit == failed
      && !later_date_would_do (events, with, g_array_index (slots, Slot, culprit).event,
                               g_array_index (slots, Slot, before).event))
    culprit = -1;
  if (culprit >= 0)
    {
      const EsCareerEvent *late = g_array_index (slots, Slot, culprit).event;
      const EsCareerEvent *first = g_array_index (slots, Slot, before).event;
      g_autofree char *late_date = es_date_format_short (&late->date);
      g_autofree char *first_date = es_date_format_short (&first->date);

      replay (slots, (guint)culprit, with, state, NULL);
      return refuse (error, ES_PIPELINE_ERROR_ORDER,
                     _ ("“%s” on %s comes before “%s” on %s, recorded earlier, which it must "
                        "follow: check the dates."),
                     es_event_kind_label (late->kind), late_date, es_event_kind_label (first->kind),
                     first_date);
    }
  g_propagate_error (error, g_steal_pointer (&replay_error));
  return FALSE;
}

gboolean
es_pipeline_derive (GPtrArray *events, EsPipelineState *state, GError **error)
{
  return derive (events, NULL, state, error);
}

char *
es_pipeline_describe_too_early (const GDate *date)
{
  GDate earliest;

  g_return_val_if_fail (date_ok (date), NULL);

  g_date_clear (&earliest, 1);
  g_date_set_dmy (&earliest, 1, G_DATE_JANUARY, ES_PIPELINE_EARLIEST_YEAR);
  if (date_cmp (date, &earliest) >= 0)
    return NULL;
  {
    g_autofree char *given = es_date_format_short (date);
    g_autofree char *first = es_date_format_short (&earliest);
    return g_strdup_printf (_ ("The date %s is too far back: a member's history starts on %s "
                               "at the earliest. Check the year."),
                            given, first);
  }
}

/* The dates a new event can have, whatever the history. */
static gboolean
check_new_date (const EsCareerEvent *ev, const GDate *today, GError **error)
{
  g_autofree char *too_early = NULL;
  GDate latest = es_date_add_months (today, ES_PIPELINE_MONTHS_AHEAD);

  if (!date_ok (&ev->date))
    return refuse (error, ES_PIPELINE_ERROR_DATE, _ ("The event has no date."));
  too_early = es_pipeline_describe_too_early (&ev->date);
  if (too_early != NULL)
    return refuse (error, ES_PIPELINE_ERROR_DATE, "%s", too_early);
  if (date_ok (&latest) && date_cmp (&ev->date, &latest) > 0)
    {
      g_autofree char *date = es_date_format_short (&ev->date);
      g_autofree char *last = es_date_format_short (&latest);
      return refuse (error, ES_PIPELINE_ERROR_DATE,
                     _ ("The date %s is more than a year ahead (after %s): check the year."), date,
                     last);
    }
  return TRUE;
}

/* The reason in words that a new diagnostic not admitting, or a new cancellation, gives. */
static gboolean
check_new_reason (const EsCareerEvent *ev, GError **error)
{
  if (!(ev->kind == ES_EVENT_DIAGNOSTIC && !ev->admitted) && ev->kind != ES_EVENT_CANCELLATION)
    return TRUE;
  if (!es_text_is_blank (ev->reason))
    return TRUE;
  return refuse (error, ES_PIPELINE_ERROR_DATA,
                 ev->kind == ES_EVENT_DIAGNOSTIC
                     ? _ ("A diagnostic that does not admit the person needs the reason, in "
                          "words.")
                     : _ ("A cancellation needs the reason, in words."));
}

gboolean
es_pipeline_check_event_after_birth (const GDate *birth_date, const EsCareerEvent *event,
                                     GError **error)
{
  GDate sixteen;

  g_return_val_if_fail (event != NULL, FALSE);

  if (birth_date == NULL || !date_ok (birth_date) || !date_ok (&event->date))
    return TRUE;
  sixteen = es_date_add_months (birth_date, 16 * 12);
  if (date_cmp (&event->date, &sixteen) >= 0)
    return TRUE;
  {
    g_autofree char *date = es_date_format_short (&event->date);
    g_autofree char *born = es_date_format_short (birth_date);
    return refuse (error, ES_PIPELINE_ERROR_DATE,
                   _ ("The member, born on %s, was not yet 16 on %s: check the date."), born, date);
  }
}

gboolean
es_pipeline_check_event (GPtrArray *events, const EsCareerEvent *candidate, const GDate *today,
                         GError **error)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GHashTable) fitting = NULL;
  EsPipelineState state;
  guint k;

  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (candidate != NULL, FALSE);
  g_return_val_if_fail (date_ok (today), FALSE);

  if (!check_new_date (candidate, today, error))
    return FALSE;
  /* The exits whose reason fits, before: they must still fit with the new event. */
  fitting = g_hash_table_new (NULL, NULL);
  {
    Replay before = { NULL, { { 0 } }, NULL, fitting, NULL };

    derive (events, &before, &state, NULL);
  }
  all = g_ptr_array_sized_new (events->len + 1);
  for (k = 0; k < events->len; k++)
    g_ptr_array_add (all, g_ptr_array_index (events, k));
  g_ptr_array_add (all, (gpointer)candidate);
  {
    Replay with = { NULL, { { 0 } }, candidate, NULL, fitting };

    return derive (all, &with, &state, error) && check_new_reason (candidate, error);
  }
}

/* ---------------------------------------------------------------------------------------
 * Next steps
 * ------------------------------------------------------------------------------------- */

guint
es_pipeline_next_kinds (const EsPipelineState *state, EsEventKind out[ES_EVENT_N_KINDS])
{
  guint n = 0;

  g_return_val_if_fail (state != NULL, 0);
  g_return_val_if_fail (out != NULL, 0);

  switch (state->stage)
    {
    case ES_STAGE_RECEPTION:
      out[n++] = ES_EVENT_INFO_MEETING;
      out[n++] = ES_EVENT_DIAGNOSTIC;
      if (state->diagnostic_done && state->admitted)
        {
          out[n++] = ES_EVENT_CAPE_SIGNED;
          out[n++] = ES_EVENT_CONTRACT_SIGNED;
        }
      if (state->has_events)
        out[n++] = ES_EVENT_EXIT;
      break;
    case ES_STAGE_CAPE:
      if (!state->cape_ended)
        {
          if (state->cape_renewals < ES_PIPELINE_MAX_CAPE_RENEWALS)
            out[n++] = ES_EVENT_CAPE_RENEWED;
          out[n++] = ES_EVENT_CAPE_ENDED;
        }
      out[n++] = ES_EVENT_CONTRACT_SIGNED;
      out[n++] = ES_EVENT_EXIT;
      break;
    case ES_STAGE_CONTRACT:
      out[n++] = ES_EVENT_AMENDMENT;
      out[n++] = ES_EVENT_ASSOCIATE;
      out[n++] = ES_EVENT_EXIT;
      break;
    case ES_STAGE_ASSOCIATE:
      out[n++] = ES_EVENT_AMENDMENT;
      out[n++] = ES_EVENT_EXIT;
      break;
    case ES_STAGE_EXITED:
      out[n++] = ES_EVENT_INFO_MEETING;
      break;
    case ES_STAGE_N_STAGES:
    default:
      break;
    }
  return n;
}

gboolean
es_pipeline_forward_kind (const EsPipelineState *state, EsEventKind *out)
{
  EsEventKind kind;

  g_return_val_if_fail (state != NULL, FALSE);

  switch (state->stage)
    {
    case ES_STAGE_RECEPTION:
      kind = ES_EVENT_CAPE_SIGNED;
      break;
    case ES_STAGE_CAPE:
      kind = ES_EVENT_CONTRACT_SIGNED;
      break;
    case ES_STAGE_CONTRACT:
      kind = ES_EVENT_ASSOCIATE;
      break;
    case ES_STAGE_ASSOCIATE:
    case ES_STAGE_EXITED:
    case ES_STAGE_N_STAGES:
    default:
      return FALSE;
    }
  if (out != NULL)
    *out = kind;
  return TRUE;
}

/* ---------------------------------------------------------------------------------------
 * Deadlines
 * ------------------------------------------------------------------------------------- */

static void
add_deadline (GArray *out, gint64 member_id, EsDeadlineKind kind, const GDate *date,
              const GDate *today)
{
  EsDeadline d;

  if (!date_ok (date))
    return;
  d.member_id = member_id;
  d.kind = kind;
  d.date = *date;
  d.days_left = es_date_days_between (today, date);
  if (d.days_left < 0)
    d.urgency = ES_URGENCY_OVERDUE;
  else if (d.days_left <= 30)
    d.urgency = ES_URGENCY_SOON;
  else if (d.days_left <= 90)
    d.urgency = ES_URGENCY_NEAR;
  else
    d.urgency = ES_URGENCY_LATER;
  g_array_append_val (out, d);
}

static int
date_desc_cmp (gconstpointer a, gconstpointer b)
{
  return es_date_compare (b, a);
}

void
es_pipeline_deadlines (const EsPipelineState *state, const EsDeadlineFacts *facts,
                       const GDate *today, GArray *out)
{
  gint64 member_id;
  EsStage stage;

  g_return_if_fail (state != NULL);
  g_return_if_fail (date_ok (today));
  g_return_if_fail (out != NULL);
  g_return_if_fail (g_array_get_element_size (out) == sizeof (EsDeadline));

  member_id = facts != NULL ? facts->member_id : 0;
  stage = state->stage;

  if (stage == ES_STAGE_CAPE)
    add_deadline (out, member_id, state->cape_ended ? ES_DEADLINE_AFTER_CAPE : ES_DEADLINE_CAPE_END,
                  &state->cape_end, today);

  if (stage == ES_STAGE_CONTRACT && date_ok (&state->trial_end)
      && date_cmp (today, &state->trial_end) <= 0)
    add_deadline (out, member_id, ES_DEADLINE_TRIAL_END, &state->trial_end, today);

  if (stage == ES_STAGE_CONTRACT)
    add_deadline (out, member_id, ES_DEADLINE_ASSOCIATE, &state->associate_deadline, today);

  if ((stage == ES_STAGE_CONTRACT || stage == ES_STAGE_ASSOCIATE)
      && date_ok (&state->contract_date))
    {
      g_autoptr (GArray) dates = g_array_new (FALSE, FALSE, sizeof (GDate));
      GDate base = state->contract_date, due;
      guint k;

      for (k = 0; facts != NULL && facts->interviews != NULL && k < facts->n_interviews; k++)
        if (date_ok (&facts->interviews[k]))
          g_array_append_val (dates, facts->interviews[k]);
      g_array_sort (dates, date_desc_cmp);
      if (dates->len >= 2 && date_cmp (&g_array_index (dates, GDate, 1), &base) > 0)
        base = g_array_index (dates, GDate, 1);
      due = es_date_add_months (&base, 12);
      add_deadline (out, member_id, ES_DEADLINE_INTERVIEWS, &due, today);
    }

  if (stage != ES_STAGE_EXITED && facts != NULL)
    {
      add_deadline (out, member_id, ES_DEADLINE_PERMIT, &facts->permit_end, today);
      if (stage == ES_STAGE_RECEPTION || stage == ES_STAGE_CAPE)
        add_deadline (out, member_id, ES_DEADLINE_BENEFITS, &facts->benefits_end, today);
    }
}

static int
deadline_cmp (gconstpointer a, gconstpointer b)
{
  const EsDeadline *da = a, *db = b;
  int c = date_cmp (&da->date, &db->date);

  if (c != 0)
    return c;
  if (da->member_id != db->member_id)
    return da->member_id < db->member_id ? -1 : 1;
  return (int)da->kind - (int)db->kind;
}

void
es_deadlines_sort (GArray *deadlines)
{
  g_return_if_fail (deadlines != NULL);
  g_array_sort (deadlines, deadline_cmp);
}

const char *
es_deadline_kind_label (EsDeadlineKind kind)
{
  static const char *const labels[ES_DEADLINE_N_KINDS] = {
    [ES_DEADLINE_CAPE_END] = N_ ("CAPE ends"),
    [ES_DEADLINE_TRIAL_END] = N_ ("Trial period ends"),
    [ES_DEADLINE_ASSOCIATE] = N_ ("Associate deadline"),
    [ES_DEADLINE_INTERVIEWS] = N_ ("Interviews due"),
    [ES_DEADLINE_PERMIT] = N_ ("Residence permit ends"),
    [ES_DEADLINE_BENEFITS] = N_ ("Unemployment rights end"),
    [ES_DEADLINE_AFTER_CAPE] = N_ ("Contract or exit to record"),
  };

  g_return_val_if_fail ((guint)kind < ES_DEADLINE_N_KINDS, NULL);
  return _ (labels[kind]);
}

/* Delays said in days up to three months, in months beyond. */
#define DESCRIBE_DAYS_UP_TO 90

char *
es_deadline_describe_delay (const EsDeadline *deadline)
{
  int days;

  g_return_val_if_fail (deadline != NULL, NULL);

  days = deadline->days_left;
  if (days == 0)
    return g_strdup (_ ("today"));
  /* Past three months, 675 days say less than 22 months. */
  if ((days > DESCRIBE_DAYS_UP_TO || days < -DESCRIBE_DAYS_UP_TO) && date_ok (&deadline->date))
    {
      GDate today = es_date_add_days (&deadline->date, -days);
      const GDate *from = days > 0 ? &today : &deadline->date;
      const GDate *to = days > 0 ? &deadline->date : &today;
      int months = 0;

      for (;;)
        {
          GDate next = es_date_add_months (from, months + 1);

          if (!date_ok (&next) || date_cmp (&next, to) > 0)
            break;
          months++;
        }
      {
        GDate whole = es_date_add_months (from, months);

        /* To the nearest month. */
        if (es_date_days_between (&whole, to) >= 15)
          months++;
      }
      if (days > 0)
        return g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "in %d month", "in %d months", (gulong)months), months);
      return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%d month overdue", "%d months overdue", (gulong)months),
          months);
    }
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", (gulong)days),
                            days);
  days = days == G_MININT ? G_MAXINT : -days;
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue", (gulong)days), days);
}
