/* es-date.c — calendar dates: ISO text in SQL, GDate in C, French on screen and paper.
 *
 * GDate guards its setters with g_return_if_fail, so every value coming from outside is
 * range-checked here first: invalid input gives an invalid (cleared) GDate, never a
 * critical warning.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <time.h>

#include "es-date.h"

GQuark
es_date_error_quark (void)
{
  return g_quark_from_static_string ("es-date-error-quark");
}

/* Legal documents are in French whatever the interface language: not translated. */
static const char *const month_names[12] = {
  "janvier", "février", "mars",      "avril",   "mai",      "juin",
  "juillet", "août",    "septembre", "octobre", "novembre", "décembre",
};

#define YEAR_MIN 1
#define YEAR_MAX 65535 /* GDateYear is a guint16 */

static GDate
invalid_date (void)
{
  GDate date;

  g_date_clear (&date, 1);
  return date;
}

static gboolean
is_valid (const GDate *date)
{
  return date != NULL && g_date_valid (date);
}

gboolean
es_date_is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year, int month)
{
  static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && es_date_is_leap_year (year))
    return 29;
  return days[month - 1];
}

static gboolean
dmy_valid (gint64 year, gint64 month, gint64 day)
{
  return year >= YEAR_MIN && year <= YEAR_MAX && month >= 1 && month <= 12 && day >= 1
         && day <= days_in_month ((int)year, (int)month);
}

GDate
es_date_make (int year, int month, int day)
{
  GDate date;

  g_date_clear (&date, 1);
  if (dmy_valid (year, month, day))
    g_date_set_dmy (&date, (GDateDay)day, (GDateMonth)month, (GDateYear)year);

  return date;
}

/* ---------------------------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------------------------- */

/* Reads exactly n ASCII digits. */
static gboolean
read_fixed (const char *p, int n, int *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }

  *out = v;
  return TRUE;
}

gboolean
es_date_parse_iso (const char *text, GDate *out)
{
  int year, month, day;
  GDate date = invalid_date ();
  gboolean ok;

  ok = text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-'
       && read_fixed (text, 4, &year) && read_fixed (text + 5, 2, &month)
       && read_fixed (text + 8, 2, &day) && dmy_valid (year, month, day);

  if (ok)
    date = es_date_make (year, month, day);
  if (out != NULL)
    *out = date;

  return ok;
}

/* Reads a run of 1 to 4 digits; *len gets its length (0 when none). */
static const char *
read_number (const char *p, int *value, int *len)
{
  *value = 0;
  *len = 0;
  while (g_ascii_isdigit (*p) && *len < 5)
    {
      *value = *value * 10 + (*p - '0');
      (*len)++;
      p++;
    }

  return p;
}

static gboolean
is_date_separator (char c)
{
  return c == '/' || c == '-' || c == '.';
}

/* Copies text without the blanks (of any kind) around it. */
static char *
strip_blanks (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, (gsize)(end - start));
}

gboolean
es_date_parse_user (const char *text, GDate *out, GError **error)
{
  g_autofree char *stripped = NULL;
  const char *p;
  int n[3], len[3];
  char sep = '\0';
  int year, month, day;

  if (out != NULL)
    *out = invalid_date ();

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    goto format;

  stripped = strip_blanks (text);
  if (*stripped == '\0')
    {
      g_set_error_literal (error, ES_DATE_ERROR, ES_DATE_ERROR_EMPTY, _ ("No date was typed."));
      return FALSE;
    }

  /* Three numbers with the same separator between them. */
  p = stripped;
  for (int i = 0; i < 3; i++)
    {
      p = read_number (p, &n[i], &len[i]);
      if (len[i] == 0 || len[i] > 4)
        goto format;
      if (i < 2)
        {
          if (!is_date_separator (*p) || (sep != '\0' && *p != sep))
            goto format;
          sep = *p++;
        }
    }
  if (*p != '\0')
    goto format;

  if (len[0] == 4 && len[1] <= 2 && len[2] <= 2)
    {
      /* 2026-11-24 */
      year = n[0];
      month = n[1];
      day = n[2];
    }
  else if (len[0] <= 2 && len[1] <= 2 && (len[2] == 2 || len[2] == 4))
    {
      /* 24/11/2026, 24/11/26 */
      day = n[0];
      month = n[1];
      year = len[2] == 2 ? 2000 + n[2] : n[2];
    }
  else
    goto format;

  if (!dmy_valid (year, month, day))
    {
      g_set_error_literal (error, ES_DATE_ERROR, ES_DATE_ERROR_INVALID,
                           _ ("This date does not exist: check the day and the month."));
      return FALSE;
    }

  if (out != NULL)
    *out = es_date_make (year, month, day);
  return TRUE;

format:
  g_set_error_literal (error, ES_DATE_ERROR, ES_DATE_ERROR_FORMAT,
                       _ ("Type the date as day/month/year, for example 24/11/2026."));
  return FALSE;
}

