/* es-cooperative.c — the cooperative's identity and its checks. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "es-cooperative.h"
#include "es-validate.h"

G_DEFINE_BOXED_TYPE (EsCooperative, es_cooperative, es_cooperative_copy, es_cooperative_free)

EsCooperative *
es_cooperative_new (void)
{
  EsCooperative *coop = g_new0 (EsCooperative, 1);

  coop->legal_name = g_strdup ("");
  coop->legal_form = g_strdup ("SCOP SA à capital variable");
  coop->siren = g_strdup ("");
  coop->siret = g_strdup ("");
  coop->rcs_city = g_strdup ("");
  coop->vat_number = g_strdup ("");
  coop->ape_code = g_strdup ("");
  coop->street = g_strdup ("");
  coop->postal_code = g_strdup ("");
  coop->city = g_strdup ("");
  coop->email = g_strdup ("");
  coop->phone = g_strdup ("");
  coop->iban = g_strdup ("");
  coop->bic = g_strdup ("");
  coop->default_contribution_ppm = 100000;
  coop->payment_days = 30;
  coop->penalty_rate_ppm = 120000;
  return coop;
}

EsCooperative *
es_cooperative_copy (const EsCooperative *coop)
{
  EsCooperative *copy = g_new0 (EsCooperative, 1);

  *copy = *coop;
  copy->legal_name = g_strdup (coop->legal_name);
  copy->legal_form = g_strdup (coop->legal_form);
  copy->siren = g_strdup (coop->siren);
  copy->siret = g_strdup (coop->siret);
  copy->rcs_city = g_strdup (coop->rcs_city);
  copy->vat_number = g_strdup (coop->vat_number);
  copy->ape_code = g_strdup (coop->ape_code);
  copy->street = g_strdup (coop->street);
  copy->postal_code = g_strdup (coop->postal_code);
  copy->city = g_strdup (coop->city);
  copy->email = g_strdup (coop->email);
  copy->phone = g_strdup (coop->phone);
  copy->iban = g_strdup (coop->iban);
  copy->bic = g_strdup (coop->bic);
  return copy;
}

void
es_cooperative_free (EsCooperative *coop)
{
  if (coop == NULL)
    return;
  g_free (coop->legal_name);
  g_free (coop->legal_form);
  g_free (coop->siren);
  g_free (coop->siret);
  g_free (coop->rcs_city);
  g_free (coop->vat_number);
  g_free (coop->ape_code);
  g_free (coop->street);
  g_free (coop->postal_code);
  g_free (coop->city);
  g_free (coop->email);
  g_free (coop->phone);
  g_free (coop->iban);
  g_free (coop->bic);
  g_free (coop);
}

static char *
bic_normalize (const char *text, GError **error)
{
  g_autoptr (GString) bic = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (bic, g_ascii_toupper (*p));
  if (bic->len != 8 && bic->len != 11)
    {
      g_set_error_literal (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_FORMAT,
                           _ ("A BIC has 8 or 11 letters and digits."));
      return NULL;
    }
  for (gsize i = 0; i < bic->len; i++)
    if (!g_ascii_isalnum (bic->str[i]) || (i < 6 && !g_ascii_isalpha (bic->str[i])))
      {
        g_set_error_literal (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_FORMAT,
                             _ ("A BIC starts with 6 letters (bank and country), then letters "
                                "or digits."));
        return NULL;
      }
  return g_string_free (g_steal_pointer (&bic), FALSE);
}

gboolean
es_cooperative_validate (EsCooperative *coop, GHashTable *errors)
{
  guint before;

  g_return_val_if_fail (coop != NULL, FALSE);
  g_return_val_if_fail (errors != NULL, FALSE);

  before = g_hash_table_size (errors);
  es_validate_field (&coop->legal_name, "legal_name", NULL, TRUE, errors);
  es_validate_field (&coop->legal_form, "legal_form", NULL, FALSE, errors);
  es_validate_field (&coop->siren, "siren", es_siren_normalize, FALSE, errors);
  es_validate_field (&coop->siret, "siret", es_siret_normalize, FALSE, errors);
  es_validate_field (&coop->rcs_city, "rcs_city", NULL, FALSE, errors);
  es_validate_field (&coop->vat_number, "vat_number", es_vat_fr_normalize, FALSE, errors);
  es_validate_field (&coop->ape_code, "ape_code", es_naf_normalize, FALSE, errors);
  es_validate_field (&coop->street, "street", NULL, FALSE, errors);
  es_validate_field (&coop->postal_code, "postal_code", es_postal_code_normalize, FALSE, errors);
  es_validate_field (&coop->city, "city", NULL, FALSE, errors);
  es_validate_field (&coop->email, "email", es_email_normalize, FALSE, errors);
  es_validate_field (&coop->phone, "phone", es_phone_normalize, FALSE, errors);
  es_validate_field (&coop->iban, "iban", es_iban_normalize, FALSE, errors);
  es_validate_field (&coop->bic, "bic", bic_normalize, FALSE, errors);

  /* The establishment belongs to the company, and so does the VAT number. */
  if (*coop->siren && *coop->siret && !g_hash_table_contains (errors, "siren")
      && !g_hash_table_contains (errors, "siret") && !g_str_has_prefix (coop->siret, coop->siren))
    g_hash_table_insert (errors, g_strdup ("siret"),
                         g_strdup (_ ("The SIRET must start with the cooperative's SIREN.")));
  if (*coop->siren && *coop->vat_number && !g_hash_table_contains (errors, "siren")
      && !g_hash_table_contains (errors, "vat_number"))
    {
      g_autofree char *expected = es_vat_fr_from_siren (coop->siren);
      if (g_strcmp0 (expected, coop->vat_number) != 0)
        g_hash_table_insert (errors, g_strdup ("vat_number"),
                             g_strdup_printf (_ ("This VAT number does not match the SIREN: it "
                                                 "should be %s."),
                                              expected));
    }

  if (coop->share_capital_cents < 0)
    g_hash_table_insert (errors, g_strdup ("share_capital_cents"),
                         g_strdup (_ ("The share capital cannot be negative.")));
  if (coop->default_contribution_ppm < 0 || coop->default_contribution_ppm > 500000)
    g_hash_table_insert (errors, g_strdup ("default_contribution_ppm"),
                         g_strdup (_ ("The contribution rate must be between 0 % and 50 %.")));
  if (coop->payment_days < 0 || coop->payment_days > 60)
    g_hash_table_insert (errors, g_strdup ("payment_days"),
                         g_strdup (_ ("Payment terms are at most 60 days from the invoice date "
                                      "(Code de commerce L441-10).")));
  if (coop->penalty_rate_ppm < 0 || coop->penalty_rate_ppm > 1000000)
    g_hash_table_insert (errors, g_strdup ("penalty_rate_ppm"),
                         g_strdup (_ ("The late-payment penalty rate must be between 0 % and "
                                      "100 %.")));
  return g_hash_table_size (errors) == before;
}

const char *
es_cooperative_field_label (const char *field)
{
  static const struct
  {
    const char *field;
    const char *label;
  } labels[] = {
    { "legal_name", N_ ("Legal name") },
    { "legal_form", N_ ("Legal form") },
    { "share_capital_cents", N_ ("Share capital") },
    { "siren", N_ ("SIREN") },
    { "siret", N_ ("SIRET") },
    { "rcs_city", N_ ("RCS city") },
    { "vat_number", N_ ("VAT number") },
    { "ape_code", N_ ("APE code") },
    { "street", N_ ("Address") },
    { "postal_code", N_ ("Postal code") },
    { "city", N_ ("City") },
    { "email", N_ ("E-mail") },
    { "phone", N_ ("Phone") },
    { "iban", N_ ("IBAN") },
    { "bic", N_ ("BIC") },
    { "default_contribution_ppm", N_ ("Default contribution rate") },
    { "payment_days", N_ ("Payment terms") },
    { "penalty_rate_ppm", N_ ("Late-payment penalty rate") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (field, labels[i].field) == 0)
      return _ (labels[i].label);
  return field;
}
