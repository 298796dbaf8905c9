/* es-validate.c — French identifiers and contact fields.
 *
 * Each normaliser works the same way: NULL or blanks → EMPTY; the separators people type
 * (every kind of space, and where it makes sense dots and dashes) are removed; then the
 * length, the characters, the ranges and the check key are verified in that order, so
 * that the message names the first thing to fix.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "es-validate.h"

GQuark
es_validation_error_quark (void)
{
  return g_quark_from_static_string ("es-validation-error-quark");
}

#define LA_POSTE_SIREN "356000000"

/* ---------------------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------------------- */

/* Copies text without blanks of any kind (including U+00A0 and U+202F) and without the
 * ASCII characters listed in also_remove. NULL for invalid UTF-8; "" for NULL. */
static char *
compact (const char *text, const char *also_remove)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B /* zero-width space */)
        continue;
      if (c < 0x80 && also_remove != NULL && strchr (also_remove, (int)c) != NULL)
        continue;
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
all_digits (const char *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* A character that shows nothing: a space of any width, a control or format character
 * (zero-width space, byte order mark). */
static gboolean
is_blank_char (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return g_unichar_isspace (c) || type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT;
}

gboolean
es_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!is_blank_char (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

char *
es_text_strip (const char *text)
{
  const char *start, *end;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_strstrip (g_strdup (text));
  start = text;
  end = text + strlen (text);
  while (*start != '\0' && is_blank_char (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !is_blank_char (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, (gsize)(end - start));
}

static void
set_error (GError **error, EsValidationError code, const char *message)
{
  g_set_error_literal (error, ES_VALIDATION_ERROR, code, message);
}

/* n mod 97 of a string of ASCII digits. */
static guint
digits_mod97 (const char *digits)
{
  guint r = 0;

  for (const char *p = digits; *p != '\0'; p++)
    r = (r * 10 + (guint)(*p - '0')) % 97;
  return r;
}

/* ---------------------------------------------------------------------------------------
 * Luhn, SIREN, SIRET
 * ------------------------------------------------------------------------------------- */

gboolean
es_luhn_valid (const char *digits)
{
  gsize len;
  guint sum = 0;

  if (digits == NULL || *digits == '\0')
    return FALSE;

  len = strlen (digits);
  if (!all_digits (digits, len))
    return FALSE;

  /* From the right: every second digit is doubled, 9 taken off when above 9. */
  for (gsize i = 0; i < len; i++)
    {
      guint d = (guint)(digits[len - 1 - i] - '0');

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return sum % 10 == 0;
}

char *
es_siren_normalize (const char *text, GError **error)
{
  g_autofree char *s = NULL;

  if (es_text_is_blank (text))
    {
      set_error (error, ES_VALIDATION_ERROR_EMPTY, _ ("No SIREN was typed."));
      return NULL;
    }

  s = compact (text, ".-");
  if (s == NULL || strlen (s) != 9 || !all_digits (s, 9))
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT, _ ("A SIREN has 9 digits."));
      return NULL;
    }

  if (!es_luhn_valid (s))
    {
      set_error (error, ES_VALIDATION_ERROR_KEY,
                 _ ("The SIREN key is wrong: check for a typing mistake."));
      return NULL;
    }

  return g_steal_pointer (&s);
}

static guint
digit_sum (const char *digits)
{
  guint sum = 0;

  for (const char *p = digits; *p != '\0'; p++)
    sum += (guint)(*p - '0');
  return sum;
}

char *
es_siret_normalize (const char *text, GError **error)
{
  g_autofree char *s = NULL;
  char siren[10];
  gboolean key_ok;

  if (es_text_is_blank (text))
    {
      set_error (error, ES_VALIDATION_ERROR_EMPTY, _ ("No SIRET was typed."));
      return NULL;
    }

  s = compact (text, ".-");
  if (s == NULL || strlen (s) != 14 || !all_digits (s, 14))
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT, _ ("A SIRET has 14 digits."));
      return NULL;
    }

  /* La Poste's establishments share one SIREN and do not follow Luhn: the sum of their
   * digits is a multiple of 5 instead. Its head office (356 000 000 00048) does follow
   * Luhn, hence the "or". */
  key_ok = es_luhn_valid (s);
  if (!key_ok && g_str_has_prefix (s, LA_POSTE_SIREN))
    key_ok = digit_sum (s) % 5 == 0;

  if (!key_ok)
    {
      set_error (error, ES_VALIDATION_ERROR_KEY,
                 _ ("The SIRET key is wrong: check for a typing mistake."));
      return NULL;
    }

  memcpy (siren, s, 9);
  siren[9] = '\0';
  if (!es_luhn_valid (siren))
    {
      set_error (error, ES_VALIDATION_ERROR_KEY,
                 _ ("The first 9 digits of this SIRET are not a valid SIREN: check for a "
                    "typing mistake."));
      return NULL;
    }

  return g_steal_pointer (&s);
}

/* ---------------------------------------------------------------------------------------
 * NIR
 * ------------------------------------------------------------------------------------- */

char *
es_nir_normalize (const char *text, GError **error)
{
  g_autofree char *s = NULL;
  char number[14];
  int month, key;

  if (es_text_is_blank (text))
    {
      set_error (error, ES_VALIDATION_ERROR_EMPTY, _ ("No social security number was typed."));
      return NULL;
    }

  s = compact (text, ".-");
  if (s != NULL)
    {
      char *up = g_ascii_strup (s, -1);

      g_free (s);
      s = up;
    }

  if (s == NULL || g_utf8_strlen (s, -1) != 15)
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT,
                 _ ("A social security number has 15 characters: 13 digits and a 2-digit key."));
      return NULL;
    }

  /* Digits everywhere, except the département of birth in Corsica: 2A or 2B. */
  if (!all_digits (s, 5) || !all_digits (s + 7, 8)
      || !(all_digits (s + 5, 2) || (s[5] == '2' && (s[6] == 'A' || s[6] == 'B'))))
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT,
                 _ ("A social security number has only digits, except 2A or 2B for Corsica."));
      return NULL;
    }

  if (strchr ("123478", s[0]) == NULL)
    {
      set_error (error, ES_VALIDATION_ERROR_RANGE,
                 _ ("A social security number starts with 1 or 2 (or 3, 4, 7, 8 for a "
                    "temporary number)."));
      return NULL;
    }

  month = (s[3] - '0') * 10 + (s[4] - '0');
  if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50))
    {
      set_error (error, ES_VALIDATION_ERROR_RANGE,
                 _ ("The 4th and 5th digits of a social security number are the month of "
                    "birth: 01 to 12."));
      return NULL;
    }

  /* The key is computed with 2A read as 19 and 2B as 18. */
  memcpy (number, s, 13);
  number[13] = '\0';
  if (number[6] == 'A')
    memcpy (number + 5, "19", 2);
  else if (number[6] == 'B')
    memcpy (number + 5, "18", 2);

  key = (s[13] - '0') * 10 + (s[14] - '0');
  if (key != 97 - (int)digits_mod97 (number))
    {
      set_error (error, ES_VALIDATION_ERROR_KEY,
                 _ ("The social security number key is wrong: check for a typing mistake."));
      return NULL;
    }

  return g_steal_pointer (&s);
}

