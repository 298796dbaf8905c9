/* es-member-csv.c — members from and to spreadsheet CSV files.
 *
 * Import runs in four steps, each refusing with a message in words: the bytes (size,
 * binary data, encoding), the header (separator, columns), every row checked without
 * writing, then — only when nothing was refused — one transaction through the store.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "es-date.h"
#include "es-member-csv.h"
#include "es-member-store.h"
#include "es-money.h"
#include "es-pipeline.h"
#include "es-validate.h"

GQuark
es_member_csv_error_quark (void)
{
  return g_quark_from_static_string ("es-member-csv-error-quark");
}

/* ---------------------------------------------------------------------------------------
 * Columns
 * ------------------------------------------------------------------------------------- */

typedef enum
{
  F_ID,
  F_CIVILITY,
  F_LAST_NAME,
  F_FIRST_NAME,
  F_BIRTH_DATE,
  F_BIRTH_PLACE,
  F_NATIONALITY,
  F_NIR,
  F_STREET,
  F_POSTAL_CODE,
  F_CITY,
  F_PHONE,
  F_EMAIL,
  F_PERMIT_END,
  F_ENTRY_STATUS,
  F_BENEFITS_END,
  F_TRADE_NAME,
  F_ACTIVITY,
  F_NAF_CODE,
  F_COUNSELOR,
  F_CONTRIBUTION,
  F_STAGE,
  N_FIELDS
} Field;

#define MAX_ALIASES 12

typedef struct
{
  /* The export's header. Always French, as the files go to French spreadsheets. */
  const char *header;
  /* The field name es_member_validate() reports, or NULL. */
  const char *member_field;
  /* Names accepted on import, written folded (lower case, no accents, words separated by
   * one space); a column's name and these are both compared through header_key(), which
   * drops spaces and punctuation. */
  const char *aliases[MAX_ALIASES];
} FieldInfo;

static const FieldInfo fields[N_FIELDS] = {
  [F_ID] = { "N°", NULL, { "n", "no", "numero", "id", "numero de membre", "member id", NULL } },
  [F_CIVILITY] = { "Civilité", "civility", { "civilite", "civility", "titre", "title", NULL } },
  [F_LAST_NAME]
  = { "Nom",
      "last_name",
      { "nom", "nom de famille", "nom d usage", "last name", "surname", "family name", NULL } },
  [F_FIRST_NAME] = { "Prénom", "first_name", { "prenom", "first name", "given name", NULL } },
  [F_BIRTH_DATE] = { "Date de naissance",
                     "birth_date",
                     { "date de naissance", "naissance", "ne le", "nee le", "birth date",
                       "date of birth", NULL } },
  [F_BIRTH_PLACE] = { "Lieu de naissance",
                      "birth_place",
                      { "lieu de naissance", "birth place", "place of birth", NULL } },
  [F_NATIONALITY] = { "Nationalité", "nationality", { "nationalite", "nationality", NULL } },
  [F_NIR]
  = { "NIR",
      "nir",
      { "nir", "numero de securite sociale", "n de securite sociale", "no de securite sociale",
        "securite sociale", "numero secu", "n secu", "social security number", NULL } },
  [F_STREET] = { "Adresse", "street", { "adresse", "rue", "address", "street", NULL } },
  [F_POSTAL_CODE] = { "Code postal",
                      "postal_code",
                      { "code postal", "cp", "postal code", "postcode", "zip", "zip code", NULL } },
  [F_CITY] = { "Ville", "city", { "ville", "commune", "city", "town", NULL } },
  [F_PHONE] = { "Téléphone",
                "phone",
                { "telephone", "tel", "portable", "mobile", "phone", "phone number", NULL } },
  [F_EMAIL] = { "E-mail",
                "email",
                { "e mail", "courriel", "mail", "adresse e mail", "adresse mail",
                  "adresse electronique", "e mail address", NULL } },
  [F_PERMIT_END] = { "Fin de titre de séjour",
                     "permit_end",
                     { "fin de titre de sejour", "fin du titre de sejour", "titre de sejour",
                       "permit end", "residence permit end", NULL } },
  [F_ENTRY_STATUS] = { "Statut à l'entrée",
                       "entry_status",
                       { "statut a l entree", "statut d entree", "statut", "situation a l entree",
                         "entry status", NULL } },
  [F_BENEFITS_END]
  = { "Fin des droits",
      "benefits_end",
      { "fin des droits", "fin de droits", "fin des droits are", "benefits end", NULL } },
  [F_TRADE_NAME]
  = { "Enseigne", "trade_name", { "enseigne", "nom commercial", "trade name", NULL } },
  [F_ACTIVITY] = { "Activité", "activity", { "activite", "activity", NULL } },
  [F_NAF_CODE] = { "Code NAF/APE",
                   "naf_code",
                   { "code naf ape", "code naf", "naf", "code ape", "ape", "naf ape", "naf code",
                     "ape code", NULL } },
  [F_COUNSELOR]
  = { "Accompagnateur·rice",
      "counselor_id",
      { "accompagnateur rice", "accompagnateur trice", "accompagnateur", "accompagnatrice",
        "accompagnateurice", "referent", "referente", "counselor", "counsellor", NULL } },
  [F_CONTRIBUTION] = { "Taux de contribution (%)",
                       "contribution_ppm",
                       { "taux de contribution", "contribution", "contribution rate", NULL } },
  [F_STAGE] = { "Étape du parcours", NULL, { "etape du parcours", "etape", "stage", NULL } },
};

