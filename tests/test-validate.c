/* test-validate.c — es-validate: French identifiers and contact fields. */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "es-validate.h"

#define NBSP "\u00A0"
#define NNBSP "\u202F"

/* error_code OK: accepted and normalised to expected. */
#define OK (-1)

typedef struct
{
  const char *input;
  int error_code;
  const char *expected;
} Case;

typedef char *(*NormalizeFunc) (const char *text, GError **error);

static void
check_cases (const char *what, NormalizeFunc normalize, const Case *cases, gsize n)
{
  for (gsize i = 0; i < n; i++)
    {
      const Case *c = &cases[i];
      g_autofree char *shown
          = c->input != NULL ? g_strescape (c->input, NULL) : g_strdup ("(null)");
      g_autoptr (GError) error = NULL;
      g_autofree char *result = normalize (c->input, &error);
      g_autofree char *result_no_error = normalize (c->input, NULL);

      g_test_message ("%s: \"%s\"", what, shown);
      if (c->error_code == OK)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (result, ==, c->expected);
          /* Normalising twice changes nothing. */
          {
            g_autofree char *again = normalize (result, &error);

            g_assert_no_error (error);
            g_assert_cmpstr (again, ==, result);
          }
        }
      else
        {
          g_assert_null (result);
          g_assert_error (error, ES_VALIDATION_ERROR, c->error_code);
          g_assert_cmpstr (error->message, !=, "");
        }
      g_assert_cmpstr (result_no_error, ==, result);
    }
}

#define CHECK(what, func, cases) check_cases (what, func, cases, G_N_ELEMENTS (cases))

/* ------------------------------------------------------------------------------------- */