static gboolean
is_normalized_nir (const char *nir)
{
  return nir != NULL && strlen (nir) == 15;
}

/* Writes nir's characters in groups 1 2 2 2 3 3 2, each character replaced by
 * hidden when not NULL, except the first one and the key. */
static char *
nir_groups (const char *nir, const char *hidden)
{
  static const int sizes[] = { 1, 2, 2, 2, 3, 3, 2 };
  GString *out = g_string_new (NULL);
  int pos = 0;

  for (gsize g = 0; g < G_N_ELEMENTS (sizes); g++)
    {
      if (g > 0)
        g_string_append_c (out, ' ');
      for (int i = 0; i < sizes[g]; i++, pos++)
        {
          if (hidden != NULL && pos > 0 && pos < 13)
            g_string_append (out, hidden);
          else
            g_string_append_c (out, nir[pos]);
        }
    }

  return g_string_free (out, FALSE);
}

char *
es_nir_format (const char *nir)
{
  if (!is_normalized_nir (nir))
    return g_strdup (nir != NULL ? nir : "");

  return nir_groups (nir, NULL);
}

char *
es_nir_mask (const char *nir)
{
  /* Never shows anything of a value that is not a normalised NIR. */
  if (!is_normalized_nir (nir))
    return g_strdup ("");

  return nir_groups (nir, "\u00B7");
}

/* ---------------------------------------------------------------------------------------
 * IBAN
 * ------------------------------------------------------------------------------------- */

typedef struct
{
  char country[3];
  int length;
} IbanLength;