/* Lower case, accents and compatibility forms removed, every run of characters other than
 * letters and digits turned into one space: "Date de  naissance" and "DATE_DE_NAISSANCE"
 * both give "date de naissance"; "N°" gives "n". */
char *
es_member_csv_fold (const char *text)
{
  g_autofree char *nfkd = NULL;
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  if (text == NULL || (nfkd = g_utf8_normalize (text, -1, G_NORMALIZE_ALL)) == NULL)
    return g_string_free (out, FALSE);
  for (const char *p = nfkd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (!g_unichar_isalnum (c))
        {
          gap = TRUE;
          continue;
        }
      if (gap && out->len > 0)
        g_string_append_c (out, ' ');
      gap = FALSE;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

/* The key under which a column's name is compared with the aliases: es_member_csv_fold()
 * without its spaces, so that case, accents, blanks and every punctuation mark (dots,
 * slashes, hyphens, apostrophes, brackets, middle dots, underscores…) are left out: "C.P."
 * and "CP" give "cp", "Accompagnateur/trice" and "Accompagnateur·trice" give
 * "accompagnateurtrice", "DATE_DE_NAISSANCE" and "Date de naissance" "datedenaissance". */
static char *
header_key (const char *text)
{
  char *key = es_member_csv_fold (text);
  char *out = key;

  for (const char *p = key; *p != '\0'; p++)
    if (*p != ' ')
      *out++ = *p;
  *out = '\0';
  return key;
}

static int
field_from_header (const char *name)
{
  g_autofree char *key = header_key (name);

  for (int f = 0; f < N_FIELDS; f++)
    for (int a = 0; a < MAX_ALIASES && fields[f].aliases[a] != NULL; a++)
      {
        g_autofree char *alias = header_key (fields[f].aliases[a]);

        if (g_str_equal (key, alias))
          return f;
      }
  return -1;
}

static int
field_from_member_field (const char *name)
{
  for (int f = 0; f < N_FIELDS; f++)
    if (g_strcmp0 (fields[f].member_field, name) == 0)
      return f;
  return -1;
}

/* ---------------------------------------------------------------------------------------
 * Values
 * ------------------------------------------------------------------------------------- */

static gboolean
in_list (const char *folded, const char *const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (folded, list[i]))
      return TRUE;
  return FALSE;
}

const char *
es_member_csv_parse_civility (const char *text)
{
  static const char *const mme[]
      = { "mme", "madame", "mrs", "ms", "mlle", "mademoiselle", "miss", NULL };
  static const char *const m[] = { "m", "mr", "monsieur", "mister", NULL };
  static const char *const mx[] = { "mx", NULL };
  g_autofree char *folded = es_member_csv_fold (text);

  if (*folded == '\0')
    return "";
  if (in_list (folded, mme))
    return "mme";
  if (in_list (folded, m))
    return "m";
  if (in_list (folded, mx))
    return "mx";
  return NULL;
}

gboolean
es_member_csv_parse_entry_status (const char *text, EsEntryStatus *out)
{
  static const char *const job_seeker[] = { "job seeker",
                                            "job seeker are",
                                            "demandeur d emploi",
                                            "demandeur d emploi are",
                                            "demandeuse d emploi",
                                            "demandeur euse d emploi",
                                            "are",
                                            "de",
                                            "chomage",
                                            "france travail",
                                            "pole emploi",
                                            NULL };
  static const char *const rsa[]
      = { "rsa", "beneficiaire du rsa", "allocataire du rsa", "rsa recipient", NULL };
  static const char *const employee[] = { "employee", "salarie", "salariee", "salarie e", NULL };
  static const char *const student[] = { "student", "etudiant", "etudiante", "etudiant e", NULL };
  static const char *const other[] = { "", "other", "autre", NULL };
  g_autofree char *folded = es_member_csv_fold (text);
  EsEntryStatus status;

  if (in_list (folded, job_seeker))
    status = ES_ENTRY_JOB_SEEKER;
  else if (in_list (folded, rsa))
    status = ES_ENTRY_RSA;
  else if (in_list (folded, employee))
    status = ES_ENTRY_EMPLOYEE;
  else if (in_list (folded, student))
    status = ES_ENTRY_STUDENT;
  else if (in_list (folded, other))
    status = ES_ENTRY_OTHER;
  else
    return FALSE;
  if (out != NULL)
    *out = status;
  return TRUE;
}

/* The French words the export writes (the import reads them back through the lists
 * above). */
static const char *
civility_export (const char *code)
{
  if (g_strcmp0 (code, "mme") == 0)
    return "Mme";
  if (g_strcmp0 (code, "m") == 0)
    return "M.";
  if (g_strcmp0 (code, "mx") == 0)
    return "Mx";
  return "";
}

static const char *
entry_status_export (EsEntryStatus status)
{
  switch (status)
    {
    case ES_ENTRY_JOB_SEEKER:
      return "Demandeur d'emploi (ARE)";
    case ES_ENTRY_RSA:
      return "Bénéficiaire du RSA";
    case ES_ENTRY_EMPLOYEE:
      return "Salarié·e";
    case ES_ENTRY_STUDENT:
      return "Étudiant·e";
    case ES_ENTRY_OTHER:
    case ES_ENTRY_N_STATUSES:
    default:
      return "Autre";
    }
}

static const char *
stage_export (EsStage stage)
{
  switch (stage)
    {
    case ES_STAGE_RECEPTION:
      return "Accueil & diagnostic";
    case ES_STAGE_CAPE:
      return "Test (CAPE)";
    case ES_STAGE_CONTRACT:
      return "Entrepreneur·e salarié·e (CDI)";
    case ES_STAGE_ASSOCIATE:
      return "Associé·e";
    case ES_STAGE_EXITED:
      return "Sorti·e";
    case ES_STAGE_N_STAGES:
    default:
      return "";
    }
}

/* 100000 ppm → "10", 105000 → "10,5", 1250 → "0,125". */
static char *
percent_export (gint64 ppm)
{
  gint64 units = ppm / 10000;
  gint64 rest = ppm % 10000;
  char decimals[8];
  int n;

  if (rest == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, units);
  n = g_snprintf (decimals, sizeof decimals, "%04d", (int)rest);
  while (n > 0 && decimals[n - 1] == '0')
    decimals[--n] = '\0';
  return g_strdup_printf ("%" G_GINT64_FORMAT ",%s", units, decimals);
}

/* Does a date typed as text end with a two-digit year ("12/05/84")? */
static gboolean
has_two_digit_year (const char *text)
{
  gsize len = strlen (text), digits = 0, lead = 0;

  while (lead < len && g_ascii_isdigit (text[lead]))
    lead++;
  while (digits < len && g_ascii_isdigit (text[len - 1 - digits]))
    digits++;
  return digits == 2 && lead != 4;
}

/* A date as a French spreadsheet writes it. A birth date with a two-digit year that would
 * lie in the future is taken from the previous century: "12/05/84" is 12/05/1984. */
static gboolean
parse_date (const char *text, gboolean birth, const GDate *today, GDate *out, char **message)
{
  g_autoptr (GError) error = NULL;

  if (!es_date_parse_user (text, out, &error))
    {
      *message = g_strdup (error->message);
      return FALSE;
    }
  if (birth && has_two_digit_year (text) && es_date_compare (out, today) > 0)
    *out = es_date_add_months (out, -100 * 12);
  return TRUE;
}

static gboolean
all_digits (const char *text, gsize len)
{
  if (strlen (text) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------------------------
 * Report
 * ------------------------------------------------------------------------------------- */

static void
problem_free (EsCsvProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

static EsCsvProblem *
problem_new (guint line, const char *column, char *message)
{
  EsCsvProblem *problem = g_new0 (EsCsvProblem, 1);

  problem->line = line;
  problem->column = g_strdup (column);
  problem->message = message;
  return problem;
}

static EsCsvReport *
report_new (void)
{
  EsCsvReport *report = g_new0 (EsCsvReport, 1);

  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)problem_free);
  report->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify)problem_free);
  report->separator = ';';
  report->encoding = "UTF-8";
  return report;
}

