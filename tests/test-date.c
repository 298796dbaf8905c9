/* test-date.c — es-date: parsing, formatting, calendar arithmetic. */
#include "config.h"

#include <glib.h>

#include "es-date.h"

/* A y-m-d triple; {0, 0, 0} stands for "an invalid date". */
typedef struct
{
  int y, m, d;
} Ymd;

#define INVALID                                                                                    \
  {                                                                                                \
    0, 0, 0                                                                                        \
  }

static GDate
make (Ymd ymd)
{
  return es_date_make (ymd.y, ymd.m, ymd.d);
}

static void
assert_date (const GDate *date, Ymd expected)
{
  if (expected.y == 0)
    {
      g_assert_false (g_date_valid (date));
      return;
    }

  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_get_year (date), ==, expected.y);
  g_assert_cmpint (g_date_get_month (date), ==, expected.m);
  g_assert_cmpint (g_date_get_day (date), ==, expected.d);
}

static char *
shown (const char *text)
{
  return text != NULL ? g_strescape (text, NULL) : g_strdup ("(null)");
}

static void
test_date_leap_year (void)
{
  static const struct
  {
    int year;
    gboolean leap;
  } cases[] = {
    { 1900, FALSE }, { 2000, TRUE },  { 2023, FALSE }, { 2024, TRUE },
    { 2025, FALSE }, { 2026, FALSE }, { 2028, TRUE },  { 2100, FALSE },
    { 2400, TRUE },  { 1600, TRUE },  { 1, FALSE },    { 4, TRUE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("year %d", cases[i].year);
      g_assert_cmpint (es_date_is_leap_year (cases[i].year), ==, cases[i].leap);
    }
}

static void
test_date_make (void)
{
  static const struct
  {
    int y, m, d;
    gboolean valid;
  } cases[] = {
    { 2026, 11, 24, TRUE }, { 2024, 2, 29, TRUE },  { 2023, 2, 29, FALSE },  { 2000, 2, 29, TRUE },
    { 1900, 2, 29, FALSE }, { 2100, 2, 29, FALSE }, { 2026, 4, 31, FALSE },  { 2026, 12, 31, TRUE },
    { 2026, 13, 1, FALSE }, { 2026, 0, 1, FALSE },  { 2026, 1, 0, FALSE },   { 2026, 1, 32, FALSE },
    { 0, 1, 1, FALSE },     { 1, 1, 1, TRUE },      { 65535, 12, 31, TRUE }, { 65536, 1, 1, FALSE },
    { 67562, 1, 1, FALSE }, /* 67562 = 2026 + 65536 */
    { -1, 1, 1, FALSE },    { 2026, -1, 1, FALSE }, { 2026, 1, 257, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date = es_date_make (cases[i].y, cases[i].m, cases[i].d);

      g_test_message ("%d-%d-%d", cases[i].y, cases[i].m, cases[i].d);
      g_assert_cmpint (g_date_valid (&date), ==, cases[i].valid);
      if (cases[i].valid)
        assert_date (&date, (Ymd){ cases[i].y, cases[i].m, cases[i].d });
    }
}

typedef struct
{
  const char *input;
  Ymd expected; /* INVALID when refused */
} IsoCase;

static const IsoCase iso_cases[] = {
  { "2026-11-24", { 2026, 11, 24 } },
  { "2024-02-29", { 2024, 2, 29 } },
  { "2000-02-29", { 2000, 2, 29 } },
  { "0001-01-01", { 1, 1, 1 } },
  { "2025-02-29", INVALID },
  { "1900-02-29", INVALID },
  { "2026-04-31", INVALID },
  { "2026-13-01", INVALID },
  { "2026-00-10", INVALID },
  { "2026-01-00", INVALID },
  { "0000-01-01", INVALID },
  { "2026-1-24", INVALID },
  { "2026-11-24 ", INVALID },
  { " 2026-11-24", INVALID },
  { "2026/11/24", INVALID },
  { "24/11/2026", INVALID },
  { "2026-11-24T10:00", INVALID },
  { "20261124", INVALID },
  { "abcd-ef-gh", INVALID },
  { "", INVALID },
  { NULL, INVALID },
};

static void
test_date_parse_iso (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (iso_cases); i++)
    {
      const IsoCase *c = &iso_cases[i];
      g_autofree char *s = shown (c->input);
      GDate date = es_date_make (2020, 5, 5); /* must be overwritten */
      gboolean ok = es_date_parse_iso (c->input, &date);

      g_test_message ("input: \"%s\"", s);
      g_assert_cmpint (ok, ==, c->expected.y != 0);
      assert_date (&date, c->expected);
    }

  g_assert_true (es_date_parse_iso ("2026-11-24", NULL));
}

/* error_code -1: accepted. */
typedef struct
{
  const char *input;
  int error_code;
  Ymd expected;
} UserCase;

static const UserCase user_cases[] = {
  { "24/11/2026", -1, { 2026, 11, 24 } },
  { "24/11/26", -1, { 2026, 11, 24 } },
  { "24-11-2026", -1, { 2026, 11, 24 } },
  { "24.11.2026", -1, { 2026, 11, 24 } },
  { "2026-11-24", -1, { 2026, 11, 24 } },
  { "  24/11/2026  ", -1, { 2026, 11, 24 } },
  { "\u00A024/11/2026\u202F", -1, { 2026, 11, 24 } },
  { "1/3/2026", -1, { 2026, 3, 1 } },
  { "01/03/2026", -1, { 2026, 3, 1 } },
  { "1/3/26", -1, { 2026, 3, 1 } },
  { "29/02/2024", -1, { 2024, 2, 29 } },
  { "29/02/24", -1, { 2024, 2, 29 } },
  { "29/02/2000", -1, { 2000, 2, 29 } },
  { "31/12/99", -1, { 2099, 12, 31 } },
  { "01/01/00", -1, { 2000, 1, 1 } },
  { "2026-3-1", -1, { 2026, 3, 1 } },
  { "15/06/1975", -1, { 1975, 6, 15 } },
  /* Dates that do not exist. */
  { "29/02/2023", ES_DATE_ERROR_INVALID, INVALID },
  { "29/02/1900", ES_DATE_ERROR_INVALID, INVALID },
  { "29/02/2100", ES_DATE_ERROR_INVALID, INVALID },
  { "31/04/2026", ES_DATE_ERROR_INVALID, INVALID },
  { "32/01/2026", ES_DATE_ERROR_INVALID, INVALID },
  { "00/01/2026", ES_DATE_ERROR_INVALID, INVALID },
  { "12/13/2026", ES_DATE_ERROR_INVALID, INVALID },
  { "10/00/2026", ES_DATE_ERROR_INVALID, INVALID },
  { "01/01/0000", ES_DATE_ERROR_INVALID, INVALID },
  { "2025-02-29", ES_DATE_ERROR_INVALID, INVALID },
  /* Not dates. */
  { NULL, ES_DATE_ERROR_EMPTY, INVALID },
  { "", ES_DATE_ERROR_EMPTY, INVALID },
  { "   ", ES_DATE_ERROR_EMPTY, INVALID },
  { "demain", ES_DATE_ERROR_FORMAT, INVALID },
  { "24/11", ES_DATE_ERROR_FORMAT, INVALID },
  { "24/11/", ES_DATE_ERROR_FORMAT, INVALID },
  { "24/11-2026", ES_DATE_ERROR_FORMAT, INVALID },
  { "24 11 2026", ES_DATE_ERROR_FORMAT, INVALID },
  { "24/11/2026/1", ES_DATE_ERROR_FORMAT, INVALID },
  { "24/11/202", ES_DATE_ERROR_FORMAT, INVALID },
  { "24/11/20266", ES_DATE_ERROR_FORMAT, INVALID },
  { "124/11/2026", ES_DATE_ERROR_FORMAT, INVALID },
  { "24/110/2026", ES_DATE_ERROR_FORMAT, INVALID },
  { "24/11/2026 10:00", ES_DATE_ERROR_FORMAT, INVALID },
  { "24/11/2026x", ES_DATE_ERROR_FORMAT, INVALID },
  { "-24/11/2026", ES_DATE_ERROR_FORMAT, INVALID },
  { "24112026", ES_DATE_ERROR_FORMAT, INVALID },
  { "99999999999/1/1", ES_DATE_ERROR_FORMAT, INVALID },
  { "\xff/11/2026", ES_DATE_ERROR_FORMAT, INVALID },
};

static void
test_date_parse_user (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (user_cases); i++)
    {
      const UserCase *c = &user_cases[i];
      g_autofree char *s = shown (c->input);
      g_autoptr (GError) error = NULL;
      GDate date = es_date_make (2020, 5, 5);
      gboolean ok = es_date_parse_user (c->input, &date, &error);

      g_test_message ("input: \"%s\"", s);
      if (c->error_code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, ES_DATE_ERROR, c->error_code);
          g_assert_cmpstr (error->message, !=, "");
        }
      assert_date (&date, c->expected);
    }

  g_assert_true (es_date_parse_user ("24/11/2026", NULL, NULL));
  g_assert_false (es_date_parse_user ("29/02/2023", NULL, NULL));
}