/* SEPA countries and territories with their own IBAN prefix (ECB/EPC register). */
static const IbanLength iban_lengths[] = {
  { "AD", 24 }, { "AL", 28 }, { "AT", 20 }, { "BE", 16 }, { "BG", 22 }, { "CH", 21 }, { "CY", 28 },
  { "CZ", 24 }, { "DE", 22 }, { "DK", 18 }, { "EE", 20 }, { "ES", 24 }, { "FI", 18 }, { "FO", 18 },
  { "FR", 27 }, { "GB", 22 }, { "GI", 23 }, { "GL", 18 }, { "GR", 27 }, { "HR", 21 }, { "HU", 28 },
  { "IE", 22 }, { "IS", 26 }, { "IT", 27 }, { "LI", 21 }, { "LT", 20 }, { "LU", 20 }, { "LV", 21 },
  { "MC", 27 }, { "MD", 24 }, { "ME", 22 }, { "MK", 19 }, { "MT", 31 }, { "NL", 18 }, { "NO", 15 },
  { "PL", 28 }, { "PT", 25 }, { "RO", 24 }, { "RS", 22 }, { "SE", 24 }, { "SI", 19 }, { "SK", 24 },
  { "SM", 27 }, { "VA", 22 },
};

static int
iban_length_for (const char *country)
{
  for (gsize i = 0; i < G_N_ELEMENTS (iban_lengths); i++)
    if (strncmp (iban_lengths[i].country, country, 2) == 0)
      return iban_lengths[i].length;
  return 0;
}

/* ISO 13616: the first four characters moved to the end, letters read as 10–35. */
static guint
iban_mod97 (const char *iban)
{
  gsize len = strlen (iban);
  guint r = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = iban[(i + 4) % len];

      if (g_ascii_isdigit (c))
        r = (r * 10 + (guint)(c - '0')) % 97;
      else
        r = (r * 100 + (guint)(c - 'A' + 10)) % 97;
    }

  return r;
}

char *
es_iban_normalize (const char *text, GError **error)
{
  g_autofree char *s = NULL;
  gsize len;
  int expected;

  if (es_text_is_blank (text))
    {
      set_error (error, ES_VALIDATION_ERROR_EMPTY, _ ("No IBAN was typed."));
      return NULL;
    }

  s = compact (text, "-");
  if (s != NULL)
    {
      char *up = g_ascii_strup (s, -1);

      g_free (s);
      s = up;
    }

  if (s == NULL)
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT, _ ("An IBAN has only letters and digits."));
      return NULL;
    }

  len = strlen (s);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]))
      {
        set_error (error, ES_VALIDATION_ERROR_FORMAT, _ ("An IBAN has only letters and digits."));
        return NULL;
      }

  if (len < 4 || !g_ascii_isalpha (s[0]) || !g_ascii_isalpha (s[1]) || !g_ascii_isdigit (s[2])
      || !g_ascii_isdigit (s[3]))
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT,
                 _ ("An IBAN starts with two letters for the country, then two digits."));
      return NULL;
    }

  expected = iban_length_for (s);
  if (expected != 0 && len != (gsize)expected)
    {
      g_autofree char *country = g_strndup (s, 2);

      g_set_error (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_FORMAT,
                   /* Translators: %s is a country code (FR), %d a length (27). */
                   _ ("An IBAN starting with %s has %d characters."), country, expected);
      return NULL;
    }
  if (expected == 0 && (len < 15 || len > 34))
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT,
                 _ ("An IBAN has between 15 and 34 characters."));
      return NULL;
    }

  if (iban_mod97 (s) != 1)
    {
      set_error (error, ES_VALIDATION_ERROR_KEY,
                 _ ("The IBAN key is wrong: check for a typing mistake."));
      return NULL;
    }

  return g_steal_pointer (&s);
}