void
es_csv_report_free (EsCsvReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->problems);
  g_ptr_array_unref (report->warnings);
  g_free (report);
}

/* Takes message. */
static void
report_problem (EsCsvReport *report, guint line, const char *column, char *message)
{
  report->n_problems++;
  if (report->problems->len < ES_MEMBER_CSV_MAX_PROBLEMS)
    g_ptr_array_add (report->problems, problem_new (line, column, message));
  else
    g_free (message);
}

/* ---------------------------------------------------------------------------------------
 * Reading CSV text
 * ------------------------------------------------------------------------------------- */

typedef struct
{
  const char *p;
  const char *end;
  const char *line_start;   /* start of the current physical line */
  const char *record_start; /* start of the current row */
  guint line;               /* current physical line, from 1 */
  guint record_line;        /* the line the current row starts on */
  char separator;
} Reader;

/* A physical line, or a row spanning several lines, over the limit: garbage, or a quote
 * missing somewhere. Checked at every byte, so that nothing grows without bound. */
static gboolean
too_long (Reader *r, GError **error)
{
  if ((gsize)(r->p - r->line_start) > ES_MEMBER_CSV_MAX_LINE_LENGTH)
    {
      g_set_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_TOO_LARGE,
                   _ ("Line %u is longer than 64 KB: this is not a member list. Check that the "
                      "file is the CSV export of a spreadsheet."),
                   r->line);
      return TRUE;
    }
  if ((gsize)(r->p - r->record_start) > ES_MEMBER_CSV_MAX_LINE_LENGTH)
    {
      g_set_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_TOO_LARGE,
                   _ ("The row that starts on line %u is longer than 64 KB: a quote (\") is "
                      "probably missing or in excess."),
                   r->record_line);
      return TRUE;
    }
  return FALSE;
}

/* After a line break at r->p (CR, LF or CRLF): steps over it and counts the line. */
static void
next_line (Reader *r)
{
  if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
    r->p++;
  r->p++;
  r->line++;
  r->line_start = r->p;
}

/* Reads one record into values (char*, owned). FALSE at the end of the text, or with
 * error set when the text is not CSV. start_line is the line the record starts on. */
