/* test-money.c — es-money: parsing, formatting, rounding, rates. */
#include "config.h"

#include <glib.h>

#include "es-money.h"

#define NBSP "\u00A0"
#define NNBSP "\u202F"

/* An error code of -1 means "parses successfully". */
#define OK (-1)

typedef struct
{
  const char *input;
  int error_code;
  gint64 expected;
} ParseCase;

static const ParseCase money_parse_cases[] = {
  /* The usual French ways of typing. */
  { "0", OK, 0 },
  { "12", OK, 1200 },
  { "+12", OK, 1200 },
  { "0,05", OK, 5 },
  { "0,5", OK, 50 },
  { ",5", OK, 50 },
  { "12,", OK, 1200 },
  { "1 234,56", OK, 123456 },
  { "1234,56", OK, 123456 },
  { "1234.56", OK, 123456 },
  { "1 234.56", OK, 123456 },
  { "-3,5 €", OK, -350 },
  { "-3,5€", OK, -350 },
  { "1 234 €", OK, 123400 },
  { "1 234 567,8", OK, 123456780 },
  { "1.234.567", OK, 123456700 },
  { "1.234,56", OK, 123456 },
  { "1'234.56", OK, 123456 },
  { "1\u2019234,56", OK, 123456 },
  { "  42  ", OK, 4200 },
  { "\t42\n", OK, 4200 },
  { "-0", OK, 0 },
  { "007", OK, 700 },
  /* No-break and narrow no-break spaces, as copied from a PDF or a web page. */
  { "1" NNBSP "234,56", OK, 123456 },
  { "1" NBSP "234,56", OK, 123456 },
  { "1" NNBSP "234" NNBSP "567,89" NBSP "€", OK, 123456789 },
  { NBSP "12" NBSP, OK, 1200 },
  /* Currency before or after, sign before or after a leading currency. */
  { "€ 12", OK, 1200 },
  { "€12", OK, 1200 },
  { "12 EUR", OK, 1200 },
  { "12 eur", OK, 1200 },
  { "EUR 12,50", OK, 1250 },
  { "-€ 12", OK, -1200 },
  { "€ -12", OK, -1200 },
  { "\u221212,50", OK, -1250 },
  /* Extremes. */
  { "90 000 000 000 000 000,00", OK, ES_MONEY_MAX_CENTS },
  { "-90000000000000000", OK, -ES_MONEY_MAX_CENTS },
  { "90000000000000000,01", ES_MONEY_ERROR_OVERFLOW, 0 },
  { "99999999999999999999", ES_MONEY_ERROR_OVERFLOW, 0 },
  { "-99999999999999999999999999", ES_MONEY_ERROR_OVERFLOW, 0 },
  /* Empty. */
  { NULL, ES_MONEY_ERROR_EMPTY, 0 },
  { "", ES_MONEY_ERROR_EMPTY, 0 },
  { "   ", ES_MONEY_ERROR_EMPTY, 0 },
  { NNBSP NBSP, ES_MONEY_ERROR_EMPTY, 0 },
  /* Refused. */
  { "abc", ES_MONEY_ERROR_INVALID, 0 },
  { "12abc", ES_MONEY_ERROR_INVALID, 0 },
  { "12,345", ES_MONEY_ERROR_INVALID, 0 },   /* three decimals or thousands? ambiguous */
  { "1.234", ES_MONEY_ERROR_INVALID, 0 },    /* same */
  { "1,234.56", ES_MONEY_ERROR_INVALID, 0 }, /* English style */
  { "1 234,567", ES_MONEY_ERROR_INVALID, 0 },
  { "0,1234", ES_MONEY_ERROR_INVALID, 0 },
  { "1,2,3", ES_MONEY_ERROR_INVALID, 0 },
  { "12 34", ES_MONEY_ERROR_INVALID, 0 },
  { "1234 567", ES_MONEY_ERROR_INVALID, 0 },
  { "1 234.567.890", ES_MONEY_ERROR_INVALID, 0 },
  { "1 234.567 890", ES_MONEY_ERROR_INVALID, 0 },
  { "1 234 ,5", ES_MONEY_ERROR_INVALID, 0 },
  { "1 234'567", ES_MONEY_ERROR_INVALID, 0 },
  { "--12", ES_MONEY_ERROR_INVALID, 0 },
  { "+-12", ES_MONEY_ERROR_INVALID, 0 },
  { "-€-12", ES_MONEY_ERROR_INVALID, 0 },
  { "12-", ES_MONEY_ERROR_INVALID, 0 },
  { "€", ES_MONEY_ERROR_INVALID, 0 },
  { "-", ES_MONEY_ERROR_INVALID, 0 },
  { ",", ES_MONEY_ERROR_INVALID, 0 },
  { "€ 12 €", ES_MONEY_ERROR_INVALID, 0 },
  { "12 $", ES_MONEY_ERROR_INVALID, 0 },
  { "12 USD", ES_MONEY_ERROR_INVALID, 0 },
  { "1e3", ES_MONEY_ERROR_INVALID, 0 },
  { "0x10", ES_MONEY_ERROR_INVALID, 0 },
  { "\xff\xfe", ES_MONEY_ERROR_INVALID, 0 }, /* not UTF-8 */
};