char *
es_iban_format (const char *iban)
{
  GString *out;

  if (iban == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  for (gsize i = 0; iban[i] != '\0'; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, iban[i]);
    }

  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------------------------
 * VAT
 * ------------------------------------------------------------------------------------- */

static guint
vat_fr_key (const char *siren)
{
  return (12 + 3 * digits_mod97 (siren)) % 97;
}

char *
es_vat_fr_from_siren (const char *siren)
{
  g_autofree char *normal = es_siren_normalize (siren, NULL);

  if (normal == NULL)
    return NULL;

  return g_strdup_printf ("FR%02u%s", vat_fr_key (normal), normal);
}

char *
es_vat_fr_normalize (const char *text, GError **error)
{
  g_autofree char *s = NULL;
  const char *digits;
  guint key;

  if (es_text_is_blank (text))
    {
      set_error (error, ES_VALIDATION_ERROR_EMPTY, _ ("No VAT number was typed."));
      return NULL;
    }

  s = compact (text, ".-");
  if (s != NULL)
    {
      char *up = g_ascii_strup (s, -1);

      g_free (s);
      s = up;
    }

  /* "FR" may be left out. */
  digits = s;
  if (digits != NULL && g_str_has_prefix (digits, "FR"))
    digits += 2;

  if (digits == NULL || strlen (digits) != 11 || !all_digits (digits, 11))
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT,
                 _ ("A French VAT number is FR followed by 11 digits, for example FR83404833048."));
      return NULL;
    }

  key = (guint)((digits[0] - '0') * 10 + (digits[1] - '0'));
  if (key != vat_fr_key (digits + 2))
    {
      set_error (error, ES_VALIDATION_ERROR_KEY,
                 _ ("The VAT number key is wrong: check for a typing mistake."));
      return NULL;
    }

  /* Companies in Monaco have French VAT numbers whose "SIREN" starts with 000 and does not
   * follow Luhn. */
  if (!g_str_has_prefix (digits + 2, "000") && !es_luhn_valid (digits + 2))
    {
      set_error (error, ES_VALIDATION_ERROR_KEY,
                 _ ("The last 9 digits of this VAT number are not a valid SIREN: check for a "
                    "typing mistake."));
      return NULL;
    }

  return g_strconcat ("FR", digits, NULL);
}

/* ---------------------------------------------------------------------------------------
 * E-mail
 * ------------------------------------------------------------------------------------- */

static gboolean
email_local_valid (const char *local, gsize len)
{
  if (len == 0 || len > 64 || local[0] == '.' || local[len - 1] == '.')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      unsigned char c = (unsigned char)local[i];

      if (c >= 0x80)
        continue; /* internationalised address, already valid UTF-8 */
      if (c < 0x21 || c == 0x7F || strchr ("()<>,;:\\\"[]", c) != NULL)
        return FALSE;
      if (c == '.' && local[i + 1] == '.')
        return FALSE;
    }

  return TRUE;
}

static gboolean
email_domain_valid (const char *domain)
{
  g_auto (GStrv) labels = NULL;
  guint n;
  gboolean tld_has_letter = FALSE;

  if (*domain == '\0' || strlen (domain) > 253)
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  n = g_strv_length (labels);
  if (n < 2)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
        return FALSE;
      for (gsize j = 0; j < len; j++)
        {
          unsigned char c = (unsigned char)label[j];

          if (c < 0x80 && !g_ascii_isalnum (c) && c != '-')
            return FALSE;
          if (i == n - 1 && (c >= 0x80 || g_ascii_isalpha (c)))
            tld_has_letter = TRUE;
        }
    }

  return tld_has_letter;
}

char *
es_email_normalize (const char *text, GError **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *domain = NULL;
  const char *at;

  if (es_text_is_blank (text))
    {
      set_error (error, ES_VALIDATION_ERROR_EMPTY, _ ("No e-mail address was typed."));
      return NULL;
    }

  if (!g_utf8_validate (text, -1, NULL))
    goto invalid;

  trimmed = es_text_strip (text);
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      {
        set_error (error, ES_VALIDATION_ERROR_FORMAT,
                   _ ("An e-mail address cannot contain spaces."));
        return NULL;
      }

  at = strchr (trimmed, '@');
  if (at == NULL || strchr (at + 1, '@') != NULL)
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT,
                 _ ("An e-mail address has exactly one @, as in name@example.fr."));
      return NULL;
    }

  domain = g_utf8_strdown (at + 1, -1);
  if (!email_local_valid (trimmed, (gsize)(at - trimmed)) || !email_domain_valid (domain))
    goto invalid;

  return g_strdup_printf ("%.*s@%s", (int)(at - trimmed), trimmed, domain);

invalid:
  set_error (error, ES_VALIDATION_ERROR_FORMAT,
             _ ("This e-mail address is not valid: it should look like name@example.fr."));
  return NULL;
}

/* ---------------------------------------------------------------------------------------
 * Postal code, phone, NAF
 * ------------------------------------------------------------------------------------- */

char *
es_postal_code_normalize (const char *text, GError **error)
{
  g_autofree char *s = NULL;
  int dept;

  if (es_text_is_blank (text))
    {
      set_error (error, ES_VALIDATION_ERROR_EMPTY, _ ("No postal code was typed."));
      return NULL;
    }

  s = compact (text, NULL);
  if (s == NULL || strlen (s) != 5 || !all_digits (s, 5))
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT, _ ("A postal code has 5 digits."));
      return NULL;
    }

  /* 01–95 (20 for Corsica), 97x overseas départements, 98x Monaco and overseas
   * collectivities. */
  dept = (s[0] - '0') * 10 + (s[1] - '0');
  if (!((dept >= 1 && dept <= 95) || dept == 97 || dept == 98))
    {
      set_error (error, ES_VALIDATION_ERROR_RANGE,
                 _ ("This postal code does not exist in France: check the first two digits."));
      return NULL;
    }

  return g_steal_pointer (&s);
}