static gboolean
read_record (Reader *r, GPtrArray *values, guint *start_line, GError **error)
{
  g_autoptr (GString) value = g_string_new (NULL);

  g_ptr_array_set_size (values, 0);
  if (r->p >= r->end)
    return FALSE;
  *start_line = r->record_line = r->line;
  r->record_start = r->p;

  for (;;)
    {
      g_string_truncate (value, 0);
      if (r->p < r->end && *r->p == '"')
        {
          guint quote_line = r->line;

          r->p++;
          for (;;)
            {
              if (r->p >= r->end)
                {
                  g_set_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_FORMAT,
                               _ ("The quote opened on line %u is never closed: a quote "
                                  "(\") is probably missing or in excess."),
                               quote_line);
                  return FALSE;
                }
              if (*r->p == '"')
                {
                  if (r->p + 1 < r->end && r->p[1] == '"')
                    {
                      g_string_append_c (value, '"');
                      r->p += 2;
                      continue;
                    }
                  r->p++;
                  break;
                }
              if (*r->p == '\r' || *r->p == '\n')
                {
                  g_string_append_c (value, '\n');
                  next_line (r);
                }
              else
                g_string_append_c (value, *r->p++);
              if (value->len > ES_MEMBER_CSV_MAX_LINE_LENGTH)
                {
                  g_set_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_TOO_LARGE,
                               _ ("The quoted value that starts on line %u is longer than "
                                  "64 KB: a closing quote (\") is probably missing."),
                               quote_line);
                  return FALSE;
                }
              if (too_long (r, error))
                return FALSE;
            }
        }
      /* Unquoted text, or what follows a closing quote before the separator (kept as is,
       * as spreadsheets do). */
      while (r->p < r->end && *r->p != r->separator && *r->p != '\r' && *r->p != '\n')
        {
          g_string_append_c (value, *r->p++);
          if (too_long (r, error))
            return FALSE;
        }
      g_ptr_array_add (values, g_strndup (value->str, value->len));
      if (r->p >= r->end)
        return TRUE;
      if (*r->p == r->separator)
        {
          r->p++;
          if (too_long (r, error))
            return FALSE;
          continue;
        }
      next_line (r);
      return TRUE;
    }
}

/* The separator is the most frequent of ';', ',' and tab outside quotes on the header
 * line; ';' when there is none (a file of one column). */
static char
detect_separator (const char *p, const char *end)
{
  guint n_semicolon = 0, n_comma = 0, n_tab = 0;
  gboolean quoted = FALSE;
  const char *stop;

  /* The header is the first line that is not blank. */
  while (p < end && g_ascii_isspace (*p))
    p++;
  stop = p + MIN ((gsize)(end - p), (gsize)ES_MEMBER_CSV_MAX_LINE_LENGTH);
  for (; p < stop; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\n' || *p == '\r')
        break;
      else if (*p == ';')
        n_semicolon++;
      else if (*p == ',')
        n_comma++;
      else if (*p == '\t')
        n_tab++;
    }
  if (n_tab > n_semicolon && n_tab > n_comma)
    return '\t';
  if (n_comma > n_semicolon)
    return ',';
  return ';';
}

static gboolean
record_is_blank (GPtrArray *values)
{
  for (guint i = 0; i < values->len; i++)
    {
      const char *v = g_ptr_array_index (values, i);
      for (; *v != '\0'; v++)
        if (!g_ascii_isspace (*v))
          return FALSE;
    }
  return TRUE;
}

/* Turns the bytes into UTF-8 text without BOM, or says why not. */
static char *
decode (const char *data, gsize len, EsCsvReport *report, gsize *out_len, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  char *text;
  gsize written = 0;

  if (len >= 2
      && (((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE)
          || ((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF)))
    {
      g_set_error_literal (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_ENCODING,
                           _ ("This file is encoded in UTF-16 (“Unicode text”). Save it from "
                              "the spreadsheet as “CSV UTF-8” or “CSV” instead."));
      return NULL;
    }
  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_ENCODING,
                           _ ("This file holds binary data, not text: it is not a CSV file. "
                              "Save the spreadsheet as “CSV UTF-8” and import that file."));
      return NULL;
    }
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }
  if (g_utf8_validate_len (data, len, NULL))
    {
      report->encoding = "UTF-8";
      *out_len = len;
      return g_strndup (data, len);
    }
  text = g_convert (data, (gssize)len, "UTF-8", "WINDOWS-1252", NULL, &written, &local_error);
  if (text == NULL)
    {
      g_set_error_literal (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_ENCODING,
                           _ ("This file is neither UTF-8 nor Windows-1252 text. Save it from "
                              "the spreadsheet as “CSV UTF-8” and import that file."));
      return NULL;
    }
  report->encoding = "Windows-1252";
  *out_len = written;
  return text;
}

/* ---------------------------------------------------------------------------------------
 * Import
 * ------------------------------------------------------------------------------------- */

typedef struct
{
  guint line;
  EsMember *member;
} Row;

static void
row_free (Row *row)
{
  g_object_unref (row->member);
  g_free (row);
}

typedef struct
{
  int column; /* -1: the row as a whole */
  const char *name;
  char *message;
} RowProblem;

static void
row_problem_clear (RowProblem *problem)
{
  g_free (problem->message);
}

static int
row_problem_cmp (gconstpointer a, gconstpointer b)
{
  const RowProblem *pa = a, *pb = b;
  return (pa->column > pb->column) - (pa->column < pb->column);
}

