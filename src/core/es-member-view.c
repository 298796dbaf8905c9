/* es-member-view.c — filters, sectors and phrases for the board and the member lists. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "es-date.h"
#include "es-member-view.h"
#include "es-money.h"
#include "es-validate.h"

/* Filters */

void
es_member_filter_init (EsMemberFilter *filter)
{
  g_return_if_fail (filter != NULL);

  filter->stage = -1;
  filter->counselor_id = -1;
  filter->sector = 0;
  filter->deadline = ES_DEADLINE_FILTER_ANY;
  filter->ids = NULL;
}

static gboolean
deadline_matches (EsDeadlineFilter filter, EsMember *member)
{
  if (filter == ES_DEADLINE_FILTER_ANY)
    return TRUE;
  /* The nearest deadline is the earliest: when any is overdue, it is. */
  if (!member->has_deadline)
    return FALSE;
  switch (filter)
    {
    case ES_DEADLINE_FILTER_OVERDUE:
      return member->deadline.urgency == ES_URGENCY_OVERDUE;
    case ES_DEADLINE_FILTER_30_DAYS:
      return member->deadline.urgency <= ES_URGENCY_SOON;
    case ES_DEADLINE_FILTER_90_DAYS:
      return member->deadline.urgency <= ES_URGENCY_NEAR;
    case ES_DEADLINE_FILTER_ANY:
    case ES_DEADLINE_FILTER_N:
    default:
      return TRUE;
    }
}

gboolean
es_member_filter_match (const EsMemberFilter *filter, EsMember *member)
{
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (ES_IS_MEMBER (member), FALSE);

  if (filter->stage >= 0 && (int)member->state.stage != filter->stage)
    return FALSE;
  if (filter->counselor_id >= 0 && member->counselor_id != filter->counselor_id)
    return FALSE;
  if (filter->sector != 0 && es_naf_section (member->naf_code) != filter->sector)
    return FALSE;
  if (!deadline_matches (filter->deadline, member))
    return FALSE;
  if (filter->ids != NULL && !g_hash_table_contains (filter->ids, &member->id))
    return FALSE;
  return TRUE;
}

gboolean
es_member_filter_is_empty (const EsMemberFilter *filter)
{
  g_return_val_if_fail (filter != NULL, TRUE);

  return filter->stage < 0 && filter->counselor_id < 0 && filter->sector == 0
         && filter->deadline == ES_DEADLINE_FILTER_ANY && filter->ids == NULL;
}

const char *
es_deadline_filter_label (EsDeadlineFilter filter)
{
  switch (filter)
    {
    case ES_DEADLINE_FILTER_OVERDUE:
      return _ ("Overdue");
    case ES_DEADLINE_FILTER_30_DAYS:
      return _ ("Within 30 days");
    case ES_DEADLINE_FILTER_90_DAYS:
      return _ ("Within 90 days");
    case ES_DEADLINE_FILTER_ANY:
    case ES_DEADLINE_FILTER_N:
    default:
      return _ ("Any deadline");
    }
}

/* Sectors: the sections of the NAF rev. 2 (INSEE), by their range of divisions. */

static const struct
{
  int first, last; /* divisions */
  char section;
  const char *label;
} sections[] = {
  { 1, 3, 'A', N_ ("Agriculture, forestry and fishing") },
  { 5, 9, 'B', N_ ("Mining and quarrying") },
  { 10, 33, 'C', N_ ("Manufacturing") },
  { 35, 35, 'D', N_ ("Electricity and gas supply") },
  { 36, 39, 'E', N_ ("Water supply and waste management") },
  { 41, 43, 'F', N_ ("Construction") },
  { 45, 47, 'G', N_ ("Trade and repair of vehicles") },
  { 49, 53, 'H', N_ ("Transportation and storage") },
  { 55, 56, 'I', N_ ("Accommodation and food services") },
  { 58, 63, 'J', N_ ("Information and communication") },
  { 64, 66, 'K', N_ ("Finance and insurance") },
  { 68, 68, 'L', N_ ("Real estate") },
  { 69, 75, 'M', N_ ("Professional, scientific and technical activities") },
  { 77, 82, 'N', N_ ("Administrative and support services") },
  { 84, 84, 'O', N_ ("Public administration") },
  { 85, 85, 'P', N_ ("Education") },
  { 86, 88, 'Q', N_ ("Health and social work") },
  { 90, 93, 'R', N_ ("Arts, entertainment and recreation") },
  { 94, 96, 'S', N_ ("Other services") },
  { 97, 98, 'T', N_ ("Households as employers") },
  { 99, 99, 'U', N_ ("Extraterritorial organisations") },
};