static void
check_parse_case (const ParseCase *c, gboolean (*parse) (const char *, gint64 *, GError **))
{
  g_autoptr (GError) error = NULL;
  gint64 value = G_GINT64_CONSTANT (0x5A5A5A5A);
  gboolean ok = parse (c->input, &value, &error);

  g_autofree char *shown = c->input != NULL ? g_strescape (c->input, NULL) : g_strdup ("(null)");

  g_test_message ("input: \"%s\"", shown);
  if (c->error_code == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpint (value, ==, c->expected);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, ES_MONEY_ERROR, c->error_code);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (value, ==, G_GINT64_CONSTANT (0x5A5A5A5A)); /* untouched */
    }
}

static void
test_money_parse (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (money_parse_cases); i++)
    check_parse_case (&money_parse_cases[i], es_money_parse);
}

static void
test_money_parse_null_out (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (es_money_parse ("12", NULL, NULL));
  g_assert_false (es_money_parse ("abc", NULL, NULL));
  g_assert_false (es_money_parse ("abc", NULL, &error));
  g_assert_error (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID);
}

/* "12,345" could be twelve thousand or twelve euros: the message says it is unclear,
 * unlike the one for plainly too many decimals. */
static void
test_money_parse_messages (void)
{
  g_autoptr (GError) ambiguous = NULL;
  g_autoptr (GError) too_precise = NULL;
  g_autoptr (GError) empty = NULL;

  g_assert_false (es_money_parse ("12,345", NULL, &ambiguous));
  g_assert_false (es_money_parse ("1 234,567", NULL, &too_precise));
  g_assert_false (es_money_parse ("", NULL, &empty));
  g_assert_cmpstr (ambiguous->message, !=, too_precise->message);
  g_assert_cmpstr (ambiguous->message, !=, empty->message);
}

typedef struct
{
  gint64 cents;
  const char *full;
  const char *plain;
} FormatCase;