typedef struct
{
  EsDb *db;
  EsCsvReport *report;
  GDate today;
  GPtrArray *columns;         /* char*: the headers as written */
  int field_column[N_FIELDS]; /* column index of each field, or -1 */
  GHashTable *staff;          /* folded name → EsStaff* (borrowed from staff_list) */
  GPtrArray *staff_list;      /* EsStaff* */
  GHashTable *nirs;           /* normalised NIR → first line */
  GPtrArray *rows;            /* Row*: rows without problem */
} Import;

static void
import_clear (Import *im)
{
  g_clear_pointer (&im->columns, g_ptr_array_unref);
  g_clear_pointer (&im->staff, g_hash_table_unref);
  g_clear_pointer (&im->staff_list, g_ptr_array_unref);
  g_clear_pointer (&im->nirs, g_hash_table_unref);
  g_clear_pointer (&im->rows, g_ptr_array_unref);
}

static const char *
field_column_name (Import *im, int field)
{
  int column = im->field_column[field];
  return column >= 0 ? g_ptr_array_index (im->columns, column) : fields[field].header;
}

/* Maps the header's columns to fields; FALSE when a required one is missing or a field has
 * two columns. */
static gboolean
read_header (Import *im, GPtrArray *values, guint line, GError **error)
{
  g_autoptr (GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  for (int f = 0; f < N_FIELDS; f++)
    im->field_column[f] = -1;
  im->columns = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < values->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (values, i)));
      g_autofree char *folded = es_member_csv_fold (name);
      int f;

      g_ptr_array_add (im->columns, g_strdup (name));
      if (*folded == '\0')
        continue; /* a column without a name: spreadsheets add them at the end */
      f = field_from_header (name);
      if (f < 0)
        {
          if (im->report->warnings->len >= ES_MEMBER_CSV_MAX_PROBLEMS)
            continue;
          g_ptr_array_add (im->report->warnings,
                           problem_new (line, name,
                                        g_strdup (_ ("This column is not one Essaim knows: it "
                                                     "is ignored."))));
          continue;
        }
      if (im->field_column[f] >= 0)
        {
          g_set_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_MISSING_COLUMN,
                       _ ("The columns « %s » (column %d) and « %s » (column %u) both hold the "
                          "same information: keep only one of them."),
                       (const char *)g_ptr_array_index (im->columns, im->field_column[f]),
                       im->field_column[f] + 1, name, i + 1);
          return FALSE;
        }
      im->field_column[f] = (int)i;
    }

  for (int f = F_LAST_NAME; f <= F_FIRST_NAME; f++)
    if (im->field_column[f] < 0)
      {
        if (n_missing++ > 0)
          g_string_append (missing, _ (", "));
        g_string_append_printf (missing, "« %s »", fields[f].header);
      }
  if (n_missing > 0)
    {
      g_set_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_MISSING_COLUMN,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The first line of the file must name the columns, and the "
                                "column %s is missing. The columns « Nom » and « Prénom » are "
                                "required.",
                                "The first line of the file must name the columns, and the "
                                "columns %s are missing. The columns « Nom » and « Prénom » are "
                                "required.",
                                n_missing),
                   missing->str);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_staff (Import *im, GError **error)
{
  im->staff_list = es_staff_store_list (im->db, error);
  if (im->staff_list == NULL)
    return FALSE;
  im->staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < im->staff_list->len; i++)
    {
      EsStaff *staff = g_ptr_array_index (im->staff_list, i);
      char *folded = es_member_csv_fold (staff->name);

      if (!g_hash_table_contains (im->staff, folded))
        g_hash_table_insert (im->staff, folded, staff);
      else
        g_free (folded);
    }
  return TRUE;
}

static char *
unknown_counselor_message (Import *im, const char *name)
{
  g_autoptr (GString) names = g_string_new (NULL);

  if (im->staff_list->len == 0)
    return g_strdup_printf (_ ("Nobody is called « %s » among the staff: the database has no "
                               "staff yet. Add the counselors first, or leave the column empty."),
                            name);
  for (guint i = 0; i < im->staff_list->len; i++)
    {
      EsStaff *staff = g_ptr_array_index (im->staff_list, i);
      if (i > 0)
        g_string_append (names, _ (", "));
      g_string_append (names, staff->name);
    }
  return g_strdup_printf (_ ("Nobody is called « %s » among the staff. Known names: %s."), name,
                          names->str);
}

static void
add_row_problem (GArray *problems, Import *im, int field, char *message)
{
  RowProblem problem = { im->field_column[field], field_column_name (im, field), message };
  g_array_append_val (problems, problem);
}

