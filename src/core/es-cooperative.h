/* es-cooperative.h — the cooperative's identity and settings (one row). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  char *legal_name;
  char *legal_form;
  gint64 share_capital_cents;
  char *siren;
  char *siret;
  char *rcs_city;
  char *vat_number;
  char *ape_code;
  char *street;
  char *postal_code;
  char *city;
  char *email;
  char *phone;
  char *iban;
  char *bic;
  gint64 default_contribution_ppm;
  int payment_days;
  gint64 penalty_rate_ppm;
} EsCooperative;

#define ES_TYPE_COOPERATIVE (es_cooperative_get_type ())
GType es_cooperative_get_type (void);

EsCooperative *es_cooperative_new (void);
EsCooperative *es_cooperative_copy (const EsCooperative *coop);
void es_cooperative_free (EsCooperative *coop);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsCooperative, es_cooperative_free)

/* Checks and normalises every field in place (SIREN/SIRET/VAT keys, SIRET within the
 * SIREN, IBAN, e-mail, postal code, APE code, rates and payment terms within the law).
 * Each problem goes into errors as field name → message in words (both owned by the
 * table: g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free)). TRUE when none.
 * Field names are the struct's member names ("siret", "default_contribution_ppm"…). */
gboolean es_cooperative_validate (EsCooperative *coop, GHashTable *errors);

/* The field's name as a form shows it: "siret" → "SIRET" (translated). */
const char *es_cooperative_field_label (const char *field);

G_END_DECLS