char
es_naf_section (const char *naf_code)
{
  int division;

  if (naf_code == NULL || !g_ascii_isdigit (naf_code[0]) || !g_ascii_isdigit (naf_code[1]))
    return ES_SECTOR_NONE;
  division = (naf_code[0] - '0') * 10 + (naf_code[1] - '0');
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (division >= sections[i].first && division <= sections[i].last)
      return sections[i].section;
  return ES_SECTOR_NONE;
}

const char *
es_naf_section_label (char section)
{
  if (section == ES_SECTOR_NONE)
    return _ ("No sector");
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (sections[i].section == section)
      return _ (sections[i].label);
  return NULL;
}

char *
es_naf_sections_present (EsMember *const *members, guint n_members)
{
  gboolean present[128] = { FALSE };
  GString *letters = g_string_new (NULL);

  g_return_val_if_fail (members != NULL || n_members == 0, NULL);

  for (guint i = 0; i < n_members; i++)
    present[(guchar)es_naf_section (members[i]->naf_code) & 127] = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (present[(guchar)sections[i].section])
      g_string_append_c (letters, sections[i].section);
  if (present[(guchar)ES_SECTOR_NONE])
    g_string_append_c (letters, ES_SECTOR_NONE);
  return g_string_free (letters, FALSE);
}

/* Phrases */

char *
es_member_describe_time_in_stage (EsMember *member, const GDate *today)
{
  const GDate *since;
  int days, months;

  g_return_val_if_fail (ES_IS_MEMBER (member), NULL);

  since = &member->state.stage_since;
  if (!g_date_valid (since) || today == NULL || !g_date_valid (today))
    return NULL;

  days = MAX (0, es_date_days_between (since, today));
  months = MAX (0, es_date_months_between (since, today));
  if (days == 0)
    return g_strdup (_ ("since today"));
  if (months < 1)
    /* Translators: how long a member has been in their stage: "depuis 12 jours". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "for %d day", "for %d days", days), days);
  if (months < 24)
    /* Translators: how long a member has been in their stage: "depuis 4 mois". */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "for %d month", "for %d months", months),
                            months);
  /* Translators: how long a member has been in their stage: "depuis 3 ans". */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "for %d year", "for %d years", months / 12),
                          months / 12);
}

gboolean
es_pipeline_state_exited_within (const EsPipelineState *state, const GDate *today, int months)
{
  GDate cutoff;

  g_return_val_if_fail (state != NULL, FALSE);

  if (state->stage != ES_STAGE_EXITED || today == NULL || !g_date_valid (today))
    return FALSE;
  if (!g_date_valid (&state->exit_date))
    return FALSE;
  cutoff = es_date_add_months (today, -months);
  return es_date_compare (&state->exit_date, &cutoff) > 0;
}

gboolean
es_member_exited_within (EsMember *member, const GDate *today, int months)
{
  g_return_val_if_fail (ES_IS_MEMBER (member), FALSE);

  return es_pipeline_state_exited_within (&member->state, today, months);
}

/* Steps */