static void
set_text (char **field, const char *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Checks one row; a row without problem joins im->rows. FALSE only when the database
 * could not be read. */
static gboolean
check_row (Import *im, guint line, GPtrArray *values, GError **error)
{
  g_autoptr (EsMember) m = es_member_new ();
  g_autoptr (GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GArray) problems = g_array_new (FALSE, TRUE, sizeof (RowProblem));
  GHashTableIter iter;
  gpointer key, val;

  g_array_set_clear_func (problems, (GDestroyNotify)row_problem_clear);
  im->report->n_rows++;

  for (guint i = im->columns->len; i < values->len; i++)
    if (*g_strstrip ((char *)g_ptr_array_index (values, i)) != '\0')
      {
        RowProblem problem = { -1, NULL, NULL };
        problem.message = g_strdup_printf (_ ("This row has %u values but the first line names "
                                              "%u columns: a separator or a quote is probably "
                                              "misplaced."),
                                           values->len, im->columns->len);
        g_array_append_val (problems, problem);
        break;
      }

  for (int f = 0; f < N_FIELDS; f++)
    {
      int column = im->field_column[f];
      g_autofree char *value = NULL;
      char *message = NULL;

      if (column < 0)
        continue;
      value = g_strstrip (g_strdup (
          (guint)column < values->len ? (const char *)g_ptr_array_index (values, column) : ""));
      switch ((Field)f)
        {
        case F_ID:
        case F_STAGE:
          /* Numbers are given by the database; the stage comes from the career events. */
          break;
        case F_CIVILITY:
          {
            const char *code = es_member_csv_parse_civility (value);
            if (code == NULL)
              add_row_problem (problems, im, f,
                               g_strdup (_ ("Write Mme, M. or Mx, or leave the cell empty.")));
            else
              set_text (&m->civility, code);
          }
          break;
        case F_LAST_NAME:
          set_text (&m->last_name, value);
          break;
        case F_FIRST_NAME:
          set_text (&m->first_name, value);
          break;
        case F_BIRTH_DATE:
          if (*value != '\0' && !parse_date (value, TRUE, &im->today, &m->birth_date, &message))
            add_row_problem (problems, im, f, message);
          break;
        case F_BIRTH_PLACE:
          set_text (&m->birth_place, value);
          break;
        case F_NATIONALITY:
          set_text (&m->nationality, value);
          break;
        case F_NIR:
          set_text (&m->nir, *value != '\0' ? value : NULL);
          break;
        case F_STREET:
          set_text (&m->street, value);
          break;
        case F_POSTAL_CODE:
          /* A spreadsheet that took the code for a number dropped its leading zero. */
          if (all_digits (value, 4))
            m->postal_code = (g_free (m->postal_code), g_strconcat ("0", value, NULL));
          else
            set_text (&m->postal_code, value);
          break;
        case F_CITY:
          set_text (&m->city, value);
          break;
        case F_PHONE:
          if (all_digits (value, 9) && value[0] != '0')
            m->phone = (g_free (m->phone), g_strconcat ("0", value, NULL));
          else
            set_text (&m->phone, value);
          break;
        case F_EMAIL:
          set_text (&m->email, value);
          break;
        case F_PERMIT_END:
          if (*value != '\0' && !parse_date (value, FALSE, &im->today, &m->permit_end, &message))
            add_row_problem (problems, im, f, message);
          break;
        case F_ENTRY_STATUS:
          if (!es_member_csv_parse_entry_status (value, &m->entry_status))
            add_row_problem (problems, im, f,
                             g_strdup (_ ("Write one of: demandeur d'emploi (ARE), RSA, salarié, "
                                          "étudiant, autre — or leave the cell empty.")));
          break;
        case F_BENEFITS_END:
          if (*value != '\0' && !parse_date (value, FALSE, &im->today, &m->benefits_end, &message))
            add_row_problem (problems, im, f, message);
          break;
        case F_TRADE_NAME:
          set_text (&m->trade_name, value);
          break;
        case F_ACTIVITY:
          set_text (&m->activity, value);
          break;
        case F_NAF_CODE:
          set_text (&m->naf_code, value);
          break;
        case F_COUNSELOR:
          if (*value != '\0')
            {
              g_autofree char *folded = es_member_csv_fold (value);
              EsStaff *staff = g_hash_table_lookup (im->staff, folded);
              if (staff == NULL)
                add_row_problem (problems, im, f, unknown_counselor_message (im, value));
              else
                {
                  m->counselor_id = staff->id;
                  set_text (&m->counselor_name, staff->name);
                }
            }
          break;
        case F_CONTRIBUTION:
          if (*value != '\0')
            {
              g_autoptr (GError) rate_error = NULL;
              if (!es_rate_parse (value, &m->contribution_ppm, &rate_error))
                {
                  m->contribution_ppm = -1;
                  add_row_problem (problems, im, f, g_strdup (rate_error->message));
                }
            }
          break;
        case N_FIELDS:
        default:
          break;
        }
    }

  es_member_validate (m, &im->today, errors);
  g_hash_table_iter_init (&iter, errors);
  while (g_hash_table_iter_next (&iter, &key, &val))
    {
      int f = field_from_member_field (key);
      if (f < 0)
        {
          RowProblem problem
              = { -1, NULL, g_strdup_printf ("%s: %s", (const char *)key, (const char *)val) };
          g_array_append_val (problems, problem);
        }
      else
        add_row_problem (problems, im, f, g_strdup (val));
    }

  if (m->nir != NULL && !g_hash_table_contains (errors, "nir"))
    {
      guint first = GPOINTER_TO_UINT (g_hash_table_lookup (im->nirs, m->nir));
      g_autoptr (GError) local_error = NULL;
      gint64 other;

      if (first != 0)
        add_row_problem (problems, im, F_NIR,
                         g_strdup_printf (_ ("This social security number is already the one "
                                             "of the member on line %u."),
                                          first));
      else
        g_hash_table_insert (im->nirs, g_strdup (m->nir), GUINT_TO_POINTER (line));
      other = es_member_store_find_by_nir (im->db, m->nir, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (other > 0)
        add_row_problem (problems, im, F_NIR,
                         g_strdup_printf (_ ("This social security number is already the one "
                                             "of member no. %lld in the database."),
                                          (long long)other));
    }

  if (problems->len == 0)
    {
      Row *row = g_new0 (Row, 1);
      row->line = line;
      row->member = g_steal_pointer (&m);
      g_ptr_array_add (im->rows, row);
      return TRUE;
    }
  im->report->n_invalid++;
  g_array_sort (problems, row_problem_cmp);
  for (guint i = 0; i < problems->len; i++)
    {
      RowProblem *problem = &g_array_index (problems, RowProblem, i);
      report_problem (im->report, line, problem->name, g_steal_pointer (&problem->message));
    }
  return TRUE;
}

static gboolean
write_rows (Import *im, GError **error)
{
  if (!es_db_begin (im->db, error))
    return FALSE;
  for (guint i = 0; i < im->rows->len; i++)
    {
      Row *row = g_ptr_array_index (im->rows, i);

      row->member->id = 0;
      if (es_member_store_insert (im->db, row->member, error) == 0)
        {
          es_db_rollback (im->db);
          g_prefix_error (error, _ ("Line %u: "), row->line);
          return FALSE;
        }
    }
  return es_db_commit (im->db, error);
}

static gboolean
import_text (Import *im, const char *text, gsize len, EsMemberCsvFlags flags, GError **error)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  Reader reader = { text, text + len, text, text, 1, 1, ';' };
  guint line = 0;
  gboolean more;

  reader.separator = im->report->separator = detect_separator (text, text + len);

  /* The header: the first line that is not blank. */
  {
    g_autoptr (GError) local_error = NULL;

    while ((more = read_record (&reader, values, &line, &local_error)) && record_is_blank (values))
      ;
    if (local_error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
  }
  if (!more)
    {
      g_set_error_literal (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_EMPTY,
                           _ ("The file is empty: there is no member in the file."));
      return FALSE;
    }
  if (!read_header (im, values, line, error) || !load_staff (im, error))
    return FALSE;

  im->nirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  for (;;)
    {
      g_autoptr (GError) local_error = NULL;

      if (!read_record (&reader, values, &line, &local_error))
        {
          if (local_error == NULL)
            break;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (record_is_blank (values))
        continue;
      if (!check_row (im, line, values, error))
        return FALSE;
    }

  if (im->report->n_rows == 0)
    {
      g_set_error_literal (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_EMPTY,
                           _ ("There is no member in the file: it has only the line of column "
                              "names."));
      return FALSE;
    }
  if (im->report->n_invalid > 0 && (flags & ES_MEMBER_CSV_SKIP_INVALID) == 0)
    {
      g_set_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u row of %u has problems: nothing was imported. Correct the "
                                "file and import it again.",
                                "%u rows of %u have problems: nothing was imported. Correct the "
                                "file and import it again.",
                                im->report->n_invalid),
                   im->report->n_invalid, im->report->n_rows);
      return FALSE;
    }
  if (im->rows->len == 0)
    {
      g_set_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The only row of the file has problems: nothing was imported.",
                                "None of the %u rows can be imported: nothing was imported.",
                                im->report->n_rows),
                   im->report->n_rows);
      return FALSE;
    }
  if ((flags & ES_MEMBER_CSV_DRY_RUN) != 0)
    return TRUE;
  if (!write_rows (im, error))
    return FALSE;
  im->report->n_imported = im->rows->len;
  return TRUE;
}

