/* es-money.c — amounts in integer cents, quantities in thousandths, rates in ppm.
 *
 * Parsing works in two steps: the text is first turned into plain ASCII (every kind of
 * Unicode blank becomes ' ', "€" becomes "EUR", the minus sign U+2212 becomes '-'), then
 * the currency, the sign and the figures are read from that ASCII copy. No floating point
 * anywhere; products go through 128-bit integers.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "es-money.h"

#ifndef __SIZEOF_INT128__
#error "es-money.c needs __int128 (GCC or Clang on a 64-bit target)"
#endif

__extension__ typedef __int128 EsInt128;

GQuark
es_money_error_quark (void)
{
  return g_quark_from_static_string ("es-money-error-quark");
}

#define NBSP "\u00A0"  /* no-break space, before "€" and "%" */
#define NNBSP "\u202F" /* narrow no-break space, between thousands */

/* What is being parsed, for the wording of the messages. */
typedef enum
{
  KIND_AMOUNT,
  KIND_RATE,
} NumberKind;

/* ---------------------------------------------------------------------------------------
 * Text helpers
 * ------------------------------------------------------------------------------------- */

/* Copies text as ASCII: blanks of every kind → ' ', "€" → "EUR", "−" → '-', "’" → "'", any other
 * non-ASCII character → '?' (which the parser then refuses). NULL for invalid UTF-8. */
static char *
to_ascii (const char *text)
{
  GString *out;
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  out = g_string_sized_new (strlen (text) + 4);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c)) /* includes U+00A0 and U+202F */
        g_string_append_c (out, ' ');
      else if (c == 0x20AC) /* € */
        g_string_append (out, "EUR");
      else if (c == 0x2212) /* − */
        g_string_append_c (out, '-');
      else if (c == 0x2019) /* ’ typed for ' by some keyboards */
        g_string_append_c (out, '\'');
      else if (c < 0x80)
        g_string_append_c (out, (char)c);
      else
        g_string_append_c (out, '?');
    }

  return g_string_free (out, FALSE);
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ')
    p++;
  return p;
}

/* Removes trailing blanks in place. */
static void
chop_blanks (char *s)
{
  gsize len = strlen (s);

  while (len > 0 && s[len - 1] == ' ')
    s[--len] = '\0';
}

static gboolean
is_group_separator (char c)
{
  return c == ' ' || c == '.' || c == '\'';
}

static void
set_invalid (GError **error, NumberKind kind)
{
  if (kind == KIND_AMOUNT)
    g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                         _ ("This is not an amount: type figures, for example 1 234,56."));
  else
    g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                         _ ("This is not a percentage: type a number, for example 5,5."));
}

static void
set_overflow (GError **error, NumberKind kind)
{
  if (kind == KIND_AMOUNT)
    g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_OVERFLOW,
                         _ ("This amount is too large."));
  else
    g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_OVERFLOW,
                         _ ("This percentage is too large."));
}

/* Checks that an integer part written with separators is grouped by three:
 * "1 234 567" yes, "12 34" or "1234 567" no. All separators must be the same. */
static gboolean
grouping_valid (const char *start, gsize len, gboolean *grouped)
{
  char sep = '\0';
  gsize group = 0;
  gboolean first = TRUE;

  *grouped = FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = start[i];

      if (g_ascii_isdigit (c))
        {
          group++;
          continue;
        }
      if (sep == '\0')
        sep = c;
      else if (c != sep)
        return FALSE;
      if (group == 0 || group > 3 || (!first && group != 3))
        return FALSE;
      first = FALSE;
      group = 0;
      *grouped = TRUE;
    }

  if (*grouped && group != 3)
    return FALSE;

  return TRUE;
}

/* Reads unsigned figures ("1 234,56", "1.234.567", "1234.5", ",5") scaled by
 * 10^decimals. The text must already be ASCII, trimmed, without sign or unit. */