gboolean
es_member_step_to_stage (const EsPipelineState *state, EsStage target, EsEventKind *out)
{
  EsEventKind kind;

  g_return_val_if_fail (state != NULL, FALSE);

  if (target == state->stage || (guint)target >= ES_STAGE_N_STAGES)
    return FALSE;

  switch (target)
    {
    case ES_STAGE_RECEPTION:
      /* Only an exited member starts again, with a new information meeting. */
      if (state->stage != ES_STAGE_EXITED)
        return FALSE;
      kind = ES_EVENT_INFO_MEETING;
      break;
    case ES_STAGE_CAPE:
      if (state->stage != ES_STAGE_RECEPTION)
        return FALSE;
      kind = ES_EVENT_CAPE_SIGNED;
      break;
    case ES_STAGE_CONTRACT:
      if (state->stage != ES_STAGE_RECEPTION && state->stage != ES_STAGE_CAPE)
        return FALSE;
      kind = ES_EVENT_CONTRACT_SIGNED;
      break;
    case ES_STAGE_ASSOCIATE:
      if (state->stage == ES_STAGE_EXITED)
        return FALSE;
      kind = ES_EVENT_ASSOCIATE;
      break;
    case ES_STAGE_EXITED:
      kind = ES_EVENT_EXIT;
      break;
    case ES_STAGE_N_STAGES:
    default:
      return FALSE;
    }
  if (out != NULL)
    *out = kind;
  return TRUE;
}

/* Refusals */

/* Does the check still fail the same way once field is given a value the rules accept? */
static gboolean
field_is_culprit (GPtrArray *events, const EsCareerEvent *candidate, const GDate *today,
                  const GError *error, const char *field, const EsPipelineState *state)
{
  g_autoptr (EsCareerEvent) probe = es_career_event_copy (candidate);
  g_autoptr (GError) again = NULL;

  if (g_str_equal (field, "end_date"))
    {
      /* The day after the start (or after the current planned end, for a renewal). */
      const GDate *from
          = candidate->kind == ES_EVENT_CAPE_RENEWED && g_date_valid (&state->cape_end)
                ? &state->cape_end
                : &candidate->date;
      if (!g_date_valid (from))
        return FALSE;
      probe->end_date = es_date_add_days (from, 1);
    }
  else if (g_str_equal (field, "hours_milli"))
    probe->hours_milli = probe->hours_milli == 1000 ? 2000 : 1000;
  else if (g_str_equal (field, "fixed_gross_cents"))
    probe->fixed_gross_cents = probe->fixed_gross_cents == 0 ? 100 : 0;
  else if (g_str_equal (field, "contribution_ppm"))
    probe->contribution_ppm = probe->contribution_ppm == 100000 ? 110000 : 100000;
  else if (g_str_equal (field, "shares_subscribed"))
    probe->shares_subscribed = 1;
  else if (g_str_equal (field, "shares_paid_cents"))
    probe->shares_paid_cents = 0;
  else if (g_str_equal (field, "exit_reason"))
    probe->exit_reason = ES_EXIT_OTHER;
  else if (g_str_equal (field, "reason"))
    {
      g_free (probe->reason);
      probe->reason = g_strdup ("…");
    }

  if (es_pipeline_check_event (events, probe, today, &again))
    return TRUE;
  return again->code != error->code || g_strcmp0 (again->message, error->message) != 0;
}

const char *
es_pipeline_refused_field (GPtrArray *events, const EsCareerEvent *candidate, const GDate *today,
                           const GError *error)
{
  static const char *const pay[] = { "hours_milli", "fixed_gross_cents", "contribution_ppm", NULL };
  static const char *const cape[] = { "end_date", NULL };
  static const char *const shares[] = { "shares_subscribed", "shares_paid_cents", NULL };
  static const char *const exit_fields[] = { "exit_reason", NULL };
  static const char *const reason[] = { "reason", NULL };
  const char *const *fields = NULL;
  EsPipelineState state;

  g_return_val_if_fail (events != NULL && candidate != NULL, NULL);

  if (error == NULL || error->domain != ES_PIPELINE_ERROR)
    return NULL;
  if (!g_date_valid (&candidate->date))
    return "date";

  switch ((EsPipelineError)error->code)
    {
    case ES_PIPELINE_ERROR_ORDER:
    case ES_PIPELINE_ERROR_DEADLINE:
    case ES_PIPELINE_ERROR_DATE:
      return "date";
    case ES_PIPELINE_ERROR_CAPE_LENGTH:
      return candidate->kind == ES_EVENT_CAPE_ENDED ? "date" : "end_date";
    case ES_PIPELINE_ERROR_DATA:
    case ES_PIPELINE_ERROR_EXIT_REASON:
      break;
    case ES_PIPELINE_ERROR_TRANSITION:
    case ES_PIPELINE_ERROR_CAPE_RENEWALS:
    case ES_PIPELINE_ERROR_CORRECTION:
    default:
      return NULL;
    }

  switch (candidate->kind)
    {
    case ES_EVENT_CAPE_SIGNED:
    case ES_EVENT_CAPE_RENEWED:
      fields = cape;
      break;
    case ES_EVENT_CONTRACT_SIGNED:
    case ES_EVENT_AMENDMENT:
      fields = pay;
      break;
    case ES_EVENT_ASSOCIATE:
      fields = shares;
      break;
    case ES_EVENT_EXIT:
      fields = exit_fields;
      break;
    case ES_EVENT_DIAGNOSTIC:
    case ES_EVENT_CANCELLATION:
      fields = reason;
      break;
    case ES_EVENT_INFO_MEETING:
    case ES_EVENT_CAPE_ENDED:
    case ES_EVENT_N_KINDS:
    default:
      return NULL;
    }

  es_pipeline_derive (events, &state, NULL);
  for (guint i = 0; fields[i] != NULL; i++)
    if (field_is_culprit (events, candidate, today, error, fields[i], &state))
      return fields[i];
  return NULL;
}