static const FormatCase money_format_cases[] = {
  { 0, "0,00" NBSP "€", "0,00" },
  { 1, "0,01" NBSP "€", "0,01" },
  { 5, "0,05" NBSP "€", "0,05" },
  { 50, "0,50" NBSP "€", "0,50" },
  { 100, "1,00" NBSP "€", "1,00" },
  { 99999, "999,99" NBSP "€", "999,99" },
  { 100000, "1" NNBSP "000,00" NBSP "€", "1" NNBSP "000,00" },
  { 123456, "1" NNBSP "234,56" NBSP "€", "1" NNBSP "234,56" },
  { 12345678, "123" NNBSP "456,78" NBSP "€", "123" NNBSP "456,78" },
  { 123456789, "1" NNBSP "234" NNBSP "567,89" NBSP "€", "1" NNBSP "234" NNBSP "567,89" },
  { -1, "-0,01" NBSP "€", "-0,01" },
  { -350, "-3,50" NBSP "€", "-3,50" },
  { -123456, "-1" NNBSP "234,56" NBSP "€", "-1" NNBSP "234,56" },
  { ES_MONEY_MAX_CENTS,
    "90" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000,00" NBSP "€",
    "90" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000,00" },
  { -ES_MONEY_MAX_CENTS,
    "-90" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000,00" NBSP "€",
    "-90" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000" NNBSP "000,00" },
  /* Beyond ES_MONEY_MAX_CENTS the functions still do not crash. */
  { G_MAXINT64, "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07" NBSP "€",
    "92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,07" },
  { G_MININT64, "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" NBSP "€",
    "-92" NNBSP "233" NNBSP "720" NNBSP "368" NNBSP "547" NNBSP "758,08" },
};

static void
test_money_format (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (money_format_cases); i++)
    {
      const FormatCase *c = &money_format_cases[i];
      g_autofree char *full = es_money_format (c->cents);
      g_autofree char *plain = es_money_format_plain (c->cents);

      g_test_message ("cents: %" G_GINT64_FORMAT, c->cents);
      g_assert_true (g_utf8_validate (full, -1, NULL));
      g_assert_cmpstr (full, ==, c->full);
      g_assert_cmpstr (plain, ==, c->plain);
    }
}

/* Whatever is formatted parses back to the same amount. */
static void
test_money_round_trip (void)
{
  static const gint64 values[] = {
    0, 1, -1, 99, 100, 101, 123456, -123456, 100000000, ES_MONEY_MAX_CENTS, -ES_MONEY_MAX_CENTS,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *full = es_money_format (values[i]);
      g_autofree char *plain = es_money_format_plain (values[i]);
      g_autoptr (GError) error = NULL;
      gint64 back = 0;

      g_assert_true (es_money_parse (full, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, values[i]);
      g_assert_true (es_money_parse (plain, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, values[i]);
    }
}

typedef struct
{
  gint64 num;
  gint64 den;
  gint64 expected;
} DivCase;

static const DivCase div_cases[] = {
  { 0, 7, 0 },
  { 10, 2, 5 },
  { 7, 2, 4 },   /* 3.5 → 4 */
  { -7, 2, -4 }, /* -3.5 → -4 */
  { 7, -2, -4 },
  { -7, -2, 4 },
  { 5, 3, 2 }, /* 1.67 */
  { 4, 3, 1 }, /* 1.33 */
  { -4, 3, -1 },
  { -5, 3, -2 },
  { 1, 3, 0 },
  { 149, 100, 1 },
  { 150, 100, 2 },
  { -150, 100, -2 },
  { -149, 100, -1 },
  { G_MAXINT64, 1, G_MAXINT64 },
  { G_MAXINT64, G_MAXINT64, 1 },
  { G_MININT64, G_MININT64, 1 },
  { G_MAXINT64, 2, G_GINT64_CONSTANT (4611686018427387904) }, /* …903.5 → …904 */
  { G_MININT64, 2, G_GINT64_CONSTANT (-4611686018427387904) },
  { G_MAXINT64 / 2, G_MAXINT64, 0 },     /* just below one half */
  { G_MAXINT64 / 2 + 1, G_MAXINT64, 1 }, /* just above */
  { G_MININT64, -1, G_MAXINT64 },        /* clamped */
};

static void
test_money_div_round (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (div_cases); i++)
    {
      const DivCase *c = &div_cases[i];

      g_test_message ("%" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, c->num, c->den);
      g_assert_cmpint (es_money_div_round (c->num, c->den), ==, c->expected);
    }
}

typedef struct
{
  gint64 cents;
  gint64 factor;
  gboolean ok;
  gint64 expected;
} MulCase;

static const MulCase mul_qty_cases[] = {
  { 1000, 1000, TRUE, 1000 }, /* 10 € × 1 */
  { 1000, 1500, TRUE, 1500 }, /* 10 € × 1.5 */
  { 0, 123456, TRUE, 0 },
  { 1000, 0, TRUE, 0 },
  { 1, 500, TRUE, 1 },   /* 0.5 cent → 1 */
  { -1, 500, TRUE, -1 }, /* -0.5 cent → -1 */
  { 1, -500, TRUE, -1 },
  { 1, 499, TRUE, 0 },
  { -1, 499, TRUE, 0 },
  { 3, 500, TRUE, 2 },        /* 1.5 → 2 */
  { -3, 500, TRUE, -2 },      /* -1.5 → -2 */
  { 333, 333, TRUE, 111 },    /* 110.889 */
  { 1999, 2500, TRUE, 4998 }, /* 4997.5 → 4998 */
  { -1999, 2500, TRUE, -4998 },
  { 4550, 1333, TRUE, 6065 }, /* 6065.15 */
  { ES_MONEY_MAX_CENTS, 1000, TRUE, ES_MONEY_MAX_CENTS },
  { -ES_MONEY_MAX_CENTS, 1000, TRUE, -ES_MONEY_MAX_CENTS },
  { ES_MONEY_MAX_CENTS, 1001, FALSE, 0 },
  { -ES_MONEY_MAX_CENTS, 1001, FALSE, 0 },
  { ES_MONEY_MAX_CENTS, -1001, FALSE, 0 },
  { G_MAXINT64, G_MAXINT64, FALSE, 0 },
  { G_MININT64, G_MININT64, FALSE, 0 },
  { G_MININT64, 1, TRUE, -9223372036854776 }, /* a tiny quantity of a huge amount */
  { G_GINT64_CONSTANT (1000000000000000000), 9000, TRUE, ES_MONEY_MAX_CENTS },
  { G_GINT64_CONSTANT (1000000000000000000), 9001, FALSE, 0 },
};

static const MulCase mul_rate_cases[] = {
  { 10000, 200000, TRUE, 2000 }, /* 20 % of 100 € */
  { 10000, 55000, TRUE, 550 },   /* 5.5 % */
  { 999, 200000, TRUE, 200 },    /* 199.8 */
  { 1, 500000, TRUE, 1 },        /* 0.5 → 1 */
  { -1, 500000, TRUE, -1 },      /* -0.5 → -1 */
  { 25, 100000, TRUE, 3 },       /* 2.5 → 3 */
  { -25, 100000, TRUE, -3 },     /* -2.5 → -3 */
  { 15, 100000, TRUE, 2 },       /* 1.5 → 2 */
  { -15, 100000, TRUE, -2 },
  { 14, 100000, TRUE, 1 }, /* 1.4 */
  { -14, 100000, TRUE, -1 },
  { 25, -100000, TRUE, -3 },
  { 123456, 160, TRUE, 20 }, /* 0.016 % of 1 234,56 € = 19.75 → 20 */
  { 312500, 160, TRUE, 50 }, /* exactly 50 */
  { 3125, 160, TRUE, 1 },    /* 0.5 → 1 */
  { 0, 200000, TRUE, 0 },
  { ES_MONEY_MAX_CENTS, 1000000, TRUE, ES_MONEY_MAX_CENTS },
  { ES_MONEY_MAX_CENTS, 1000001, FALSE, 0 },
  { -ES_MONEY_MAX_CENTS, 1000001, FALSE, 0 },
  { G_MAXINT64, G_MAXINT64, FALSE, 0 },
  { G_MININT64, G_MAXINT64, FALSE, 0 },
  { G_MAXINT64, 1, TRUE, 9223372036855 }, /* 9223372036854.775807 */
};

static void
check_mul_cases (const MulCase *cases, gsize n, gboolean (*mul) (gint64, gint64, gint64 *))
{
  for (gsize i = 0; i < n; i++)
    {
      const MulCase *c = &cases[i];
      gint64 out = 42;

      g_test_message ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT, c->cents, c->factor);
      if (c->ok)
        {
          g_assert_true (mul (c->cents, c->factor, &out));
          g_assert_cmpint (out, ==, c->expected);
        }
      else
        {
          g_assert_false (mul (c->cents, c->factor, &out));
          g_assert_cmpint (out, ==, 42);
        }
    }
}

static void
test_money_mul_qty (void)
{
  check_mul_cases (mul_qty_cases, G_N_ELEMENTS (mul_qty_cases), es_money_mul_qty);
}

static void
test_money_mul_rate (void)
{
  check_mul_cases (mul_rate_cases, G_N_ELEMENTS (mul_rate_cases), es_money_mul_rate);
}

static const ParseCase rate_parse_cases[] = {
  { "20", OK, 200000 },
  { "10", OK, 100000 },
  { "10,5", OK, 105000 },
  { "10.5 %", OK, 105000 },
  { "5,5%", OK, 55000 },
  { "5,5", OK, 55000 },
  { "5,5" NBSP "%", OK, 55000 },
  { "2,1 %", OK, 21000 },
  { "0,016", OK, 160 },
  { "0,0001", OK, 1 },
  { "0,68 %", OK, 6800 },
  { "100", OK, 1000000 },
  { "0", OK, 0 },
  { " 12,345 ", OK, 123450 }, /* four decimals allowed: no ambiguity here */
  { "-10", OK, -100000 },
  { "1 000", OK, 10000000 },
  { NULL, ES_MONEY_ERROR_EMPTY, 0 },
  { "", ES_MONEY_ERROR_EMPTY, 0 },
  { " ", ES_MONEY_ERROR_EMPTY, 0 },
  { "%", ES_MONEY_ERROR_INVALID, 0 },
  { "abc", ES_MONEY_ERROR_INVALID, 0 },
  { "0,00001", ES_MONEY_ERROR_INVALID, 0 },
  { "1,2,3", ES_MONEY_ERROR_INVALID, 0 },
  { "5 %%", ES_MONEY_ERROR_INVALID, 0 },
  { "% 5", ES_MONEY_ERROR_INVALID, 0 },
  { "5 €", ES_MONEY_ERROR_INVALID, 0 },
  { "99999999999999999999", ES_MONEY_ERROR_OVERFLOW, 0 },
};

static void
test_rate_parse (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rate_parse_cases); i++)
    check_parse_case (&rate_parse_cases[i], es_rate_parse);
}