static gboolean
parse_figures (const char *body, guint decimals, gint64 max_value, NumberKind kind,
               guint64 *out_value, GError **error)
{
  guint commas = 0, dots = 0;
  char decimal_sep = '\0';
  const char *sep_pos = NULL;
  const char *int_start = body;
  gsize int_len, frac_len = 0;
  const char *frac_start = NULL;
  gboolean grouped = FALSE;
  gboolean any_digit = FALSE;
  guint64 value = 0;

  for (const char *p = body; *p != '\0'; p++)
    {
      if (*p == ',')
        commas++;
      else if (*p == '.')
        dots++;
      else if (g_ascii_isdigit (*p))
        any_digit = TRUE;
      else if (!is_group_separator (*p))
        {
          set_invalid (error, kind);
          return FALSE;
        }
    }

  if (!any_digit)
    {
      set_invalid (error, kind);
      return FALSE;
    }

  if (commas > 1)
    {
      if (kind == KIND_AMOUNT)
        g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                             _ ("An amount has only one decimal comma."));
      else
        g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                             _ ("A percentage has only one decimal comma."));
      return FALSE;
    }

  /* A comma is always the decimal separator; otherwise a single dot is; two dots or
   * more can only be thousands ("1.234.567"). */
  if (commas == 1)
    decimal_sep = ',';
  else if (dots == 1)
    decimal_sep = '.';

  if (decimal_sep != '\0')
    sep_pos = strchr (body, decimal_sep);

  int_len = sep_pos != NULL ? (gsize)(sep_pos - body) : strlen (body);
  if (sep_pos != NULL)
    {
      frac_start = sep_pos + 1;
      frac_len = strlen (frac_start);
      for (gsize i = 0; i < frac_len; i++)
        if (!g_ascii_isdigit (frac_start[i]))
          {
            set_invalid (error, kind);
            return FALSE;
          }
    }

  /* The integer part: digits, possibly grouped by three; a separator just before the
   * decimal comma ("1 234 ,5") breaks the grouping. */
  if (!grouping_valid (int_start, int_len, &grouped)
      || (int_len > 0 && !g_ascii_isdigit (int_start[int_len - 1])))
    {
      g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                           _ ("Thousands must be grouped by three, for example 1 234 567."));
      return FALSE;
    }

  if (frac_len > decimals)
    {
      /* "12,345" or "1.234": thousands or decimals? Refuse rather than guess. */
      if (frac_len == 3 && decimals < 3 && !grouped)
        g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                             _ ("This amount is unclear: use a comma for cents and spaces for "
                                "thousands, for example 1 234,56."));
      else if (kind == KIND_AMOUNT)
        g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                             _ ("An amount has at most two decimals (the cents)."));
      else
        g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_INVALID,
                             _ ("A percentage has at most four decimals."));
      return FALSE;
    }

  for (gsize i = 0; i < int_len; i++)
    {
      int d;

      if (!g_ascii_isdigit (int_start[i]))
        continue;
      d = int_start[i] - '0';
      if (value > ((guint64)max_value - (guint64)d) / 10)
        {
          set_overflow (error, kind);
          return FALSE;
        }
      value = value * 10 + (guint64)d;
    }

  for (guint i = 0; i < decimals; i++)
    {
      int d = i < frac_len ? frac_start[i] - '0' : 0;

      if (value > ((guint64)max_value - (guint64)d) / 10)
        {
          set_overflow (error, kind);
          return FALSE;
        }
      value = value * 10 + (guint64)d;
    }

  *out_value = value;
  return TRUE;
}

/* Reads an optional sign at *p, moving past it and following blanks. FALSE when a
 * second sign shows up. */
static gboolean
read_sign (const char **p, gboolean *has_sign, gboolean *negative)
{
  if (**p != '+' && **p != '-')
    return TRUE;
  if (*has_sign)
    return FALSE;
  *has_sign = TRUE;
  *negative = (**p == '-');
  *p = skip_blanks (*p + 1);
  return TRUE;
}

static gboolean
has_suffix_ci (const char *s, const char *suffix)
{
  gsize len = strlen (s), slen = strlen (suffix);

  return len >= slen && g_ascii_strcasecmp (s + len - slen, suffix) == 0;
}

/* Common front end of es_money_parse and es_rate_parse: trims, removes the unit (a
 * currency before or after for amounts, "%" after for rates) and the sign. */
static gboolean
parse_signed (const char *text, NumberKind kind, guint decimals, gint64 *out, GError **error)
{
  g_autofree char *ascii = NULL;
  const char *p;
  gboolean has_sign = FALSE, negative = FALSE, has_unit = FALSE;
  guint64 magnitude = 0;

  if (text == NULL)
    text = "";

  ascii = to_ascii (text);
  if (ascii == NULL)
    {
      set_invalid (error, kind);
      return FALSE;
    }

  chop_blanks (ascii);
  p = skip_blanks (ascii);
  if (*p == '\0')
    {
      if (kind == KIND_AMOUNT)
        g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_EMPTY,
                             _ ("No amount was typed."));
      else
        g_set_error_literal (error, ES_MONEY_ERROR, ES_MONEY_ERROR_EMPTY,
                             _ ("No percentage was typed."));
      return FALSE;
    }

  /* Unit after the figures: "12 €", "12 EUR", "5,5 %". */
  if (kind == KIND_AMOUNT && has_suffix_ci (ascii, "EUR"))
    {
      ascii[strlen (ascii) - 3] = '\0';
      has_unit = TRUE;
    }
  else if (kind == KIND_RATE && has_suffix_ci (ascii, "%"))
    {
      ascii[strlen (ascii) - 1] = '\0';
      has_unit = TRUE;
    }
  chop_blanks (ascii);

  /* Sign, then a currency before the figures, then a sign if none yet:
   * "-12 €", "€ 12", "-€ 12", "€ -12". */
  if (!read_sign (&p, &has_sign, &negative))
    goto invalid;
  if (kind == KIND_AMOUNT && !has_unit && g_ascii_strncasecmp (p, "EUR", 3) == 0)
    p = skip_blanks (p + 3);
  if (!read_sign (&p, &has_sign, &negative))
    goto invalid;

  if (*p == '\0')
    goto invalid;

  if (!parse_figures (p, decimals, ES_MONEY_MAX_CENTS, kind, &magnitude, error))
    return FALSE;

  *out = negative ? -(gint64)magnitude : (gint64)magnitude;
  return TRUE;

