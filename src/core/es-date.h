/* es-date.h — calendar dates: ISO text in SQL, GDate in C, French on screen and paper. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors of es_date_parse_user. */
#define ES_DATE_ERROR (es_date_error_quark ())

typedef enum
{
  ES_DATE_ERROR_EMPTY,   /* nothing but blanks */
  ES_DATE_ERROR_FORMAT,  /* not a day/month/year date */
  ES_DATE_ERROR_INVALID, /* a date that does not exist: 29/02/2023, 31/04/2026 */
} EsDateError;

GQuark es_date_error_quark (void);

/* "2026-11-24" → GDate. FALSE (and an invalid date) on anything else, including
 * impossible dates such as 2025-02-29. */
gboolean es_date_parse_iso (const char *text, GDate *out);
/* A date typed by a French user: "24/11/2026", "24/11/26", "24-11-2026", "24.11.2026",
 * "2026-11-24", with optional blanks around. Two-digit years are 20yy. */
gboolean es_date_parse_user (const char *text, GDate *out, GError **error);

/* "2026-11-24"; NULL for an invalid date. (The other formatters return "" for an
 * invalid date.) */
char *es_date_to_iso (const GDate *date);
/* "24/11/2026" */
char *es_date_format_short (const GDate *date);
/* "24 novembre 2026", "1er mars 2026" — always French (legal documents). */
char *es_date_format_long (const GDate *date);
/* "novembre 2026" */
char *es_date_format_month (int year, int month);

/* Adds (or with a negative count, subtracts) months; a day past the end of the target
 * month is clamped to its last day (31 January + 1 month = 28 or 29 February). */
GDate es_date_add_months (const GDate *date, int months);
/* Adds days (negative allowed). */
GDate es_date_add_days (const GDate *date, int days);
/* Last day of date's month. */
GDate es_date_end_of_month (const GDate *date);
gboolean es_date_is_leap_year (int year);
/* b − a in days (negative when b is before a); 0 when either date is invalid. */
int es_date_days_between (const GDate *a, const GDate *b);
/* Whole months from a to b (negative when b is before a): 31 Jan → 28 Feb = 0, → 29 Feb
 * of a leap year = 0, → 1 March = 1; 15 Jan → 15 Mar = 2. A month counts once b's day
 * of month reaches a's. When b is before a, the result is −es_date_months_between (b, a).
 * 0 when either date is invalid. */
int es_date_months_between (const GDate *a, const GDate *b);
/* Today in local time. */
GDate es_date_today (void);
/* A GDate for y-m-d (valid or not: check with g_date_valid). */
GDate es_date_make (int year, int month, int day);
/* qsort-style comparison for two valid dates (an invalid date sorts first). */
int es_date_compare (const GDate *a, const GDate *b);

G_END_DECLS
