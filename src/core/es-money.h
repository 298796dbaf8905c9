/* es-money.h — amounts in integer cents, quantities in thousandths, rates in ppm.
 *
 * No floating point: every amount is a gint64 count of cents. Quantities are gint64
 * thousandths (1.5 h = 1500) and rates gint64 parts per million (20 % = 200000).
 * Rounding is half away from zero, to the cent.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ES_MONEY_ERROR (es_money_error_quark ())

typedef enum
{
  ES_MONEY_ERROR_EMPTY,    /* nothing but blanks */
  ES_MONEY_ERROR_INVALID,  /* not an amount: letters, two signs, three decimals… */
  ES_MONEY_ERROR_OVERFLOW, /* beyond what gint64 cents can hold */
} EsMoneyError;

/* Largest amount accepted from text or produced by arithmetic: about 92 thousand billion €. */
#define ES_MONEY_MAX_CENTS G_GINT64_CONSTANT (9000000000000000000)

GQuark es_money_error_quark (void);

/* Parses what a French user types: "1 234,56", "1234.56", "-3,5 €", "1 234 €",
 * "+12", "0,05", with ordinary, no-break (U+00A0) or narrow no-break (U+202F) spaces
 * or "." / "'" as thousands separators when unambiguous, and an optional "€" or "EUR"
 * before or after. At most two decimals. Refuses garbage and overflow with a message in
 * words (translatable). */
gboolean es_money_parse (const char *text, gint64 *out_cents, GError **error);

/* "1 234,56 €": narrow no-break space (U+202F) between thousands, decimal comma,
 * no-break space (U+00A0) before the euro sign, "-" (U+2212 not used) for negatives. */
char *es_money_format (gint64 cents);
/* The same without the currency sign: "1 234,56". */
char *es_money_format_plain (gint64 cents);

/* Integer division rounded half away from zero. den must not be 0. */
gint64 es_money_div_round (gint64 num, gint64 den);

/* cents × qty_milli / 1000, rounded half away from zero; FALSE on overflow. */
gboolean es_money_mul_qty (gint64 cents, gint64 qty_milli, gint64 *out_cents);
/* cents × rate_ppm / 1 000 000, rounded half away from zero; FALSE on overflow. */
gboolean es_money_mul_rate (gint64 cents, gint64 rate_ppm, gint64 *out_cents);

/* Parses a percentage typed by a user, "10", "10,5", "10.5 %", "5,5%" into ppm
 * (10,5 % = 105000). At most four decimals. */
gboolean es_rate_parse (const char *text, gint64 *out_ppm, GError **error);
/* "10,5 %" (no-break space before %), trailing zeros dropped: "20 %", "5,5 %", "0,016 %". */
char *es_rate_format (gint64 ppm);

G_END_DECLS