gboolean
es_member_csv_import_bytes (EsDb *db, GBytes *bytes, EsMemberCsvFlags flags, EsCsvReport **report,
                            GError **error)
{
  g_autoptr (EsCsvReport) rep = report_new ();
  g_autofree char *text = NULL;
  Import im = { 0 };
  const char *data;
  gsize len, text_len = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (ES_IS_DB (db), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (bytes, &len);
  if (len > ES_MEMBER_CSV_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_set_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_TOO_LARGE,
                   _ ("The file is %s; files over 50 MB are refused. Split it into smaller "
                      "files."),
                   size);
      goto out;
    }
  if (len == 0 || data == NULL)
    {
      g_set_error_literal (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_EMPTY,
                           _ ("The file is empty: there is no member in the file."));
      goto out;
    }
  text = decode (data, len, rep, &text_len, error);
  if (text == NULL)
    goto out;

  im.db = db;
  im.report = rep;
  im.today = es_date_today ();
  ok = import_text (&im, text, text_len, flags, error);
  import_clear (&im);

out:
  if (report != NULL)
    *report = g_steal_pointer (&rep);
  return ok;
}

gboolean
es_member_csv_import_file (EsDb *db, const char *path, EsMemberCsvFlags flags, EsCsvReport **report,
                           GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  GError *local_error = NULL;
  char *contents = NULL;
  gsize len = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (report != NULL)
    *report = NULL;
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _ ("Cannot read “%s”: %s."), path, g_strerror (saved));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR, _ ("“%s” is a folder, not a CSV file."),
                   path);
      return FALSE;
    }
  /* A device or a pipe could be endless. */
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _ ("“%s” is not an ordinary file: save the CSV file to disk and import that."),
                   path);
      return FALSE;
    }
  if (st.st_size > ES_MEMBER_CSV_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size ((guint64)st.st_size);
      g_set_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_TOO_LARGE,
                   _ ("The file is %s; files over 50 MB are refused. Split it into smaller "
                      "files."),
                   size);
      return FALSE;
    }
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  bytes = g_bytes_new_take (contents, len);
  return es_member_csv_import_bytes (db, bytes, flags, report, error);
}