static void
test_luhn (void)
{
  static const struct
  {
    const char *digits;
    gboolean valid;
  } cases[] = {
    { "732829320", TRUE },
    { "732829321", FALSE },
    { "73282932000074", TRUE },
    { "4539578763621486", TRUE }, /* a card-number style test value */
    { "79927398713", TRUE },
    { "79927398710", FALSE },
    { "0", TRUE },
    { "18", TRUE },
    { "19", FALSE },
    { "", FALSE },
    { NULL, FALSE },
    { "7328 29320", FALSE },
    { "73282932a", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("luhn: %s", cases[i].digits != NULL ? cases[i].digits : "(null)");
      g_assert_cmpint (es_luhn_valid (cases[i].digits), ==, cases[i].valid);
    }
}

static const Case siren_cases[] = {
  { "732829320", OK, "732829320" },
  { "732 829 320", OK, "732829320" },
  { " 732" NBSP "829" NNBSP "320 ", OK, "732829320" },
  { "732.829.320", OK, "732829320" },
  { "732-829-320", OK, "732829320" },
  { "404833048", OK, "404833048" },
  { "356000000", OK, "356000000" },
  { "732829321", ES_VALIDATION_ERROR_KEY, NULL },
  { "732829302", ES_VALIDATION_ERROR_KEY, NULL }, /* two digits swapped */
  { "73282932", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "7328293200", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "73282932O", ES_VALIDATION_ERROR_FORMAT, NULL },      /* letter O */
  { "73282932000074", ES_VALIDATION_ERROR_FORMAT, NULL }, /* a SIRET */
  { "732_829_320", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "\xff\xfe", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "", ES_VALIDATION_ERROR_EMPTY, NULL },
  { "   ", ES_VALIDATION_ERROR_EMPTY, NULL },
  { NULL, ES_VALIDATION_ERROR_EMPTY, NULL },
};

static void
test_siren (void)
{
  CHECK ("siren", es_siren_normalize, siren_cases);
}

static const Case siret_cases[] = {
  { "73282932000074", OK, "73282932000074" },
  { "732 829 320 00074", OK, "73282932000074" },
  { "732.829.320.00074", OK, "73282932000074" },
  /* La Poste's head office: passes Luhn. */
  { "356 000 000 00048", OK, "35600000000048" },
  /* A La Poste establishment: not Luhn, but digit sum 45, a multiple of 5. */
  { "35600000049837", OK, "35600000049837" },
  /* La Poste, digit sum 46 and not Luhn either. */
  { "35600000049838", ES_VALIDATION_ERROR_KEY, NULL },
  { "35600000000049", ES_VALIDATION_ERROR_KEY, NULL },
  { "73282932000075", ES_VALIDATION_ERROR_KEY, NULL },
  { "73282932000079", ES_VALIDATION_ERROR_KEY, NULL },
  /* Luhn over 14 digits holds but the first 9 are not a valid SIREN. */
  { "73282932100007", ES_VALIDATION_ERROR_KEY, NULL },
  { "7328293200007", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "732829320000740", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "732829320", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "7328293200007A", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "", ES_VALIDATION_ERROR_EMPTY, NULL },
  { NULL, ES_VALIDATION_ERROR_EMPTY, NULL },
};

static void
test_siret (void)
{
  CHECK ("siret", es_siret_normalize, siret_cases);
}

static const Case nir_cases[] = {
  /* 1 84 12 76 451 089, key 97 − (1841276451089 mod 97) = 46. */
  { "184127645108946", OK, "184127645108946" },
  { "1 84 12 76 451 089 46", OK, "184127645108946" },
  { "1.84.12.76.451.089.46", OK, "184127645108946" },
  { NBSP "1 84 12 76 451 089 46" NNBSP, OK, "184127645108946" },
  /* Corsica: 2A counts as 19, 2B as 18 for the key. */
  { "2 84 05 2A 123 456 32", OK, "284052A12345632" },
  { "2 84 05 2a 123 456 32", OK, "284052A12345632" },
  { "1 90 01 2B 045 012 13", OK, "190012B04501213" },
  { "1 90 01 20 045 012 56", OK, "190012004501256" }, /* Corsica before 1976 */
  /* Born abroad (99), unknown-month codes, temporary numbers. */
  { "2 69 06 99 123 456 78", OK, "269069912345678" },
  { "1 55 02 99 123 456 71", OK, "155029912345671" },
  { "7 99 03 99 123 456 56", OK, "799039912345656" },
  /* Wrong keys. */
  { "184127645108947", ES_VALIDATION_ERROR_KEY, NULL },
  { "184127645108900", ES_VALIDATION_ERROR_KEY, NULL },
  { "284052A12345631", ES_VALIDATION_ERROR_KEY, NULL },
  { "190012B04501256", ES_VALIDATION_ERROR_KEY, NULL }, /* key of 20, not of 2B */
  { "184127645109846", ES_VALIDATION_ERROR_KEY, NULL }, /* digits swapped */
  /* Ranges. */
  { "584127645108946", ES_VALIDATION_ERROR_RANGE, NULL }, /* sex digit 5 */
  { "084127645108946", ES_VALIDATION_ERROR_RANGE, NULL },
  { "184137645108946", ES_VALIDATION_ERROR_RANGE, NULL }, /* month 13 */
  { "184007645108946", ES_VALIDATION_ERROR_RANGE, NULL }, /* month 00 */
  { "184457645108946", ES_VALIDATION_ERROR_RANGE, NULL }, /* month 45 */
  /* Format. */
  { "18412764510894", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "1841276451089466", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "1841276451089", ES_VALIDATION_ERROR_FORMAT, NULL },   /* key missing */
  { "284053A12345632", ES_VALIDATION_ERROR_FORMAT, NULL }, /* 3A */
  { "284052C12345632", ES_VALIDATION_ERROR_FORMAT, NULL }, /* 2C */
  { "28405A212345632", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "1841276451089é6", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "", ES_VALIDATION_ERROR_EMPTY, NULL },
  { NULL, ES_VALIDATION_ERROR_EMPTY, NULL },
};

static void
test_nir (void)
{
  CHECK ("nir", es_nir_normalize, nir_cases);
}

static void
test_nir_display (void)
{
  static const struct
  {
    const char *nir;
    const char *formatted;
    const char *masked;
  } cases[] = {
    { "284052A12345632", "2 84 05 2A 123 456 32", "2 ·· ·· ·· ··· ··· 32" },
    { "184127645108946", "1 84 12 76 451 089 46", "1 ·· ·· ·· ··· ··· 46" },
    { "1234", "1234", "" },
    { "", "", "" },
    { NULL, "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *formatted = es_nir_format (cases[i].nir);
      g_autofree char *masked = es_nir_mask (cases[i].nir);

      g_assert_cmpstr (formatted, ==, cases[i].formatted);
      g_assert_cmpstr (masked, ==, cases[i].masked);
    }
}

static const Case iban_cases[] = {
  { "FR7630006000011234567890189", OK, "FR7630006000011234567890189" },
  { "FR76 3000 6000 0112 3456 7890 189", OK, "FR7630006000011234567890189" },
  { "fr76 3000 6000 0112 3456 7890 189", OK, "FR7630006000011234567890189" },
  { " fr76" NBSP "3000-6000-0112-3456-7890-189 ", OK, "FR7630006000011234567890189" },
  { "FR14 2004 1010 0505 0001 3M02 606", OK, "FR1420041010050500013M02606" },
  { "DE89370400440532013000", OK, "DE89370400440532013000" },
  { "DE89 3704 0044 0532 0130 00", OK, "DE89370400440532013000" },
  { "GB82WEST12345698765432", OK, "GB82WEST12345698765432" },
  { "gb82 west 1234 5698 7654 32", OK, "GB82WEST12345698765432" },
  { "BE68539007547034", OK, "BE68539007547034" },
  { "NL91ABNA0417164300", OK, "NL91ABNA0417164300" },
  { "CH9300762011623852957", OK, "CH9300762011623852957" },
  { "IT60X0542811101000000123456", OK, "IT60X0542811101000000123456" },
  { "ES9121000418450200051332", OK, "ES9121000418450200051332" },
  { "MT84MALT011000012345MTLCAST001S", OK, "MT84MALT011000012345MTLCAST001S" },
  { "MC5811222000010123456789030", OK, "MC5811222000010123456789030" },
  { "NO9386011117947", OK, "NO9386011117947" },
  /* Outside SEPA: only the general length bounds. */
  { "BR1800360305000010009795493C1", OK, "BR1800360305000010009795493C1" },
  { "SA0380000000608010167519", OK, "SA0380000000608010167519" },
  /* One character changed. */
  { "FR7630006000011234567890188", ES_VALIDATION_ERROR_KEY, NULL },
  { "FR7630006000011234567890198", ES_VALIDATION_ERROR_KEY, NULL },
  { "FR7730006000011234567890189", ES_VALIDATION_ERROR_KEY, NULL },
  { "DE89370400440532013001", ES_VALIDATION_ERROR_KEY, NULL },
  { "GB82WEST12345698765433", ES_VALIDATION_ERROR_KEY, NULL },
  { "GB82WEST12345698765423", ES_VALIDATION_ERROR_KEY, NULL },
  /* Lengths. */
  { "FR763000600001123456789018", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "FR76300060000112345678901890", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "DE8937040044053201300", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "XX123456789012", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "XX12345678901234567890123456789012345", ES_VALIDATION_ERROR_FORMAT, NULL },
  /* Shape. */
  { "7630006000011234567890189", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "FRA630006000011234567890189", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "FR76_3000_6000_0112_3456_7890_189", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "FR76 3000 6000 0112 3456 7890 18é", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "FR", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "", ES_VALIDATION_ERROR_EMPTY, NULL },
  { NULL, ES_VALIDATION_ERROR_EMPTY, NULL },
};

static void
test_iban (void)
{
  CHECK ("iban", es_iban_normalize, iban_cases);
}

static void
test_iban_messages (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *iban = es_iban_normalize ("FR76 3000 6000 0112 3456 7890 18", &error);

  /* The message names the country and the expected length. */
  g_assert_null (iban);
  g_assert_error (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "FR"));
  g_assert_nonnull (strstr (error->message, "27"));
}

static void
test_iban_format (void)
{
  static const struct
  {
    const char *iban;
    const char *expected;
  } cases[] = {
    { "FR7630006000011234567890189", "FR76 3000 6000 0112 3456 7890 189" },
    { "DE89370400440532013000", "DE89 3704 0044 0532 0130 00" },
    { "NO9386011117947", "NO93 8601 1117 947" },
    { "FR76", "FR76" },
    { "", "" },
    { NULL, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = es_iban_format (cases[i].iban);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static const Case vat_cases[] = {
  { "FR83404833048", OK, "FR83404833048" },
  { "FR 83 404 833 048", OK, "FR83404833048" },
  { "fr83404833048", OK, "FR83404833048" },
  { "83404833048", OK, "FR83404833048" },
  { "FR44732829320", OK, "FR44732829320" },
  { "FR.44.732.829.320", OK, "FR44732829320" },
  { "FR90000012345", OK, "FR90000012345" }, /* Monaco: no Luhn on the last 9 digits */
  { "FR84404833048", ES_VALIDATION_ERROR_KEY, NULL },
  { "FR83404833049", ES_VALIDATION_ERROR_KEY, NULL },
  /* Key right for these 9 digits, but they are not a valid SIREN. */
  { "FR47732829321", ES_VALIDATION_ERROR_KEY, NULL },
  { "FR8340483304", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "FR834048330480", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "DE123456789", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "FRAB404833048", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "FR", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "", ES_VALIDATION_ERROR_EMPTY, NULL },
  { NULL, ES_VALIDATION_ERROR_EMPTY, NULL },
};

static void
test_vat (void)
{
  CHECK ("vat", es_vat_fr_normalize, vat_cases);
}

static void
test_vat_from_siren (void)
{
  static const struct
  {
    const char *siren;
    const char *expected;
  } cases[] = {
    { "404833048", "FR83404833048" },
    { "404 833 048", "FR83404833048" },
    { "732829320", "FR44732829320" },
    { "356000000", "FR39356000000" },
    { "732829321", NULL },
    { "12", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *vat = es_vat_fr_from_siren (cases[i].siren);

      g_assert_cmpstr (vat, ==, cases[i].expected);
      if (vat != NULL)
        {
          g_autofree char *check = es_vat_fr_normalize (vat, NULL);

          g_assert_cmpstr (check, ==, vat);
        }
    }
}

static const Case email_cases[] = {
  { "jean.dupont@example.fr", OK, "jean.dupont@example.fr" },
  { "  Jean.Dupont@Example.FR  ", OK, "Jean.Dupont@example.fr" },
  { NBSP "jean@example.fr" NNBSP, OK, "jean@example.fr" },
  { "a+tag@sub.example.co.uk", OK, "a+tag@sub.example.co.uk" },
  { "o'brien@example.ie", OK, "o'brien@example.ie" },
  { "contact@coop-42.fr", OK, "contact@coop-42.fr" },
  { "élodie@exemple.fr", OK, "élodie@exemple.fr" },
  { "x@CAFÉ.fr", OK, "x@café.fr" },
  { "x@y.z1", OK, "x@y.z1" },
  { "jean", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "@example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@example", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@@example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "a@b@example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean dupont@example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@exa mple.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@exa" NBSP "mple.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@.example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@example..fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@example.fr.", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean.@example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { ".jean@example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean..dupont@example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@-example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@example-.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@example.123", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean@exam_ple.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean<x>@example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "jean,x@example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "Jean Dupont <jean@example.fr>", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "\xff@example.fr", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "", ES_VALIDATION_ERROR_EMPTY, NULL },
  { " \t ", ES_VALIDATION_ERROR_EMPTY, NULL },
  { NULL, ES_VALIDATION_ERROR_EMPTY, NULL },
};

static void
test_email (void)
{
  CHECK ("email", es_email_normalize, email_cases);
}

static const Case postal_cases[] = {
  { "75001", OK, "75001" },
  { "75 001", OK, "75001" },
  { " 69003 ", OK, "69003" },
  { "01000", OK, "01000" },
  { "20000", OK, "20000" }, /* Ajaccio */
  { "20200", OK, "20200" }, /* Bastia */
  { "95000", OK, "95000" },
  { "97400", OK, "97400" },
  { "97100", OK, "97100" },
  { "97600", OK, "97600" },
  { "98000", OK, "98000" }, /* Monaco */
  { "98800", OK, "98800" },
  { "00100", ES_VALIDATION_ERROR_RANGE, NULL },
  { "96000", ES_VALIDATION_ERROR_RANGE, NULL },
  { "99000", ES_VALIDATION_ERROR_RANGE, NULL },
  { "1234", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "123456", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "7500A", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "75-001", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "F-75001", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "", ES_VALIDATION_ERROR_EMPTY, NULL },
  { NULL, ES_VALIDATION_ERROR_EMPTY, NULL },
};

static void
test_postal_code (void)
{
  CHECK ("postal code", es_postal_code_normalize, postal_cases);
}

static const Case phone_cases[] = {
  { "0123456789", OK, "0123456789" },
  { "01 23 45 67 89", OK, "0123456789" },
  { "06.12.34.56.78", OK, "0612345678" },
  { "06-12-34-56-78", OK, "0612345678" },
  { "06" NBSP "12" NNBSP "34 56 78", OK, "0612345678" },
  { "+33 6 12 34 56 78", OK, "0612345678" },
  { "+33612345678", OK, "0612345678" },
  { "+33 (0)6 12 34 56 78", OK, "0612345678" },
  { "0033 6 12 34 56 78", OK, "0612345678" },
  { "+44 20 7946 0958", OK, "+442079460958" },
  { "0044 20 7946 0958", OK, "+442079460958" },
  { "+262 262 12 34 56", OK, "+262262123456" },
  { "+1 (555) 123-4567", OK, "+15551234567" },
  { "12 34 56 78 90", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "01 23 45 67", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "01 23 45 67 89 0", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "+33 1 23 45 67", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "+33 0 12 34 56 78", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "+33 1 23 45 67 89 0", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "06 12 34 56 7a", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "01+23456789", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "+", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "+12", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "+1234567890123456", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "++33612345678", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "00", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "abc", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "", ES_VALIDATION_ERROR_EMPTY, NULL },
  { NULL, ES_VALIDATION_ERROR_EMPTY, NULL },
};

static void
test_phone (void)
{
  CHECK ("phone", es_phone_normalize, phone_cases);
}

static void
test_phone_format (void)
{
  static const struct
  {
    const char *phone;
    const char *expected;
  } cases[] = {
    { "0123456789", "01 23 45 67 89" },
    { "0612345678", "06 12 34 56 78" },
    { "+442079460958", "+442079460958" },
    { "", "" },
    { NULL, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = es_phone_format (cases[i].phone);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static const Case naf_cases[] = {
  { "6201Z", OK, "62.01Z" },
  { "62.01Z", OK, "62.01Z" },
  { "62.01z", OK, "62.01Z" },
  { " 62 01 Z ", OK, "62.01Z" },
  { "01.11Z", OK, "01.11Z" },
  { "7022Z", OK, "70.22Z" },
  { "620Z", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "62.01", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "6201", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "62.0AZ", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "62.01ZZ", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "62,01Z", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "6.201Z", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "62.011", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "ABCDE", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "62.01É", ES_VALIDATION_ERROR_FORMAT, NULL },
  { "", ES_VALIDATION_ERROR_EMPTY, NULL },
  { NULL, ES_VALIDATION_ERROR_EMPTY, NULL },
};

static void
test_naf (void)
{
  CHECK ("naf", es_naf_normalize, naf_cases);
}

/* What shows nothing: spaces of every width, control and format characters. */
static void
test_blank (void)
{
  static const struct
  {
    const char *text;
    gboolean blank;
    const char *stripped;
  } cases[] = {
    { "", TRUE, "" },
    { " \t\n\r\v\f", TRUE, "" },
    { "\u00a0", TRUE, "" },             /* no-break space */
    { "\u2003\u202f\u3000", TRUE, "" }, /* em, narrow no-break, ideographic */
    { "\u200b\ufeff\x01", TRUE, "" },   /* zero-width space, BOM, control */
    { "\u00a0Awa\u202f", FALSE, "Awa" },
    { " Projet pas mûr \u200b", FALSE, "Projet pas mûr" },
    { "a b", FALSE, "a b" },
    { "\u00a0\u00a0\u00e9\u00a0", FALSE, "\u00e9" },
  };

  g_assert_true (es_text_is_blank (NULL));
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autofree char *stripped = es_text_strip (cases[k].text);

      g_assert_cmpint (es_text_is_blank (cases[k].text), ==, cases[k].blank);
      g_assert_cmpstr (stripped, ==, cases[k].stripped);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/luhn", test_luhn);
  g_test_add_func ("/validate/siren", test_siren);
  g_test_add_func ("/validate/siret", test_siret);
  g_test_add_func ("/validate/nir/normalize", test_nir);
  g_test_add_func ("/validate/nir/display", test_nir_display);
  g_test_add_func ("/validate/iban/normalize", test_iban);
  g_test_add_func ("/validate/iban/messages", test_iban_messages);
  g_test_add_func ("/validate/iban/format", test_iban_format);
  g_test_add_func ("/validate/vat/normalize", test_vat);
  g_test_add_func ("/validate/vat/from-siren", test_vat_from_siren);
  g_test_add_func ("/validate/email", test_email);
  g_test_add_func ("/validate/postal-code", test_postal_code);
  g_test_add_func ("/validate/phone/normalize", test_phone);
  g_test_add_func ("/validate/phone/format", test_phone_format);
  g_test_add_func ("/validate/naf", test_naf);
  g_test_add_func ("/validate/blank", test_blank);

  return g_test_run ();
}
