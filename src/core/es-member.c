/* es-member.c — a member and the checks on what is typed about them. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "es-date.h"
#include "es-member.h"
#include "es-validate.h"

G_DEFINE_TYPE (EsMember, es_member, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_TRADE_NAME,
  PROP_ACTIVITY,
  PROP_NAF_CODE,
  PROP_CITY,
  PROP_COUNSELOR_ID,
  PROP_COUNSELOR_NAME,
  PROP_STAGE,
  PROP_STAGE_LABEL,
  PROP_STAGE_SINCE,
  PROP_DEADLINE_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const entry_codes[ES_ENTRY_N_STATUSES]
    = { "job_seeker", "rsa", "employee", "student", "other" };

static void
es_member_finalize (GObject *object)
{
  EsMember *self = ES_MEMBER (object);

  g_free (self->civility);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->birth_place);
  g_free (self->nationality);
  g_free (self->nir);
  g_free (self->street);
  g_free (self->postal_code);
  g_free (self->city);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->trade_name);
  g_free (self->activity);
  g_free (self->naf_code);
  g_free (self->counselor_name);
  g_free (self->sort_key);

  G_OBJECT_CLASS (es_member_parent_class)->finalize (object);
}

static void
es_member_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EsMember *self = ES_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_take_string (value, es_member_dup_display_name (self));
      break;
    case PROP_TRADE_NAME:
      g_value_set_string (value, self->trade_name);
      break;
    case PROP_ACTIVITY:
      g_value_set_string (value, self->activity);
      break;
    case PROP_NAF_CODE:
      g_value_set_string (value, self->naf_code);
      break;
    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;
    case PROP_COUNSELOR_ID:
      g_value_set_int64 (value, self->counselor_id);
      break;
    case PROP_COUNSELOR_NAME:
      g_value_set_string (value, self->counselor_name ? self->counselor_name : "");
      break;
    case PROP_STAGE:
      g_value_set_int (value, self->state.stage);
      break;
    case PROP_STAGE_LABEL:
      g_value_set_string (value, es_stage_label (self->state.stage));
      break;
    case PROP_STAGE_SINCE:
      g_value_take_string (value, g_date_valid (&self->state.stage_since)
                                      ? es_date_to_iso (&self->state.stage_since)
                                      : g_strdup (""));
      break;
    case PROP_DEADLINE_DAYS:
      g_value_set_int (value, self->has_deadline ? self->deadline.days_left : G_MAXINT);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_member_class_init (EsMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = es_member_finalize;
  object_class->get_property = es_member_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, ro);
  properties[PROP_TRADE_NAME] = g_param_spec_string ("trade-name", NULL, NULL, NULL, ro);
  properties[PROP_ACTIVITY] = g_param_spec_string ("activity", NULL, NULL, NULL, ro);
  properties[PROP_NAF_CODE] = g_param_spec_string ("naf-code", NULL, NULL, NULL, ro);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, NULL, ro);
  properties[PROP_COUNSELOR_ID]
      = g_param_spec_int64 ("counselor-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_COUNSELOR_NAME] = g_param_spec_string ("counselor-name", NULL, NULL, NULL, ro);
  properties[PROP_STAGE] = g_param_spec_int ("stage", NULL, NULL, 0, ES_STAGE_N_STAGES - 1, 0, ro);
  properties[PROP_STAGE_LABEL] = g_param_spec_string ("stage-label", NULL, NULL, NULL, ro);
  properties[PROP_STAGE_SINCE] = g_param_spec_string ("stage-since", NULL, NULL, NULL, ro);
  properties[PROP_DEADLINE_DAYS]
      = g_param_spec_int ("deadline-days", NULL, NULL, G_MININT, G_MAXINT, G_MAXINT, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
es_member_init (EsMember *self)
{
  self->entry_status = ES_ENTRY_OTHER;
  self->contribution_ppm = -1;
  g_date_clear (&self->birth_date, 1);
  g_date_clear (&self->permit_end, 1);
  g_date_clear (&self->benefits_end, 1);
  g_date_clear (&self->state.stage_since, 1);
}

EsMember *
es_member_new_unfilled (void)
{
  return g_object_new (ES_TYPE_MEMBER, NULL);
}

EsMember *
es_member_new (void)
{
  EsMember *self = es_member_new_unfilled ();

  self->civility = g_strdup ("");
  self->first_name = g_strdup ("");
  self->last_name = g_strdup ("");
  self->birth_place = g_strdup ("");
  self->nationality = g_strdup ("");
  self->street = g_strdup ("");
  self->postal_code = g_strdup ("");
  self->city = g_strdup ("");
  self->phone = g_strdup ("");
  self->email = g_strdup ("");
  self->trade_name = g_strdup ("");
  self->activity = g_strdup ("");
  self->naf_code = g_strdup ("");
  return self;
}

#define DUP_FIELD(f) copy->f = g_strdup (self->f)

EsMember *
es_member_copy (EsMember *self)
{
  EsMember *copy;

  g_return_val_if_fail (ES_IS_MEMBER (self), NULL);

  copy = es_member_new_unfilled ();
  copy->id = self->id;
  DUP_FIELD (civility);
  DUP_FIELD (first_name);
  DUP_FIELD (last_name);
  copy->birth_date = self->birth_date;
  DUP_FIELD (birth_place);
  DUP_FIELD (nationality);
  DUP_FIELD (nir);
  DUP_FIELD (street);
  DUP_FIELD (postal_code);
  DUP_FIELD (city);
  DUP_FIELD (phone);
  DUP_FIELD (email);
  copy->permit_end = self->permit_end;
  copy->entry_status = self->entry_status;
  copy->benefits_end = self->benefits_end;
  DUP_FIELD (trade_name);
  DUP_FIELD (activity);
  DUP_FIELD (naf_code);
  copy->counselor_id = self->counselor_id;
  DUP_FIELD (counselor_name);
  copy->contribution_ppm = self->contribution_ppm;
  copy->state = self->state;
  copy->has_deadline = self->has_deadline;
  copy->deadline = self->deadline;
  return copy;
}

#undef DUP_FIELD

char *
es_member_dup_display_name (EsMember *self)
{
  return g_strdup_printf ("%s %s", self->first_name, self->last_name);
}

char *
es_member_dup_sort_name (EsMember *self)
{
  return g_strconcat (self->last_name != NULL ? self->last_name : "", " ",
                      self->first_name != NULL ? self->first_name : "", NULL);
}

/* Letters and digits only, case folded, without accents; the ligatures written out. */
static void
append_letters (GString *key, const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);

  for (const char *p = decomposed != NULL ? decomposed : folded; *p != '\0';
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x0153: /* œ */
          g_string_append (key, "oe");
          break;
        case 0x00E6: /* æ */
          g_string_append (key, "ae");
          break;
        case 0x00F8: /* ø */
          g_string_append_c (key, 'o');
          break;
        case 0x0111: /* đ */
          g_string_append_c (key, 'd');
          break;
        case 0x0142: /* ł */
          g_string_append_c (key, 'l');
          break;
        default:
          if (g_unichar_isalnum (c) && !g_unichar_ismark (c))
            g_string_append_unichar (key, c);
        }
    }
}