typedef struct
{
  Ymd date;
  const char *iso;
  const char *shortf;
  const char *longf;
} FormatCase;

static const FormatCase format_cases[] = {
  { { 2026, 11, 24 }, "2026-11-24", "24/11/2026", "24 novembre 2026" },
  { { 2026, 3, 1 }, "2026-03-01", "01/03/2026", "1er mars 2026" },
  { { 2026, 1, 2 }, "2026-01-02", "02/01/2026", "2 janvier 2026" },
  { { 2024, 2, 29 }, "2024-02-29", "29/02/2024", "29 février 2024" },
  { { 2026, 4, 11 }, "2026-04-11", "11/04/2026", "11 avril 2026" },
  { { 2026, 5, 1 }, "2026-05-01", "01/05/2026", "1er mai 2026" },
  { { 2026, 6, 21 }, "2026-06-21", "21/06/2026", "21 juin 2026" },
  { { 2026, 7, 14 }, "2026-07-14", "14/07/2026", "14 juillet 2026" },
  { { 2026, 8, 15 }, "2026-08-15", "15/08/2026", "15 août 2026" },
  { { 2026, 9, 30 }, "2026-09-30", "30/09/2026", "30 septembre 2026" },
  { { 2026, 10, 31 }, "2026-10-31", "31/10/2026", "31 octobre 2026" },
  { { 2026, 12, 31 }, "2026-12-31", "31/12/2026", "31 décembre 2026" },
  { { 1, 1, 1 }, "0001-01-01", "01/01/0001", "1er janvier 1" },
  { INVALID, NULL, "", "" },
};