gint64
es_career_event_root_id (GPtrArray *events, const EsCareerEvent *event)
{
  const EsCareerEvent *current = event;

  g_return_val_if_fail (events != NULL && event != NULL, 0);

  /* At most one step per event: a loop in bad data cannot hold us. */
  for (guint steps = 0; current->corrects_id != 0 && steps <= events->len; steps++)
    {
      const EsCareerEvent *target = NULL;

      for (guint i = 0; i < events->len && target == NULL; i++)
        {
          const EsCareerEvent *e = g_ptr_array_index (events, i);

          if (e->id == current->corrects_id)
            target = e;
        }
      if (target == NULL)
        break;
      current = target;
    }
  return current->id;
}

/* Hours */

static gboolean
hours_error (GError **error)
{
  g_set_error_literal (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_FORMAT,
                       _ ("Enter the hours per week as a number, such as 24, 17,5 or 17 h 30."));
  return FALSE;
}

/* Reads digits at *p into *out (at most 4 of them: hours stay small). */
static gboolean
read_int (const char **p, gint64 *out, int *n_digits)
{
  gint64 value = 0;
  int n = 0;

  while (g_ascii_isdigit (**p))
    {
      if (++n > 4)
        return FALSE;
      value = value * 10 + (**p - '0');
      (*p)++;
    }
  *out = value;
  *n_digits = n;
  return n > 0;
}

static void
skip_blanks (const char **p)
{
  while (**p == ' ' || **p == '\t')
    (*p)++;
}

gboolean
es_hours_parse (const char *text, gint64 *out_milli, GError **error)
{
  const char *p;
  gint64 whole, frac = 0, minutes = 0;
  int n;

  if (text == NULL)
    return hours_error (error);
  p = text;
  skip_blanks (&p);
  if (*p == '\0')
    {
      g_set_error_literal (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_EMPTY,
                           _ ("Enter the hours per week."));
      return FALSE;
    }
  if (!read_int (&p, &whole, &n))
    return hours_error (error);

  if (*p == ',' || *p == '.')
    {
      p++;
      if (!read_int (&p, &frac, &n) || n > 3)
        return hours_error (error);
      for (; n < 3; n++)
        frac *= 10;
      skip_blanks (&p);
      if (*p == 'h' || *p == 'H')
        p++;
    }
  else
    {
      skip_blanks (&p);
      if (*p == 'h' || *p == 'H')
        {
          p++;
          skip_blanks (&p);
          if (g_ascii_isdigit (*p))
            {
              if (!read_int (&p, &minutes, &n) || n > 2 || minutes >= 60)
                return hours_error (error);
              skip_blanks (&p);
              if (g_str_has_prefix (p, "min"))
                p += 3;
            }
        }
    }
  skip_blanks (&p);
  if (*p != '\0')
    return hours_error (error);

  if (out_milli != NULL)
    *out_milli = whole * 1000 + frac + es_money_div_round (minutes * 1000, 60);
  return TRUE;
}