typedef struct
{
  gint64 ppm;
  const char *expected;
} RateFormatCase;

static const RateFormatCase rate_format_cases[] = {
  { 200000, "20" NBSP "%" },   { 100000, "10" NBSP "%" },   { 105000, "10,5" NBSP "%" },
  { 55000, "5,5" NBSP "%" },   { 21000, "2,1" NBSP "%" },   { 6800, "0,68" NBSP "%" },
  { 160, "0,016" NBSP "%" },   { 1, "0,0001" NBSP "%" },    { 0, "0" NBSP "%" },
  { 1000000, "100" NBSP "%" }, { -55000, "-5,5" NBSP "%" }, { 123456, "12,3456" NBSP "%" },
};

static void
test_rate_format (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rate_format_cases); i++)
    {
      const RateFormatCase *c = &rate_format_cases[i];
      g_autofree char *text = es_rate_format (c->ppm);
      gint64 back = 0;

      g_assert_cmpstr (text, ==, c->expected);
      /* … and back. */
      g_assert_true (es_rate_parse (text, &back, NULL));
      g_assert_cmpint (back, ==, c->ppm);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/parse/table", test_money_parse);
  g_test_add_func ("/money/parse/null-out", test_money_parse_null_out);
  g_test_add_func ("/money/parse/messages", test_money_parse_messages);
  g_test_add_func ("/money/format", test_money_format);
  g_test_add_func ("/money/round-trip", test_money_round_trip);
  g_test_add_func ("/money/div-round", test_money_div_round);
  g_test_add_func ("/money/mul-qty", test_money_mul_qty);
  g_test_add_func ("/money/mul-rate", test_money_mul_rate);
  g_test_add_func ("/money/rate/parse", test_rate_parse);
  g_test_add_func ("/money/rate/format", test_rate_format);

  return g_test_run ();
}
