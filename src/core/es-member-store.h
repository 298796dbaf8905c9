/* es-member-store.h — SQL for members, their career events, interviews and staff. */
#pragma once

#include <gio/gio.h>

#include "es-career-event.h"
#include "es-db.h"
#include "es-interview.h"
#include "es-member.h"
#include "es-staff.h"

G_BEGIN_DECLS

/* Every member, with stage and nearest deadline derived at today: a GListStore of
 * EsMember sorted by name (es_member_compare()). */
GListStore *es_member_store_list (EsDb *db, const GDate *today, GError **error);
/* The same as an array (of owned EsMember), cheaper to hand from a thread to another. */
GPtrArray *es_member_store_list_sorted (EsDb *db, const GDate *today, GError **error);
/* The members a first screen shows, read before the others: the first n in order, and the
 * first n_per_stage of each stage, of the exits also the first n_per_stage who left less
 * than ES_RECENT_EXIT_MONTHS before today. Sorted as es_member_store_list_sorted(): each
 * stage's members here begin that stage's list there (the exits: its recent ones). Walks the members in order through
 * the index of their sort keys and their kept states, and reads only those it keeps.
 * NULL with no error when more than a few members have no kept state (their stages are
 * only known by reading everything). */
GPtrArray *es_member_store_list_first (EsDb *db, const GDate *today, guint n, guint n_per_stage,
                                       GError **error);
/* One member, derived at today; NULL with ES_DB_ERROR_NOT_FOUND if there is none. */
EsMember *es_member_store_get (EsDb *db, gint64 id, const GDate *today, GError **error);
/* Validates (ES_VALIDATION_ERROR naming the field: "field: message"), refuses a NIR already
 * used by another member, inserts, journals; returns the new id (0 on error). */
gint64 es_member_store_insert (EsDb *db, EsMember *member, GError **error);
gboolean es_member_store_update (EsDb *db, EsMember *member, GError **error);
/* The member id holding this NIR (0 if none). */
gint64 es_member_store_find_by_nir (EsDb *db, const char *nir, GError **error);
guint es_member_store_count (EsDb *db, GError **error);

/* Career events (EsCareerEvent*, owned) of a member, in the order they were recorded. */
GPtrArray *es_member_store_events (EsDb *db, gint64 member_id, GError **error);
/* Appends an event after checking it against the member's history with the pipeline
 * rules, on today (es_pipeline_check_event: ES_PIPELINE_ERROR in words when refused);
 * returns the new id, 0 on error. */
gint64 es_member_store_add_event (EsDb *db, EsCareerEvent *event, const GDate *today,
                                  GError **error);

/* Member ids matching what is typed (prefix search over names, trade name, activity,
 * city, e-mail; accents and case ignored), best first, at most limit. */
GArray *es_member_store_search (EsDb *db, const char *text, guint limit, GError **error);
/* The same, all of them in no particular order: several times cheaper when a few letters
 * match thousands of members (for a filter, which keeps its own order). */
GArray *es_member_store_search_set (EsDb *db, const char *text, GError **error);

/* Derives and keeps the pipeline state of the members whose kept state is missing or
 * stale (member_state, after a migration or a change of the rules), and gives a sort key
 * to those without one (written by another program); returns how many states, or -1 on
 * error. Reading the list keeps the states too when its connection may write. */
gint es_member_store_keep_states (EsDb *db, GError **error);

/* Every deadline of every member (EsDeadline), sorted by urgency. */
GArray *es_member_store_deadlines (EsDb *db, const GDate *today, GError **error);

/* Interviews (EsInterview*, owned) of a member, newest first. */
GPtrArray *es_interview_store_list (EsDb *db, gint64 member_id, GError **error);
gint64 es_interview_store_add (EsDb *db, EsInterview *interview, const GDate *today,
                               GError **error);

/* Staff (EsStaff*, owned), active first then by name. */
GPtrArray *es_staff_store_list (EsDb *db, GError **error);
gint64 es_staff_store_add (EsDb *db, EsStaff *staff, GError **error);

G_END_DECLS
