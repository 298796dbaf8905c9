/* es-validate.h — French identifiers and contact fields.
 *
 * Every validator accepts what a user types (spaces, dots, dashes, lower case where it
 * makes sense) and on failure sets an ES_VALIDATION_ERROR whose message says in words what
 * is wrong (translatable, English msgid). The normalise functions return the canonical
 * form that is stored ("732 829 320" → "732829320"), or NULL when the input is invalid.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ES_VALIDATION_ERROR (es_validation_error_quark ())

typedef enum
{
  ES_VALIDATION_ERROR_EMPTY,  /* a required field is empty */
  ES_VALIDATION_ERROR_FORMAT, /* wrong length or characters */
  ES_VALIDATION_ERROR_KEY,    /* the check key does not match */
  ES_VALIDATION_ERROR_RANGE,  /* a value out of its allowed range */
  ES_VALIDATION_ERROR_RULE,   /* a business rule refuses it */
} EsValidationError;

GQuark es_validation_error_quark (void);

/* Luhn check over a string of ASCII digits. */
gboolean es_luhn_valid (const char *digits);

/* SIREN: 9 digits, Luhn key. */
char *es_siren_normalize (const char *text, GError **error);
/* SIRET: 14 digits, Luhn key over the 14, except La Poste (SIREN 356000000) whose
 * establishments have digit sum divisible by 5. */
char *es_siret_normalize (const char *text, GError **error);
/* NIR (numéro de sécurité sociale): 13 characters + 2-digit key = 97 − (number mod 97);
 * Corsica 2A counts as 19 and 2B as 18 for the key; sex digit 1, 2, 3, 4, 7 or 8;
 * month 01–12 or 20–42 or 50–99 (unknown month cases). Returns 15 characters uppercase. */
char *es_nir_normalize (const char *text, GError **error);
/* "2 84 05 2A 123 456 78" style display of a normalised NIR. */
char *es_nir_format (const char *nir);
/* "2 ·· ·· ·· ··· ··· 78"-style masked display: sex digit and key only. */
char *es_nir_mask (const char *nir);
/* IBAN: country code + 2 check digits + BBAN, ISO 13616 mod 97 = 1, length per
 * country for FR (27) and the SEPA countries; returns upper case without spaces. */
char *es_iban_normalize (const char *text, GError **error);
/* "FR76 3000 6000 0112 3456 7890 189" */
char *es_iban_format (const char *iban);
/* French VAT number: "FR" + 2-digit key + SIREN, key = (12 + 3 × (SIREN mod 97)) mod 97. */
char *es_vat_fr_normalize (const char *text, GError **error);
/* The VAT number a SIREN implies. */
char *es_vat_fr_from_siren (const char *siren);
/* TRUE when text is NULL or shows nothing: blanks of any kind (no-break and ideographic
 * spaces included), control and format characters (zero-width space, byte order mark). */
gboolean es_text_is_blank (const char *text);
/* A copy of text without such characters around it ("" for NULL). */
char *es_text_strip (const char *text);

/* A plausible e-mail address: one @, a non-empty local part, a dotted domain, no blanks. */
char *es_email_normalize (const char *text, GError **error);
/* French postal code: 5 digits, département 01–95 or 97x/98x, 20xxx for Corsica. */
char *es_postal_code_normalize (const char *text, GError **error);
/* French phone: 10 digits starting 0, or +33 followed by 9 digits; stored as "0123456789",
 * other international numbers ("+44…") kept as typed without blanks. */
char *es_phone_normalize (const char *text, GError **error);
/* "01 23 45 67 89" */
char *es_phone_format (const char *phone);
/* NAF/APE code: 2 digits, ".", 2 digits, a letter ("62.01Z"; "6201Z" accepted). */
char *es_naf_normalize (const char *text, GError **error);

/* A normaliser above: text in, canonical form out (or NULL with an error). */
typedef char *(*EsNormalizeFunc) (const char *text, GError **error);

/* One form field: strips blanks; an empty field is an error only when required; otherwise
 * normalize (may be NULL) replaces *field by its canonical form, or its message goes into
 * errors under name (field name → message, both owned by the table) and *field is kept
 * as typed. */
void es_validate_field (char **field, const char *name, EsNormalizeFunc normalize,
                        gboolean required, GHashTable *errors);

G_END_DECLS
