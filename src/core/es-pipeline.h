/* es-pipeline.h — the rules of the member pipeline (parcours), pure functions.
 *
 * The stage is derived from the dated career events, never stored. es_pipeline_derive()
 * replays the effective history (corrections applied, cancelled events dropped) in date
 * order and refuses, with the reason in words, any history the rules do not allow.
 * Adding an event is allowed exactly when the history with it still derives.
 *
 * Rules (DOMAIN.md):
 * - CAPE periods last at most 12 months each, with at most 2 renewals (36 months in all).
 * - The trial period ends at contract signature + 8 months − time spent in CAPE (not
 *   before the signature).
 * - The associate deadline is contract signature + 3 years − the duration of a prior CAPE;
 *   becoming associate on that very day is allowed, after it is refused.
 * - A member in contract (or associate) needs 2 support interviews in any 12 months.
 *
 * Conventions:
 * - A period of N months starting on day D ends the day before the same day N months
 *   later; when that month has no such day, it ends on that month's last day
 *   (es_pipeline_period_end): 15/01/2026 + 8 months → 14/09/2026; 01/03/2026 + 12 months →
 *   28/02/2027; 29/02/2024 + 36 months → 28/02/2027; 31/03/2026 + 1 month → 30/04/2026.
 * - CAPE: signed on S with planned end E, S < E ≤ es_pipeline_cape_max_end (S) (S + 12
 *   months as above). A renewal dated no later than the current planned end E moves it to
 *   E' with E < E' ≤ es_pipeline_cape_max_end (E + 1 day). cape_ended is dated on the last
 *   day, no later than the planned end.
 * - cape_days counts both ends: from the first signature to the CAPE's last day, which is
 *   the cape_ended date, or else the day before the contract (but no later than the
 *   planned end). A contract after a CAPE starts the day after its last day at the earliest.
 * - The time in CAPE counts in months, then days (es_pipeline_cape_duration): a CAPE from
 *   01/02 to 31/07 is 6 months, whatever the length of those months. For N months (8 for
 *   the trial, 36 for the associate deadline), the end is the earlier of
 *   es_pipeline_period_end (contract, N − CAPE months) − CAPE days and
 *   es_pipeline_period_end (CAPE start, N) + the days between the CAPE's end and the
 *   contract, so that short months never stretch CAPE and trial past N months. Both are
 *   last days: the day itself is still allowed. So a 6-month CAPE then a contract on
 *   01/08/2025 leaves a 2-month trial, to 30/09/2025. A CAPE of N months or more leaves no
 *   trial (trial_end invalid); the associate deadline is then the contract's day.
 * - Hours: 0 < hours_milli ≤ ES_PIPELINE_MAX_HOURS_MILLI (35 h, the legal full time:
 *   a CESA is full- or part-time); fixed gross ≥ 0; 0 < contribution ≤ 50 %.
 * - Events are replayed in date order, so an event may be recorded after others yet dated
 *   before them as long as the rules still hold (an information meeting recorded late).
 *   When such a back-dated event breaks the rules, the error is ES_PIPELINE_ERROR_ORDER
 *   and names its date and the date of the event recorded before it that it precedes.
 */
#pragma once

#include <glib.h>

#include "es-career-event.h"

G_BEGIN_DECLS

typedef enum
{
  ES_STAGE_RECEPTION, /* Accueil & diagnostic */
  ES_STAGE_CAPE,      /* Test (CAPE) */
  ES_STAGE_CONTRACT,  /* Entrepreneur salarié (CDI) */
  ES_STAGE_ASSOCIATE, /* Associé */
  ES_STAGE_EXITED,    /* Sortis */
  ES_STAGE_N_STAGES
} EsStage;

#define ES_PIPELINE_ERROR (es_pipeline_error_quark ())

typedef enum
{
  ES_PIPELINE_ERROR_ORDER,      /* an event before the one it must follow */
  ES_PIPELINE_ERROR_TRANSITION, /* this step is not possible from the current stage */
  ES_PIPELINE_ERROR_CAPE_LENGTH,
  ES_PIPELINE_ERROR_CAPE_RENEWALS,
  ES_PIPELINE_ERROR_DEADLINE,    /* associate after the deadline */
  ES_PIPELINE_ERROR_DATA,        /* a missing or impossible field of the event */
  ES_PIPELINE_ERROR_CORRECTION,  /* corrects an unknown event, or of another kind */
  ES_PIPELINE_ERROR_DATE,        /* a new event dated too far back or ahead */
  ES_PIPELINE_ERROR_EXIT_REASON, /* an exit's reason does not fit the stage it leaves */
} EsPipelineError;

GQuark es_pipeline_error_quark (void);