invalid:
  set_invalid (error, kind);
  return FALSE;
}

/* ---------------------------------------------------------------------------------------
 * Amounts
 * ------------------------------------------------------------------------------------- */

gboolean
es_money_parse (const char *text, gint64 *out_cents, GError **error)
{
  gint64 cents = 0;

  if (!parse_signed (text, KIND_AMOUNT, 2, &cents, error))
    return FALSE;

  if (out_cents != NULL)
    *out_cents = cents;
  return TRUE;
}

/* Writes the decimal digits of magnitude with a narrow no-break space every three. */
static void
append_grouped (GString *out, guint64 magnitude)
{
  char digits[32];
  int len = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);

  for (int i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, NNBSP);
      g_string_append_c (out, digits[i]);
    }
}

/* |v| without overflow, even for G_MININT64. */
static guint64
magnitude_of (gint64 v)
{
  return v < 0 ? (guint64)0 - (guint64)v : (guint64)v;
}

char *
es_money_format_plain (gint64 cents)
{
  GString *out = g_string_new (NULL);
  guint64 magnitude = magnitude_of (cents);

  if (cents < 0)
    g_string_append_c (out, '-');
  append_grouped (out, magnitude / 100);
  g_string_append_printf (out, ",%02u", (guint)(magnitude % 100));

  return g_string_free (out, FALSE);
}

char *
es_money_format (gint64 cents)
{
  g_autofree char *plain = es_money_format_plain (cents);

  return g_strconcat (plain, NBSP "€", NULL);
}

/* ---------------------------------------------------------------------------------------
 * Arithmetic
 * ------------------------------------------------------------------------------------- */

/* num / den rounded half away from zero, den != 0. */
static EsInt128
div_round_128 (EsInt128 num, EsInt128 den)
{
  EsInt128 q = num / den;
  EsInt128 r = num % den;
  EsInt128 abs_r = r < 0 ? -r : r;
  EsInt128 abs_den = den < 0 ? -den : den;

  if (abs_r * 2 >= abs_den)
    q += ((num < 0) != (den < 0)) ? -1 : 1;

  return q;
}

gint64
es_money_div_round (gint64 num, gint64 den)
{
  EsInt128 q;

  g_return_val_if_fail (den != 0, 0);

  q = div_round_128 (num, den);
  /* Only G_MININT64 / -1 gets out of range. */
  if (q > G_MAXINT64)
    return G_MAXINT64;
  return (gint64)q;
}

static gboolean
mul_div (gint64 a, gint64 b, gint64 den, gint64 *out)
{
  EsInt128 q = div_round_128 ((EsInt128)a * (EsInt128)b, den);

  if (q > ES_MONEY_MAX_CENTS || q < -ES_MONEY_MAX_CENTS)
    return FALSE;

  if (out != NULL)
    *out = (gint64)q;
  return TRUE;
}

gboolean
es_money_mul_qty (gint64 cents, gint64 qty_milli, gint64 *out_cents)
{
  return mul_div (cents, qty_milli, 1000, out_cents);
}

gboolean
es_money_mul_rate (gint64 cents, gint64 rate_ppm, gint64 *out_cents)
{
  return mul_div (cents, rate_ppm, 1000000, out_cents);
}

/* ---------------------------------------------------------------------------------------
 * Rates
 * ------------------------------------------------------------------------------------- */

gboolean
es_rate_parse (const char *text, gint64 *out_ppm, GError **error)
{
  gint64 ppm = 0;

  /* Percent with four decimals: 1 % = 10 000 ppm. */
  if (!parse_signed (text, KIND_RATE, 4, &ppm, error))
    return FALSE;

  if (out_ppm != NULL)
    *out_ppm = ppm;
  return TRUE;
}

char *
es_rate_format (gint64 ppm)
{
  GString *out = g_string_new (NULL);
  guint64 magnitude = magnitude_of (ppm);
  guint frac = (guint)(magnitude % 10000);

  if (ppm < 0)
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, magnitude / 10000);

  if (frac != 0)
    {
      char digits[8];
      int len;

      g_snprintf (digits, sizeof digits, "%04u", frac);
      len = 4;
      while (len > 0 && digits[len - 1] == '0')
        len--;
      g_string_append_c (out, ',');
      g_string_append_len (out, digits, len);
    }

  g_string_append (out, NBSP "%");
  return g_string_free (out, FALSE);
}
