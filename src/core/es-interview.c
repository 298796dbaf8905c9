/* es-interview.c — a support interview and its checks. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "es-date.h"
#include "es-interview.h"
#include "es-pipeline.h"
#include "es-validate.h"

G_DEFINE_BOXED_TYPE (EsInterview, es_interview, es_interview_copy, es_interview_free)

static const char *const kind_codes[ES_INTERVIEW_N_KINDS]
    = { "individual", "collective", "workshop" };

EsInterview *
es_interview_new (void)
{
  EsInterview *interview = g_new0 (EsInterview, 1);

  g_date_clear (&interview->date, 1);
  interview->summary = g_strdup ("");
  interview->staff_name = g_strdup ("");
  return interview;
}

EsInterview *
es_interview_copy (const EsInterview *interview)
{
  EsInterview *copy = g_new0 (EsInterview, 1);

  *copy = *interview;
  copy->summary = g_strdup (interview->summary);
  copy->staff_name = g_strdup (interview->staff_name);
  return copy;
}

void
es_interview_free (EsInterview *interview)
{
  if (interview == NULL)
    return;
  g_free (interview->summary);
  g_free (interview->staff_name);
  g_free (interview);
}

const char *
es_interview_kind_to_code (EsInterviewKind kind)
{
  g_return_val_if_fail (kind < ES_INTERVIEW_N_KINDS, "individual");
  return kind_codes[kind];
}

gboolean
es_interview_kind_from_code (const char *code, EsInterviewKind *out)
{
  for (int i = 0; i < ES_INTERVIEW_N_KINDS; i++)
    if (g_strcmp0 (code, kind_codes[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
es_interview_kind_label (EsInterviewKind kind)
{
  switch (kind)
    {
    case ES_INTERVIEW_INDIVIDUAL:
      return _ ("Individual");
    case ES_INTERVIEW_COLLECTIVE:
      return _ ("Collective");
    case ES_INTERVIEW_WORKSHOP:
      return _ ("Workshop");
    case ES_INTERVIEW_N_KINDS:
    default:
      return "";
    }
}

gboolean
es_interview_validate (EsInterview *interview, const GDate *today, GHashTable *errors)
{
  guint before = g_hash_table_size (errors);
  g_autofree char *summary = es_text_strip (interview->summary);
  char *too_early = NULL;

  if (!g_date_valid (&interview->date))
    g_hash_table_insert (errors, g_strdup ("date"), g_strdup (_ ("Give the interview's date.")));
  /* The same bound as a career event's (es_pipeline_check_event). */
  else if ((too_early = es_pipeline_describe_too_early (&interview->date)) != NULL)
    g_hash_table_insert (errors, g_strdup ("date"), too_early);
  else if (today != NULL && g_date_valid (today) && es_date_compare (&interview->date, today) > 0)
    g_hash_table_insert (errors, g_strdup ("date"),
                         g_strdup (_ ("An interview is recorded once it has taken place: the "
                                      "date cannot be in the future.")));
  if (*summary == '\0')
    g_hash_table_insert (errors, g_strdup ("summary"),
                         g_strdup (_ ("Write a short summary: the law asks for a written report "
                                      "of each interview.")));
  if (interview->kind >= ES_INTERVIEW_N_KINDS)
    g_hash_table_insert (errors, g_strdup ("kind"),
                         g_strdup (_ ("Choose individual, collective or workshop.")));
  g_free (interview->summary);
  interview->summary = g_steal_pointer (&summary);
  return g_hash_table_size (errors) == before;
}
