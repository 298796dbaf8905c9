/* es-member.h — a person hosted by the cooperative, whatever their stage.
 *
 * The fields are public for the stores and forms; the derived ones (stage, deadline…) are
 * filled by the store from the career events and exposed as read-only properties so that
 * lists can sort and filter on them with GtkPropertyExpression.
 */
#pragma once

#include <glib-object.h>

#include "es-pipeline.h"

G_BEGIN_DECLS

typedef enum
{
  ES_ENTRY_JOB_SEEKER, /* demandeur d'emploi (ARE) */
  ES_ENTRY_RSA,
  ES_ENTRY_EMPLOYEE,
  ES_ENTRY_STUDENT,
  ES_ENTRY_OTHER,
  ES_ENTRY_N_STATUSES
} EsEntryStatus;

#define ES_TYPE_MEMBER (es_member_get_type ())
G_DECLARE_FINAL_TYPE (EsMember, es_member, ES, MEMBER, GObject)

struct _EsMember
{
  GObject parent_instance;

  gint64 id;
  char *civility; /* "", "mme", "m", "mx" */
  char *first_name;
  char *last_name;
  GDate birth_date;
  char *birth_place;
  char *nationality;
  char *nir; /* 15 characters or NULL */
  char *street;
  char *postal_code;
  char *city;
  char *phone;
  char *email;
  GDate permit_end;
  EsEntryStatus entry_status;
  GDate benefits_end;
  char *trade_name;
  char *activity;
  char *naf_code;
  gint64 counselor_id; /* 0 if none */
  char *counselor_name;
  gint64 contribution_ppm; /* -1: the cooperative's default */

  /* derived by the store */
  char *sort_key; /* of the names, as read, or NULL: es_member_get_sort_key() */
  EsPipelineState state;
  gboolean has_deadline;
  EsDeadline deadline; /* the nearest one */
};

EsMember *es_member_new (void);
/* The same with every text field NULL: for the store, which then sets each of them. */
EsMember *es_member_new_unfilled (void);
EsMember *es_member_copy (EsMember *self);

/* "Marie Dupont" */
char *es_member_dup_display_name (EsMember *self);
/* "Dupont Marie", as lists written for people show it (members sort by
 * es_member_get_sort_key()) */
char *es_member_dup_sort_name (EsMember *self);

/* The key members sort by: last name, then first name, compared with strcmp(). The same on
 * every machine whatever its locale, so that the database can keep it and index it: the
 * letters first, case, accents, spaces and punctuation set aside ("Le Gall" beside
 * "Legall", "Œuvray" as "oeuvray", "Émile" as "emile"); then, between names equal so far,
 * without accents before with, and then the names as written. Digits come before letters,
 * and other scripts after the Latin alphabet, by code point. */
char *es_member_make_sort_key (const char *last_name, const char *first_name);
/* The member's key: the one read with it, else made from its names now (and kept). */
const char *es_member_get_sort_key (EsMember *self);
/* Compares two members by sort key, then id: the order of every member list. */
int es_member_compare (EsMember *a, EsMember *b);
EsStage es_member_get_stage (EsMember *self);
/* Whole days in the current stage at today (0 if unknown). */
int es_member_days_in_stage (EsMember *self, const GDate *today);

const char *es_entry_status_to_code (EsEntryStatus status);
gboolean es_entry_status_from_code (const char *code, EsEntryStatus *out);
const char *es_entry_status_label (EsEntryStatus status);
const char *es_civility_label (const char *code);

/* Checks and normalises in place (names required, NIR key and its agreement with birth
 * date and civility is not enforced, e-mail, phone, postal code, NAF code, dates in
 * range). Problems go to errors as field → message (see es_cooperative_validate). Field
 * names are the struct's member names. */
gboolean es_member_validate (EsMember *self, const GDate *today, GHashTable *errors);

/* The field's name as a form shows it: "nir" → "Social security number" (translated). */
const char *es_member_field_label (const char *field);

/* Called by the store after loading events: sets state, deadline and notifies. */
void es_member_set_derived (EsMember *self, const EsPipelineState *state,
                            const EsDeadline *nearest);

G_END_DECLS
