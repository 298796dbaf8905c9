/* es-career-event.h — one dated step of a member's pipeline (parcours).
 *
 * Events are append-only. A mistake is fixed by a new event that names the one it
 * corrects (corrects_id): an event of the same kind replaces the corrected one's date and
 * data; a ES_EVENT_CANCELLATION voids it. Both stay in the history.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ES_EVENT_INFO_MEETING,    /* réunion d'information */
  ES_EVENT_DIAGNOSTIC,      /* admitted, or not admitted with a reason */
  ES_EVENT_CAPE_SIGNED,     /* start of the test phase, with its planned end */
  ES_EVENT_CAPE_RENEWED,    /* a renewal, with the new planned end */
  ES_EVENT_CAPE_ENDED,      /* the CAPE ended (its date is the last day) */
  ES_EVENT_CONTRACT_SIGNED, /* CESA / CDI: hours, fixed gross, contribution rate */
  ES_EVENT_AMENDMENT,       /* avenant: new hours, fixed gross or rate */
  ES_EVENT_ASSOCIATE,       /* admitted as associate: shares subscribed and paid */
  ES_EVENT_EXIT,            /* sortie, with a reason */
  ES_EVENT_CANCELLATION,    /* voids the event named by corrects_id */
  ES_EVENT_N_KINDS
} EsEventKind;

typedef enum
{
  ES_EXIT_OWN_COMPANY,        /* création de sa propre entreprise */
  ES_EXIT_SALARIED_JOB,       /* emploi salarié ailleurs */
  ES_EXIT_PROJECT_STOPPED,    /* arrêt du projet */
  ES_EXIT_NOT_ADMITTED,       /* non admis au diagnostic */
  ES_EXIT_CAPE_END,           /* fin de CAPE sans suite */
  ES_EXIT_RESIGNATION,        /* démission */
  ES_EXIT_MUTUAL_AGREEMENT,   /* rupture conventionnelle */
  ES_EXIT_DISMISSAL,          /* licenciement */
  ES_EXIT_ASSOCIATE_DEADLINE, /* fin du contrat à l'échéance des 3 ans */
  ES_EXIT_OTHER,              /* autre (see the note) */
  ES_EXIT_N_REASONS
} EsExitReason;

typedef struct
{
  gint64 id; /* 0 until stored */
  gint64 member_id;
  EsEventKind kind;
  GDate date;
  gint64 corrects_id; /* 0 when it corrects nothing */

  /* ES_EVENT_DIAGNOSTIC */
  gboolean admitted;
  /* ES_EVENT_DIAGNOSTIC (not admitted), ES_EVENT_CANCELLATION: why, in words */
  char *reason;
  /* ES_EVENT_CAPE_SIGNED, ES_EVENT_CAPE_RENEWED: planned last day of this period */
  GDate end_date;
  /* ES_EVENT_CONTRACT_SIGNED (all required), ES_EVENT_AMENDMENT (-1 = unchanged) */
  gint64 hours_milli;       /* hours per week × 1000: 17 h 30 = 17500 */
  gint64 fixed_gross_cents; /* fixed monthly gross pay */
  gint64 contribution_ppm;  /* contribution rate, 10 % = 100000 */
  /* ES_EVENT_ASSOCIATE */
  gint64 shares_subscribed; /* number of shares */
  gint64 shares_paid_cents; /* amount paid up */
  /* ES_EVENT_EXIT */
  EsExitReason exit_reason;
  /* any kind: free text */
  char *note;

  /* set by the store */
  char *author;
  char *created_at;
} EsCareerEvent;

#define ES_TYPE_CAREER_EVENT (es_career_event_get_type ())
GType es_career_event_get_type (void);

#define ES_CAREER_EVENT_ERROR (es_career_event_error_quark ())

typedef enum
{
  ES_CAREER_EVENT_ERROR_INVALID_DATA, /* the JSON data is not what the kind needs */
} EsCareerEventError;

GQuark es_career_event_error_quark (void);

/* A zeroed event of that kind and date, except hours_milli, fixed_gross_cents and
 * contribution_ppm set to -1 (not given), an invalid end_date and exit_reason
 * ES_EXIT_OTHER. */
EsCareerEvent *es_career_event_new (EsEventKind kind, const GDate *date);
EsCareerEvent *es_career_event_copy (const EsCareerEvent *event);
void es_career_event_free (EsCareerEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsCareerEvent, es_career_event_free)

/* Stable code names used in SQL, CSV and the CLI: "info_meeting", "cape_signed"… */
const char *es_event_kind_to_code (EsEventKind kind);
gboolean es_event_kind_from_code (const char *code, EsEventKind *out);
/* Translated label: "Information meeting" / "Réunion d'information". */
const char *es_event_kind_label (EsEventKind kind);
/* Translated action, for menus and buttons: "Sign the Contract" / "Signer le contrat". */
const char *es_event_kind_action (EsEventKind kind);

const char *es_exit_reason_to_code (EsExitReason reason);
gboolean es_exit_reason_from_code (const char *code, EsExitReason *out);
const char *es_exit_reason_label (EsExitReason reason);

/* The kind-specific fields as a JSON object (the career_event.data column), and back.
 * Only the fields that mean something for the kind are written, plus "note" for any kind
 * when not empty:
 *   diagnostic       {"admitted":false,"reason":"…"} (reason only when given)
 *   cape_signed/_renewed {"end_date":"2027-03-31"}
 *   contract_signed  {"hours_milli":24000,"fixed_gross_cents":120000,"contribution_ppm":100000}
 *   amendment        the same, each field only when changed (not -1)
 *   associate        {"shares_subscribed":4,"shares_paid_cents":10000}
 *   exit             {"exit_reason":"own_company"}
 *   cancellation     {"reason":"…"} (when given)
 *   info_meeting, cape_ended: {}
 * Reading (NULL or "" is read as "{}") checks the type of every field the kind needs and
 * ignores members it does not know; on error (ES_CAREER_EVENT_ERROR, in words) the event is
 * left untouched. The range of the values is the pipeline's business (es_pipeline_derive). */
char *es_career_event_data_to_json (const EsCareerEvent *event);
gboolean es_career_event_data_from_json (EsCareerEvent *event, const char *json, GError **error);

/* One line in words for a timeline: "CAPE signed until 31/03/2027", "Contract signed:
 * 24 h/week, 1 200,00 € fixed, contribution 10 %"… (translated). */
char *es_career_event_describe (const EsCareerEvent *event);

/* Weekly hours in thousandths as a French number without unit: 24000 → "24",
 * 17500 → "17,5", 17333 → "17,333" (decimal comma, as es_rate_format). */
char *es_hours_format (gint64 hours_milli);

G_END_DECLS