/* ---------------------------------------------------------------------------------------
 * Formatting
 * ------------------------------------------------------------------------------------- */

char *
es_date_to_iso (const GDate *date)
{
  if (!is_valid (date))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", (guint)g_date_get_year (date),
                          (guint)g_date_get_month (date), (guint)g_date_get_day (date));
}

char *
es_date_format_short (const GDate *date)
{
  if (!is_valid (date))
    return g_strdup ("");

  return g_strdup_printf ("%02u/%02u/%04u", (guint)g_date_get_day (date),
                          (guint)g_date_get_month (date), (guint)g_date_get_year (date));
}

char *
es_date_format_long (const GDate *date)
{
  guint day;

  if (!is_valid (date))
    return g_strdup ("");

  day = g_date_get_day (date);
  return g_strdup_printf ("%u%s %s %u", day, day == 1 ? "er" : "",
                          month_names[g_date_get_month (date) - 1], (guint)g_date_get_year (date));
}

char *
es_date_format_month (int year, int month)
{
  if (month < 1 || month > 12 || year < YEAR_MIN || year > YEAR_MAX)
    return g_strdup ("");

  return g_strdup_printf ("%s %d", month_names[month - 1], year);
}

/* ---------------------------------------------------------------------------------------
 * Arithmetic
 * ------------------------------------------------------------------------------------- */

GDate
es_date_add_months (const GDate *date, int months)
{
  gint64 index;
  int year, month, day;

  if (!is_valid (date))
    return invalid_date ();

  /* Months counted from January of year 0, so that division rounds the right way. */
  index = (gint64)g_date_get_year (date) * 12 + (g_date_get_month (date) - 1) + months;
  if (index < (gint64)YEAR_MIN * 12 || index > (gint64)YEAR_MAX * 12 + 11)
    return invalid_date ();

  year = (int)(index / 12);
  month = (int)(index % 12) + 1;
  day = MIN ((int)g_date_get_day (date), days_in_month (year, month));

  return es_date_make (year, month, day);
}

GDate
es_date_add_days (const GDate *date, int days)
{
  GDate last = es_date_make (YEAR_MAX, 12, 31);
  GDate result;
  gint64 julian;

  if (!is_valid (date))
    return invalid_date ();

  julian = (gint64)g_date_get_julian (date) + days;
  if (julian < 1 || julian > (gint64)g_date_get_julian (&last))
    return invalid_date ();

  g_date_clear (&result, 1);
  g_date_set_julian (&result, (guint32)julian);
  return result;
}

GDate
es_date_end_of_month (const GDate *date)
{
  int year, month;

  if (!is_valid (date))
    return invalid_date ();

  year = g_date_get_year (date);
  month = g_date_get_month (date);
  return es_date_make (year, month, days_in_month (year, month));
}

int
es_date_days_between (const GDate *a, const GDate *b)
{
  if (!is_valid (a) || !is_valid (b))
    return 0;

  return g_date_days_between (a, b);
}

int
es_date_months_between (const GDate *a, const GDate *b)
{
  int months;

  if (!is_valid (a) || !is_valid (b))
    return 0;

  if (g_date_compare (b, a) < 0)
    return -es_date_months_between (b, a);

  months = ((int)g_date_get_year (b) - (int)g_date_get_year (a)) * 12
           + ((int)g_date_get_month (b) - (int)g_date_get_month (a));
  if (g_date_get_day (b) < g_date_get_day (a))
    months--;

  return months;
}

GDate
es_date_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  if (now != NULL)
    g_date_set_dmy (&date, (GDateDay)g_date_time_get_day_of_month (now),
                    (GDateMonth)g_date_time_get_month (now), (GDateYear)g_date_time_get_year (now));
  else
    g_date_set_time_t (&date, time (NULL));

  return date;
}

int
es_date_compare (const GDate *a, const GDate *b)
{
  gboolean a_valid = is_valid (a), b_valid = is_valid (b);

  if (!a_valid || !b_valid)
    return (int)a_valid - (int)b_valid;

  return g_date_compare (a, b);
}