typedef struct
{
  EsStage stage;
  GDate stage_since; /* date of the event that entered the stage (invalid if none) */
  gboolean has_events;

  /* reception */
  gboolean diagnostic_done;
  gboolean admitted;

  /* CAPE */
  GDate cape_start; /* first CAPE signature */
  GDate cape_end;   /* planned end of the current period, or actual end once ended */
  int cape_renewals;
  gboolean cape_ended; /* a cape_ended event was recorded */
  int cape_days;       /* days spent in CAPE before the contract (inclusive of both ends) */

  /* contract */
  GDate contract_date;
  gint64 hours_milli;
  gint64 fixed_gross_cents;
  gint64 contribution_ppm;
  GDate trial_end;          /* last day of the trial period */
  GDate associate_deadline; /* last day to become associate */

  /* associate */
  GDate associate_date;
  gint64 shares_subscribed;
  gint64 shares_paid_cents;

  /* exit */
  GDate exit_date;
  EsExitReason exit_reason;
} EsPipelineState;

/* Translated stage name as the board shows it: "Accueil & diagnostic"… (English msgids:
 * "Reception & diagnostic", "Test (CAPE)", "Salaried entrepreneur (CDI)", "Associate",
 * "Exited"). */
/* The version of the rules that derive a state from the events: raise it whenever
 * es_pipeline_derive() may give another state for the same events, so that the states
 * kept in the database (member_state) are derived again. */
#define ES_PIPELINE_RULES_VERSION 2

gboolean es_pipeline_state_equal (const EsPipelineState *a, const EsPipelineState *b);

const char *es_stage_label (EsStage stage);
const char *es_stage_to_code (EsStage stage); /* "reception", "cape", "contract"… */
gboolean es_stage_from_code (const char *code, EsStage *out);

/* The effective history: corrections applied (a correcting event takes the place of the
 * one it corrects, keeping its own id and date; when an event was corrected several times,
 * the last recorded correction wins), cancelled events and cancellations dropped (a
 * cancellation voids the event it names together with all its corrections), sorted by
 * date then id (for a corrected event, the id of the event first recorded; id 0, not yet
 * stored, comes last). Invalid corrections are left out. Returns a new array of borrowed
 * pointers into events. */
GPtrArray *es_pipeline_effective (GPtrArray *events);

/* Sets state to the stage of a member without events (reception, all dates invalid). */
void es_pipeline_state_init (EsPipelineState *state);

/* Replays events (EsCareerEvent*, any order) into state. FALSE with the first reason the
 * rules refuse, in words; state then holds what was derived before that event (for a
 * CORRECTION error: the history derived without the faulty corrections). */
gboolean es_pipeline_derive (GPtrArray *events, EsPipelineState *state, GError **error);

/* Would the history still derive with candidate added, on today? FALSE with the reason if
 * not. Besides the rules of es_pipeline_derive(), a new event (not the history before it,
 * which may have been recorded under older rules) must:
 * - be dated from 1 January ES_PIPELINE_EARLIEST_YEAR to ES_PIPELINE_MONTHS_AHEAD months
 *   after today;
 * - give the reason, not blank, of a diagnostic that does not admit, and of a
 *   cancellation;
 * - as an exit, give a reason that fits the stage (es_pipeline_exit_reason_fits), the
 *   associate deadline only from that day on; and whatever it is, leave the exits of the
 *   history whose reason fit still fitting (no contract cancelled under a resignation):
 *   ES_PIPELINE_ERROR_EXIT_REASON. */
gboolean es_pipeline_check_event (GPtrArray *events, const EsCareerEvent *candidate,
                                  const GDate *today, GError **error);

/* A new event of a member born on birth_date (invalid: unknown) is dated from their 16th
 * birthday on: FALSE with ES_PIPELINE_ERROR_DATE otherwise. */
gboolean es_pipeline_check_event_after_birth (const GDate *birth_date, const EsCareerEvent *event,
                                              GError **error);

#define ES_PIPELINE_EARLIEST_YEAR 1990 /* the first CAEs opened in the mid-1990s */

/* Why date (valid) is too far back for a member's history, an event's or an interview's:
 * before 1 January ES_PIPELINE_EARLIEST_YEAR (translated); NULL when it is not. */
char *es_pipeline_describe_too_early (const GDate *date);
#define ES_PIPELINE_MONTHS_AHEAD 12

/* Whether a member at that state can leave for that reason: end of CAPE in CAPE,
 * resignation, mutual agreement and dismissal under contract (or associate), associate
 * deadline under contract, own company, salaried job, project stopped and other at any
 * stage; "not admitted" never (a diagnostic that does not admit is that exit); none once
 * exited. For the exit form's choices. */
gboolean es_pipeline_exit_reason_fits (const EsPipelineState *state, EsExitReason reason);