/* Case folded, accents kept. */
static void
append_folded (GString *key, const char *text)
{
  g_autofree char *composed = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  g_autofree char *folded = g_utf8_casefold (composed != NULL ? composed : text, -1);

  g_string_append (key, folded);
}

/* Three levels, each the last name, \2, the first name, and \1 between levels: both bytes
 * sort before any character, so that a shorter name comes before a longer one it begins. */
char *
es_member_make_sort_key (const char *last_name, const char *first_name)
{
  GString *key = g_string_sized_new (64);

  if (last_name == NULL || !g_utf8_validate (last_name, -1, NULL))
    last_name = "";
  if (first_name == NULL || !g_utf8_validate (first_name, -1, NULL))
    first_name = "";
  append_letters (key, last_name);
  g_string_append_c (key, '\2');
  append_letters (key, first_name);
  g_string_append_c (key, '\1');
  append_folded (key, last_name);
  g_string_append_c (key, '\2');
  append_folded (key, first_name);
  g_string_append_c (key, '\1');
  g_string_append (key, last_name);
  g_string_append_c (key, '\2');
  g_string_append (key, first_name);
  return g_string_free (key, FALSE);
}

const char *
es_member_get_sort_key (EsMember *self)
{
  g_return_val_if_fail (ES_IS_MEMBER (self), "");

  if (self->sort_key == NULL)
    self->sort_key = es_member_make_sort_key (self->last_name, self->first_name);
  return self->sort_key;
}

int
es_member_compare (EsMember *a, EsMember *b)
{
  int c = strcmp (es_member_get_sort_key (a), es_member_get_sort_key (b));

  if (c != 0)
    return c;
  return a->id < b->id ? -1 : a->id > b->id;
}

EsStage
es_member_get_stage (EsMember *self)
{
  g_return_val_if_fail (ES_IS_MEMBER (self), ES_STAGE_RECEPTION);
  return self->state.stage;
}

int
es_member_days_in_stage (EsMember *self, const GDate *today)
{
  if (!g_date_valid (&self->state.stage_since) || today == NULL || !g_date_valid (today))
    return 0;
  return MAX (0, es_date_days_between (&self->state.stage_since, today));
}

const char *
es_entry_status_to_code (EsEntryStatus status)
{
  g_return_val_if_fail (status < ES_ENTRY_N_STATUSES, "other");
  return entry_codes[status];
}