static void
test_date_format (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];
      GDate date = make (c->date);
      g_autofree char *iso = es_date_to_iso (&date);
      g_autofree char *shortf = es_date_format_short (&date);
      g_autofree char *longf = es_date_format_long (&date);
      GDate back;

      g_test_message ("%d-%d-%d", c->date.y, c->date.m, c->date.d);
      g_assert_cmpstr (iso, ==, c->iso);
      g_assert_cmpstr (shortf, ==, c->shortf);
      g_assert_cmpstr (longf, ==, c->longf);
      g_assert_true (longf == NULL || g_utf8_validate (longf, -1, NULL));

      if (c->iso != NULL)
        {
          /* Both text forms read back as the same date. */
          g_assert_true (es_date_parse_iso (iso, &back));
          g_assert_cmpint (g_date_compare (&back, &date), ==, 0);
          g_assert_true (es_date_parse_user (shortf, &back, NULL));
          g_assert_cmpint (g_date_compare (&back, &date), ==, 0);
        }
    }

  g_assert_null (es_date_to_iso (NULL));
}

static void
test_date_format_month (void)
{
  static const struct
  {
    int year, month;
    const char *expected;
  } cases[] = {
    { 2026, 11, "novembre 2026" },
    { 2026, 1, "janvier 2026" },
    { 2026, 2, "février 2026" },
    { 2026, 8, "août 2026" },
    { 2026, 12, "décembre 2026" },
    { 2026, 0, "" },
    { 2026, 13, "" },
    { 0, 5, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = es_date_format_month (cases[i].year, cases[i].month);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

typedef struct
{
  Ymd from;
  int n;
  Ymd expected;
} AddCase;

static const AddCase add_months_cases[] = {
  { { 2026, 1, 15 }, 1, { 2026, 2, 15 } },
  { { 2026, 1, 31 }, 1, { 2026, 2, 28 } }, /* clamped */
  { { 2024, 1, 31 }, 1, { 2024, 2, 29 } }, /* leap year */
  { { 2000, 1, 31 }, 1, { 2000, 2, 29 } },
  { { 2100, 1, 31 }, 1, { 2100, 2, 28 } },
  { { 1900, 1, 31 }, 1, { 1900, 2, 28 } },
  { { 2026, 1, 31 }, 2, { 2026, 3, 31 } },
  { { 2026, 3, 31 }, 1, { 2026, 4, 30 } },
  { { 2026, 5, 31 }, -1, { 2026, 4, 30 } },
  { { 2026, 3, 31 }, -1, { 2026, 2, 28 } },
  { { 2024, 3, 31 }, -1, { 2024, 2, 29 } },
  { { 2026, 1, 15 }, -1, { 2025, 12, 15 } },
  { { 2026, 1, 15 }, -13, { 2024, 12, 15 } },
  { { 2026, 1, 15 }, -24, { 2024, 1, 15 } },
  { { 2026, 11, 24 }, 2, { 2027, 1, 24 } },
  { { 2026, 12, 31 }, 1, { 2027, 1, 31 } },
  { { 2026, 11, 24 }, 12, { 2027, 11, 24 } },
  { { 2024, 2, 29 }, 12, { 2025, 2, 28 } },
  { { 2024, 2, 29 }, 48, { 2028, 2, 29 } },
  { { 2026, 11, 24 }, 0, { 2026, 11, 24 } },
  { { 2026, 8, 31 }, 6, { 2027, 2, 28 } },
  { { 1, 1, 1 }, -1, INVALID },
  { { 65535, 12, 1 }, 1, INVALID },
  { { 2026, 1, 1 }, G_MAXINT, INVALID },
  { { 2026, 1, 1 }, G_MININT, INVALID },
  { INVALID, 1, INVALID },
};

static void
test_date_add_months (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (add_months_cases); i++)
    {
      const AddCase *c = &add_months_cases[i];
      GDate from = make (c->from);
      GDate result = es_date_add_months (&from, c->n);

      g_test_message ("%d-%d-%d + %d months", c->from.y, c->from.m, c->from.d, c->n);
      assert_date (&result, c->expected);
    }
}

static const AddCase add_days_cases[] = {
  { { 2026, 11, 24 }, 0, { 2026, 11, 24 } },  { { 2026, 11, 24 }, 1, { 2026, 11, 25 } },
  { { 2026, 11, 24 }, 30, { 2026, 12, 24 } }, { { 2026, 11, 24 }, 45, { 2027, 1, 8 } },
  { { 2026, 12, 31 }, 1, { 2027, 1, 1 } },    { { 2024, 2, 28 }, 1, { 2024, 2, 29 } },
  { { 2023, 2, 28 }, 1, { 2023, 3, 1 } },     { { 2026, 3, 1 }, -1, { 2026, 2, 28 } },
  { { 2024, 3, 1 }, -1, { 2024, 2, 29 } },    { { 2027, 1, 1 }, -1, { 2026, 12, 31 } },
  { { 2026, 1, 1 }, -365, { 2025, 1, 1 } },   { { 2026, 1, 1 }, 365, { 2027, 1, 1 } },
  { { 2024, 1, 1 }, 366, { 2025, 1, 1 } },    { { 1, 1, 1 }, -1, INVALID },
  { { 65535, 12, 31 }, 1, INVALID },          { { 2026, 1, 1 }, G_MAXINT, INVALID },
  { { 2026, 1, 1 }, G_MININT, INVALID },      { INVALID, 1, INVALID },
};

static void
test_date_add_days (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (add_days_cases); i++)
    {
      const AddCase *c = &add_days_cases[i];
      GDate from = make (c->from);
      GDate result = es_date_add_days (&from, c->n);

      g_test_message ("%d-%d-%d + %d days", c->from.y, c->from.m, c->from.d, c->n);
      assert_date (&result, c->expected);
    }
}

static void
test_date_end_of_month (void)
{
  static const struct
  {
    Ymd date;
    Ymd expected;
  } cases[] = {
    { { 2026, 1, 15 }, { 2026, 1, 31 } },   { { 2026, 2, 1 }, { 2026, 2, 28 } },
    { { 2024, 2, 10 }, { 2024, 2, 29 } },   { { 2000, 2, 10 }, { 2000, 2, 29 } },
    { { 1900, 2, 10 }, { 1900, 2, 28 } },   { { 2100, 2, 10 }, { 2100, 2, 28 } },
    { { 2026, 4, 30 }, { 2026, 4, 30 } },   { { 2026, 12, 1 }, { 2026, 12, 31 } },
    { { 2026, 11, 24 }, { 2026, 11, 30 } }, { INVALID, INVALID },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date = make (cases[i].date);
      GDate end = es_date_end_of_month (&date);

      assert_date (&end, cases[i].expected);
    }
}

typedef struct
{
  Ymd a;
  Ymd b;
  int expected;
} BetweenCase;

static const BetweenCase days_between_cases[] = {
  { { 2026, 11, 24 }, { 2026, 11, 24 }, 0 },
  { { 2026, 11, 24 }, { 2026, 11, 25 }, 1 },
  { { 2026, 11, 25 }, { 2026, 11, 24 }, -1 },
  { { 2026, 1, 1 }, { 2027, 1, 1 }, 365 },
  { { 2024, 1, 1 }, { 2025, 1, 1 }, 366 },
  { { 2024, 2, 28 }, { 2024, 3, 1 }, 2 },
  { { 2023, 2, 28 }, { 2023, 3, 1 }, 1 },
  { { 2000, 1, 1 }, { 2100, 1, 1 }, 36525 },
  { INVALID, { 2026, 1, 1 }, 0 },
};

static void
test_date_days_between (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (days_between_cases); i++)
    {
      const BetweenCase *c = &days_between_cases[i];
      GDate a = make (c->a), b = make (c->b);

      g_assert_cmpint (es_date_days_between (&a, &b), ==, c->expected);
    }
}