static void
set_phone_error (GError **error)
{
  set_error (error, ES_VALIDATION_ERROR_FORMAT,
             _ ("A French phone number has 10 digits starting with 0, for example "
                "01 23 45 67 89."));
}

/* digits: what follows "+" or "00". */
static char *
phone_international (const char *digits, GError **error)
{
  gsize len = strlen (digits);

  if (len == 0 || !all_digits (digits, len))
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT,
                 _ ("An international number is + and the country code followed by digits, "
                    "for example +44 20 7946 0958."));
      return NULL;
    }

  if (g_str_has_prefix (digits, "33"))
    {
      const char *national = digits + 2;

      /* "+33 (0)1 23 45 67 89": the 0 in brackets is not dialled from abroad. */
      if (strlen (national) == 10 && national[0] == '0')
        national++;
      if (strlen (national) != 9 || national[0] == '0')
        {
          set_phone_error (error);
          return NULL;
        }
      return g_strconcat ("0", national, NULL);
    }

  /* E.164: at most 15 digits country code included. */
  if (len < 7 || len > 15 || digits[0] == '0')
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT,
                 _ ("An international number is + and the country code followed by digits, "
                    "for example +44 20 7946 0958."));
      return NULL;
    }

  return g_strconcat ("+", digits, NULL);
}

char *
es_phone_normalize (const char *text, GError **error)
{
  g_autofree char *s = NULL;
  gsize len;

  if (es_text_is_blank (text))
    {
      set_error (error, ES_VALIDATION_ERROR_EMPTY, _ ("No phone number was typed."));
      return NULL;
    }

  s = compact (text, ".-/()");
  if (s == NULL)
    {
      set_phone_error (error);
      return NULL;
    }

  if (s[0] == '+')
    return phone_international (s + 1, error);
  if (g_str_has_prefix (s, "00"))
    return phone_international (s + 2, error);

  len = strlen (s);
  if (len != 10 || !all_digits (s, len) || s[0] != '0')
    {
      set_phone_error (error);
      return NULL;
    }

  return g_steal_pointer (&s);
}

char *
es_phone_format (const char *phone)
{
  if (phone == NULL)
    return g_strdup ("");

  if (strlen (phone) != 10 || !all_digits (phone, 10))
    return g_strdup (phone);

  return g_strdup_printf ("%.2s %.2s %.2s %.2s %.2s", phone, phone + 2, phone + 4, phone + 6,
                          phone + 8);
}

char *
es_naf_normalize (const char *text, GError **error)
{
  g_autofree char *s = NULL;
  gsize len;

  if (es_text_is_blank (text))
    {
      set_error (error, ES_VALIDATION_ERROR_EMPTY, _ ("No NAF code was typed."));
      return NULL;
    }

  s = compact (text, NULL);
  len = s != NULL ? strlen (s) : 0;

  /* "62.01Z" or "6201Z" */
  if (len == 6 && s[2] == '.')
    memmove (s + 2, s + 3, 4);
  else if (len != 5)
    len = 0;

  if (len == 0 || !all_digits (s, 4) || !g_ascii_isalpha (s[4]))
    {
      set_error (error, ES_VALIDATION_ERROR_FORMAT,
                 _ ("A NAF code is 2 digits, a dot, 2 digits and a letter, for example 62.01Z."));
      return NULL;
    }

  return g_strdup_printf ("%.2s.%.2s%c", s, s + 2, g_ascii_toupper (s[4]));
}

void
es_validate_field (char **field, const char *name, EsNormalizeFunc normalize, gboolean required,
                   GHashTable *errors)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stripped = es_text_strip (*field);
  char *normal;

  if (*stripped == '\0')
    {
      if (required)
        g_hash_table_insert (errors, g_strdup (name), g_strdup (_ ("This field is required.")));
      g_free (*field);
      *field = g_strdup ("");
      return;
    }
  if (normalize == NULL)
    {
      g_free (*field);
      *field = g_steal_pointer (&stripped);
      return;
    }
  normal = normalize (stripped, &error);
  if (normal == NULL)
    {
      g_hash_table_insert (errors, g_strdup (name), g_strdup (error->message));
      return;
    }
  g_free (*field);
  *field = normal;
}
