/* es-member-view.h — how the board and the member lists look at members: filters, business
 * sectors, the phrases they show, and which step moving a card onto a stage means. Pure
 * functions, no storage. */
#pragma once

#include <glib.h>

#include "es-member.h"
#include "es-pipeline.h"

G_BEGIN_DECLS

typedef enum
{
  ES_DEADLINE_FILTER_ANY,     /* every member */
  ES_DEADLINE_FILTER_OVERDUE, /* the nearest deadline is past */
  ES_DEADLINE_FILTER_30_DAYS, /* a deadline within 30 days, overdue ones included */
  ES_DEADLINE_FILTER_90_DAYS, /* a deadline within 90 days, overdue ones included */
  ES_DEADLINE_FILTER_N
} EsDeadlineFilter;

/* What a list of members is narrowed to. Every criterion must hold. */
typedef struct
{
  int stage;           /* an EsStage, or -1 for any */
  gint64 counselor_id; /* -1 for any, 0 for the members without a counselor */
  char sector;         /* a NAF section letter ('A'…'U'), ES_SECTOR_NONE, or 0 for any */
  EsDeadlineFilter deadline;
  GHashTable *ids; /* borrowed set of gint64 * (g_int64_hash); NULL when not searching */
} EsMemberFilter;

/* The sector of members whose NAF code is empty or not a known division. */
#define ES_SECTOR_NONE '-'

/* Matches everybody. */
void es_member_filter_init (EsMemberFilter *filter);
gboolean es_member_filter_match (const EsMemberFilter *filter, EsMember *member);
/* Whether it matches everybody (no criterion set). */
gboolean es_member_filter_is_empty (const EsMemberFilter *filter);
/* "Overdue", "Within 30 days", "Within 90 days"; "Any deadline" for ANY (translated). */
const char *es_deadline_filter_label (EsDeadlineFilter filter);

/* The NAF rev. 2 section of a code by its division (two first digits): "62.01Z" → 'J',
 * "43.22A" → 'F'; ES_SECTOR_NONE when empty or not a division of the nomenclature. */
char es_naf_section (const char *naf_code);
/* "Information and communication" (translated); "No sector" for ES_SECTOR_NONE; NULL
 * for anything else. */
const char *es_naf_section_label (char section);
/* The sections of the members given, in the order of the nomenclature, ES_SECTOR_NONE
 * last if some have none: "CFJM-". */
char *es_naf_sections_present (EsMember *const *members, guint n_members);

/* Since when the member is in their stage, in words: "for 12 days", "for 4 months",
 * "for 3 years", "since today" (translated, plural forms; months from one month to two
 * years). NULL when the stage has no date (no event yet). */
char *es_member_describe_time_in_stage (EsMember *member, const GDate *today);

/* The board shows the exits of that many months unless asked for all. */
#define ES_RECENT_EXIT_MONTHS 12

/* TRUE for a member who exited less than months months before today. */
gboolean es_member_exited_within (EsMember *member, const GDate *today, int months);
/* The same of a state alone (before its member is read). */
gboolean es_pipeline_state_exited_within (const EsPipelineState *state, const GDate *today,
                                          int months);

/* The step that moves a member in state onto the board's column target: CAPE →
 * cape_signed, contract → contract_signed, associate → associate, exited → exit, and
 * reception → info_meeting for an exited member coming back. Whether the rules allow it
 * is es_pipeline_check_event's business: an associate step from the CAPE column is
 * returned, and refused with its reason when checked. FALSE when target is the member's
 * stage or lies behind it (a member does not go back: a mistake is corrected). */
gboolean es_member_step_to_stage (const EsPipelineState *state, EsStage target, EsEventKind *out);

/* The field of candidate that made es_pipeline_check_event (events, candidate, today)
 * refuse it with error, so that a form can mark it: an EsCareerEvent member name ("date",
 * "end_date", "hours_milli", "fixed_gross_cents", "contribution_ppm",
 * "shares_subscribed", "shares_paid_cents", "exit_reason", "reason"). NULL when the step
 * itself is refused rather than one of its fields (a transition the rules do not allow). */
const char *es_pipeline_refused_field (GPtrArray *events, const EsCareerEvent *candidate,
                                       const GDate *today, const GError *error);

/* The id of the event at the start of event's chain of corrections (for a cancellation:
 * of the event it cancels); event's own id when it corrects nothing. Timelines show an
 * event with its corrections under it. */
gint64 es_career_event_root_id (GPtrArray *events, const EsCareerEvent *event);

/* Weekly hours typed by a user: "24", "17,5", "17.5", "17 h 30", "17h30", "24 h" →
 * thousandths (17 h 30 = 17500). At most three decimals, minutes below 60. Refuses
 * anything else with an ES_VALIDATION_ERROR in words. The range is the pipeline's
 * business. */
gboolean es_hours_parse (const char *text, gint64 *out_milli, GError **error);

G_END_DECLS