static const BetweenCase months_between_cases[] = {
  { { 2026, 1, 31 }, { 2026, 2, 28 }, 0 }, /* as documented */
  { { 2024, 1, 31 }, { 2024, 2, 29 }, 0 },
  { { 2026, 1, 31 }, { 2026, 3, 1 }, 1 },
  { { 2024, 1, 31 }, { 2024, 3, 1 }, 1 },
  { { 2026, 1, 15 }, { 2026, 3, 15 }, 2 },
  { { 2026, 1, 15 }, { 2026, 3, 14 }, 1 },
  { { 2026, 1, 15 }, { 2026, 1, 15 }, 0 },
  { { 2026, 1, 15 }, { 2026, 1, 31 }, 0 },
  { { 2026, 1, 15 }, { 2026, 2, 15 }, 1 },
  { { 2026, 1, 1 }, { 2026, 12, 31 }, 11 },
  { { 2026, 1, 1 }, { 2027, 1, 1 }, 12 },
  { { 2025, 11, 24 }, { 2026, 11, 23 }, 11 },
  { { 2025, 11, 24 }, { 2026, 11, 24 }, 12 },
  { { 2024, 2, 29 }, { 2025, 2, 28 }, 11 },
  { { 2024, 2, 29 }, { 2025, 3, 1 }, 12 },
  /* Backwards: the opposite of the forward count. */
  { { 2026, 3, 15 }, { 2026, 1, 15 }, -2 },
  { { 2026, 3, 14 }, { 2026, 1, 15 }, -1 },
  { { 2026, 2, 28 }, { 2026, 1, 31 }, 0 },
  { { 2026, 3, 1 }, { 2026, 1, 31 }, -1 },
  { { 2027, 1, 1 }, { 2026, 1, 1 }, -12 },
  { INVALID, { 2026, 1, 1 }, 0 },
  { { 2026, 1, 1 }, INVALID, 0 },
};

