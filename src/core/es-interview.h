/* es-interview.h — a support interview (entretien d'accompagnement). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ES_INTERVIEW_INDIVIDUAL,
  ES_INTERVIEW_COLLECTIVE,
  ES_INTERVIEW_WORKSHOP,
  ES_INTERVIEW_N_KINDS
} EsInterviewKind;

typedef struct
{
  gint64 id;
  gint64 member_id;
  GDate date;
  gint64 staff_id; /* 0 if none */
  char *staff_name;
  EsInterviewKind kind;
  char *summary;
} EsInterview;

#define ES_TYPE_INTERVIEW (es_interview_get_type ())
GType es_interview_get_type (void);

EsInterview *es_interview_new (void);
EsInterview *es_interview_copy (const EsInterview *interview);
void es_interview_free (EsInterview *interview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsInterview, es_interview_free)

const char *es_interview_kind_to_code (EsInterviewKind kind);
gboolean es_interview_kind_from_code (const char *code, EsInterviewKind *out);
const char *es_interview_kind_label (EsInterviewKind kind);

/* A written summary is required (décret 2015-1363); the date not in the future. */
gboolean es_interview_validate (EsInterview *interview, const GDate *today, GHashTable *errors);

G_END_DECLS