/* ---------------------------------------------------------------------------------------
 * Export
 * ------------------------------------------------------------------------------------- */

static void
append_value (GString *out, const char *value, char separator)
{
  gsize len = value != NULL ? strlen (value) : 0;
  gboolean quote;

  if (len == 0)
    return;
  quote = value[0] == ' ' || value[len - 1] == ' ' || value[0] == '"'
          || strchr (value, separator) != NULL || strchr (value, '"') != NULL
          || strchr (value, '\n') != NULL || strchr (value, '\r') != NULL;
  if (!quote)
    {
      g_string_append_len (out, value, (gssize)len);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
export_value (EsMember *m, Field f)
{
  switch (f)
    {
    case F_ID:
      return g_strdup_printf ("%" G_GINT64_FORMAT, m->id);
    case F_CIVILITY:
      return g_strdup (civility_export (m->civility));
    case F_LAST_NAME:
      return g_strdup (m->last_name);
    case F_FIRST_NAME:
      return g_strdup (m->first_name);
    case F_BIRTH_DATE:
      return es_date_format_short (&m->birth_date);
    case F_BIRTH_PLACE:
      return g_strdup (m->birth_place);
    case F_NATIONALITY:
      return g_strdup (m->nationality);
    case F_NIR:
      /* With its blanks, so that a spreadsheet keeps it as text and all its digits. */
      return es_nir_format (m->nir);
    case F_STREET:
      return g_strdup (m->street);
    case F_POSTAL_CODE:
      return g_strdup (m->postal_code);
    case F_CITY:
      return g_strdup (m->city);
    case F_PHONE:
      return es_phone_format (m->phone);
    case F_EMAIL:
      return g_strdup (m->email);
    case F_PERMIT_END:
      return es_date_format_short (&m->permit_end);
    case F_ENTRY_STATUS:
      return g_strdup (entry_status_export (m->entry_status));
    case F_BENEFITS_END:
      return es_date_format_short (&m->benefits_end);
    case F_TRADE_NAME:
      return g_strdup (m->trade_name);
    case F_ACTIVITY:
      return g_strdup (m->activity);
    case F_NAF_CODE:
      return g_strdup (m->naf_code);
    case F_COUNSELOR:
      return g_strdup (m->counselor_id > 0 && m->counselor_name ? m->counselor_name : "");
    case F_CONTRIBUTION:
      return m->contribution_ppm >= 0 ? percent_export (m->contribution_ppm) : g_strdup ("");
    case F_STAGE:
      return g_strdup (stage_export (m->state.stage));
    case N_FIELDS:
    default:
      return g_strdup ("");
    }
}

gboolean
es_member_csv_export (EsDb *db, GOutputStream *stream, char separator, guint *n_written,
                      GCancellable *cancellable, GError **error)
{
  g_autoptr (GListStore) members = NULL;
  g_autoptr (GString) out = g_string_new ("\xEF\xBB\xBF");
  GDate today = es_date_today ();
  guint n;

  g_return_val_if_fail (ES_IS_DB (db), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (separator == ';' || separator == ',' || separator == '\t', FALSE);

  if (n_written != NULL)
    *n_written = 0;
  members = es_member_store_list (db, &today, error);
  if (members == NULL)
    return FALSE;

  for (int f = 0; f < N_FIELDS; f++)
    {
      if (f > 0)
        g_string_append_c (out, separator);
      append_value (out, fields[f].header, separator);
    }
  g_string_append (out, "\r\n");

  n = g_list_model_get_n_items (G_LIST_MODEL (members));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EsMember) m = g_list_model_get_item (G_LIST_MODEL (members), i);

      for (int f = 0; f < N_FIELDS; f++)
        {
          g_autofree char *value = export_value (m, (Field)f);
          if (f > 0)
            g_string_append_c (out, separator);
          append_value (out, value, separator);
        }
      g_string_append (out, "\r\n");
      if (out->len >= 64 * 1024 || i + 1 == n)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
    }
  if (out->len > 0
      && !g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = n;
  return TRUE;
}

gboolean
es_member_csv_export_file (EsDb *db, const char *path, char separator, gboolean overwrite,
                           guint *n_written, GError **error)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes) bytes = NULL;
  GError *local_error = NULL;
  guint n = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (n_written != NULL)
    *n_written = 0;
  if (!overwrite && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _ ("“%s” already exists: Essaim does not write over an existing file."), path);
      return FALSE;
    }
  if (!es_member_csv_export (db, stream, separator, &n, NULL, error)
      || !g_output_stream_close (stream, NULL, error))
    return FALSE;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  /* Written beside, then renamed: the file appears whole or not at all. */
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL),
                                 (gssize)g_bytes_get_size (bytes), G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s", local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  if (n_written != NULL)
    *n_written = n;
  return TRUE;
}