static void
test_date_months_between (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (months_between_cases); i++)
    {
      const BetweenCase *c = &months_between_cases[i];
      GDate a = make (c->a), b = make (c->b);

      g_test_message ("%d-%d-%d → %d-%d-%d", c->a.y, c->a.m, c->a.d, c->b.y, c->b.m, c->b.d);
      g_assert_cmpint (es_date_months_between (&a, &b), ==, c->expected);
      g_assert_cmpint (es_date_months_between (&b, &a), ==, -c->expected);
    }
}

static void
test_date_compare (void)
{
  GDate a = es_date_make (2026, 11, 24);
  GDate b = es_date_make (2026, 11, 25);
  GDate a2 = es_date_make (2026, 11, 24);
  GDate bad = es_date_make (2026, 2, 30);

  g_assert_cmpint (es_date_compare (&a, &b), <, 0);
  g_assert_cmpint (es_date_compare (&b, &a), >, 0);
  g_assert_cmpint (es_date_compare (&a, &a2), ==, 0);
  g_assert_cmpint (es_date_compare (&bad, &a), <, 0);
  g_assert_cmpint (es_date_compare (&a, &bad), >, 0);
  g_assert_cmpint (es_date_compare (&bad, &bad), ==, 0);
}

static void
test_date_today (void)
{
  g_autoptr (GDateTime) before = g_date_time_new_now_local ();
  GDate today = es_date_today ();
  g_autoptr (GDateTime) after = g_date_time_new_now_local ();
  GDate expected_before
      = es_date_make (g_date_time_get_year (before), g_date_time_get_month (before),
                      g_date_time_get_day_of_month (before));
  GDate expected_after = es_date_make (g_date_time_get_year (after), g_date_time_get_month (after),
                                       g_date_time_get_day_of_month (after));

  g_assert_true (g_date_valid (&today));
  /* Midnight may pass between the calls. */
  g_assert_true (g_date_compare (&today, &expected_before) == 0
                 || g_date_compare (&today, &expected_after) == 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/leap-year", test_date_leap_year);
  g_test_add_func ("/date/make", test_date_make);
  g_test_add_func ("/date/parse/iso", test_date_parse_iso);
  g_test_add_func ("/date/parse/user", test_date_parse_user);
  g_test_add_func ("/date/format/full", test_date_format);
  g_test_add_func ("/date/format/month", test_date_format_month);
  g_test_add_func ("/date/add/months", test_date_add_months);
  g_test_add_func ("/date/add/days", test_date_add_days);
  g_test_add_func ("/date/end-of-month", test_date_end_of_month);
  g_test_add_func ("/date/between/days", test_date_days_between);
  g_test_add_func ("/date/between/months", test_date_months_between);
  g_test_add_func ("/date/compare", test_date_compare);
  g_test_add_func ("/date/today", test_date_today);

  return g_test_run ();
}