gboolean
es_entry_status_from_code (const char *code, EsEntryStatus *out)
{
  for (int i = 0; i < ES_ENTRY_N_STATUSES; i++)
    if (g_strcmp0 (code, entry_codes[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
es_entry_status_label (EsEntryStatus status)
{
  switch (status)
    {
    case ES_ENTRY_JOB_SEEKER:
      return _ ("Job seeker (ARE)");
    case ES_ENTRY_RSA:
      return _ ("RSA recipient");
    case ES_ENTRY_EMPLOYEE:
      return _ ("Employee");
    case ES_ENTRY_STUDENT:
      return _ ("Student");
    case ES_ENTRY_OTHER:
    case ES_ENTRY_N_STATUSES:
    default:
      return _ ("Other");
    }
}

const char *
es_civility_label (const char *code)
{
  if (g_strcmp0 (code, "mme") == 0)
    return _ ("Ms");
  if (g_strcmp0 (code, "m") == 0)
    return _ ("Mr");
  if (g_strcmp0 (code, "mx") == 0)
    return _ ("Mx");
  return "";
}

gboolean
es_member_validate (EsMember *self, const GDate *today, GHashTable *errors)
{
  guint before = g_hash_table_size (errors);

  es_validate_field (&self->first_name, "first_name", NULL, TRUE, errors);
  es_validate_field (&self->last_name, "last_name", NULL, TRUE, errors);
  es_validate_field (&self->birth_place, "birth_place", NULL, FALSE, errors);
  es_validate_field (&self->nationality, "nationality", NULL, FALSE, errors);
  es_validate_field (&self->street, "street", NULL, FALSE, errors);
  es_validate_field (&self->postal_code, "postal_code", es_postal_code_normalize, FALSE, errors);
  es_validate_field (&self->city, "city", NULL, FALSE, errors);
  es_validate_field (&self->phone, "phone", es_phone_normalize, FALSE, errors);
  es_validate_field (&self->email, "email", es_email_normalize, FALSE, errors);
  es_validate_field (&self->trade_name, "trade_name", NULL, FALSE, errors);
  es_validate_field (&self->activity, "activity", NULL, FALSE, errors);
  es_validate_field (&self->naf_code, "naf_code", es_naf_normalize, FALSE, errors);

  if (self->nir != NULL)
    {
      es_validate_field (&self->nir, "nir", es_nir_normalize, FALSE, errors);
      if (self->nir != NULL && *self->nir == '\0')
        g_clear_pointer (&self->nir, g_free);
    }

  if (self->civility == NULL
      || !(g_str_equal (self->civility, "") || g_str_equal (self->civility, "mme")
           || g_str_equal (self->civility, "m") || g_str_equal (self->civility, "mx")))
    g_hash_table_insert (errors, g_strdup ("civility"),
                         g_strdup (_ ("Choose Ms, Mr, Mx or nothing.")));

  if (g_date_valid (&self->birth_date) && today != NULL && g_date_valid (today))
    {
      /* From 16 to 100 years old: 100 until the day before the 101st birthday. */
      GDate adult = es_date_add_months (today, -16 * 12);
      GDate too_old = es_date_add_months (today, -101 * 12);
      if (es_date_compare (&self->birth_date, &adult) > 0)
        g_hash_table_insert (errors, g_strdup ("birth_date"),
                             g_strdup (_ ("This birth date makes the member younger than 16.")));
      else if (es_date_compare (&self->birth_date, &too_old) <= 0)
        g_hash_table_insert (errors, g_strdup ("birth_date"),
                             g_strdup (_ ("This birth date makes the member older than 100.")));
    }
  if (self->contribution_ppm != -1
      && (self->contribution_ppm < 0 || self->contribution_ppm > 500000))
    g_hash_table_insert (errors, g_strdup ("contribution_ppm"),
                         g_strdup (_ ("The contribution rate must be between 0 % and 50 %.")));
  if (self->entry_status >= ES_ENTRY_N_STATUSES)
    g_hash_table_insert (errors, g_strdup ("entry_status"),
                         g_strdup (_ ("Choose a status at entry from the list.")));
  return g_hash_table_size (errors) == before;
}

void
es_member_set_derived (EsMember *self, const EsPipelineState *state, const EsDeadline *nearest)
{
  g_return_if_fail (ES_IS_MEMBER (self));

  self->state = *state;
  self->has_deadline = nearest != NULL;
  if (nearest != NULL)
    self->deadline = *nearest;
  /* Only freshly loaded members are derived: nobody watches them yet, so no notify. */
}

const char *
es_member_field_label (const char *field)
{
  static const struct
  {
    const char *field;
    const char *label;
  } labels[] = {
    { "civility", N_ ("Civility") },
    { "first_name", N_ ("First name") },
    { "last_name", N_ ("Last name") },
    { "birth_date", N_ ("Birth date") },
    { "birth_place", N_ ("Birth place") },
    { "nationality", N_ ("Nationality") },
    { "nir", N_ ("Social security number") },
    { "street", N_ ("Address") },
    { "postal_code", N_ ("Postal code") },
    { "city", N_ ("City") },
    { "phone", N_ ("Phone") },
    { "email", N_ ("E-mail") },
    { "permit_end", N_ ("Residence permit end") },
    { "entry_status", N_ ("Status at entry") },
    { "benefits_end", N_ ("End of unemployment rights") },
    { "trade_name", N_ ("Trade name") },
    { "activity", N_ ("Activity") },
    { "naf_code", N_ ("NAF code") },
    { "counselor_id", N_ ("Counselor") },
    { "contribution_ppm", N_ ("Contribution rate") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (field, labels[i].field) == 0)
      return _ (labels[i].label);
  return field;
}