/* The event kinds that can follow from this state (for menus): fills out[] and returns
 * how many. Does not include corrections and cancellations. */
guint es_pipeline_next_kinds (const EsPipelineState *state, EsEventKind out[ES_EVENT_N_KINDS]);
/* The natural next step on the board: reception → CAPE, CAPE → contract, contract →
 * associate; FALSE when there is none (associate, exited). */
gboolean es_pipeline_forward_kind (const EsPipelineState *state, EsEventKind *out);

/* Pure date rules, exposed for tests and forms (see the conventions above). */
#define ES_PIPELINE_MAX_HOURS_MILLI G_GINT64_CONSTANT (35000)       /* 35 h a week */
#define ES_PIPELINE_MAX_CONTRIBUTION_PPM G_GINT64_CONSTANT (500000) /* 50 % */
#define ES_PIPELINE_MAX_CAPE_RENEWALS 2

GDate es_pipeline_period_end (const GDate *start, int months);
/* The time from first to last, both included, as whole periods of months counted as
 * es_pipeline_period_end() does, then days: 01/02 → 31/07 is 6 months 0 days, 15/02 → 20/05
 * is 3 months 6 days, 31/01 → 30/04 is 3 months 0 days. Zero when last is before first. */
void es_pipeline_cape_duration (const GDate *first, const GDate *last, int *months, int *days);
/* The last day of the trial period (8 months; invalid when the CAPE took it all) and the
 * last day to become associate (36 months) for a contract signed on contract_date after a
 * CAPE from cape_first to cape_last (both NULL for none), as the conventions above say. */
GDate es_pipeline_trial_end (const GDate *contract_date, const GDate *cape_first,
                             const GDate *cape_last);
GDate es_pipeline_associate_deadline (const GDate *contract_date, const GDate *cape_first,
                                      const GDate *cape_last);
GDate es_pipeline_cape_max_end (const GDate *period_start);

typedef enum
{
  ES_DEADLINE_CAPE_END,   /* the current CAPE period ends (renewals left in detail) */
  ES_DEADLINE_TRIAL_END,  /* the trial period ends */
  ES_DEADLINE_ASSOCIATE,  /* last day to become associate */
  ES_DEADLINE_INTERVIEWS, /* fewer than 2 interviews in 12 months from this date */
  ES_DEADLINE_PERMIT,     /* the residence permit ends */
  ES_DEADLINE_BENEFITS,   /* the unemployment rights end */
  ES_DEADLINE_AFTER_CAPE, /* the CAPE ended: a contract or an exit is to be recorded */
  ES_DEADLINE_N_KINDS
} EsDeadlineKind;

typedef enum
{
  ES_URGENCY_OVERDUE, /* date before today */
  ES_URGENCY_SOON,    /* within 30 days */
  ES_URGENCY_NEAR,    /* within 90 days */
  ES_URGENCY_LATER,
} EsUrgency;

typedef struct
{
  gint64 member_id;
  EsDeadlineKind kind;
  GDate date;
  int days_left; /* date − today; negative when overdue */
  EsUrgency urgency;
} EsDeadline;

/* Extra facts a member's deadlines need besides the derived state. */
typedef struct
{
  gint64 member_id;
  GDate permit_end;        /* invalid if none */
  GDate benefits_end;      /* invalid if none */
  const GDate *interviews; /* interview dates, any order */
  guint n_interviews;
} EsDeadlineFacts;

/* Appends the member's deadlines (EsDeadline) to out. Which ones apply:
 * - CAPE end: in CAPE, not ended (overdue once past with no contract, renewal or exit);
 * - after the CAPE: in CAPE, ended, neither contract nor exit followed (date = the end);
 * - trial end: in contract, until that date has passed;
 * - associate deadline: in contract, not yet associate;
 * - interviews: in contract or associate: max(contract date, 2nd latest interview)
 *   + 12 months (es_date_add_months: the same day a year later, the last day on which the
 *   next interview keeps 2 of them within the 12 months before it);
 * - permit end and benefits end: for members not exited (benefits only before contract).
 */
void es_pipeline_deadlines (const EsPipelineState *state, const EsDeadlineFacts *facts,
                            const GDate *today, GArray *out);
/* Sorts by date (most urgent first), then member id, then kind. */
void es_deadlines_sort (GArray *deadlines);
/* "CAPE ends", "Trial period ends", "Associate deadline", "Interviews due", "Residence
 * permit ends", "Unemployment rights end", "Contract or exit to record" (translated). */
const char *es_deadline_kind_label (EsDeadlineKind kind);
/* "in 12 days", "today", "3 days overdue" up to 90 days, then to the nearest month: "in 22
 * months", "13 months overdue" (translated, plural forms). */
char *es_deadline_describe_delay (const EsDeadline *deadline);

G_END_DECLS
