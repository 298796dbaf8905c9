/* es-cooperative-store.c — SQL for the cooperative row. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "es-cooperative-store.h"
#include "es-validate.h"

#define COLUMNS                                                                                    \
  "legal_name, legal_form, share_capital_cents, siren, siret, rcs_city, vat_number, ape_code, "    \
  "street, postal_code, city, email, phone, iban, bic, default_contribution_ppm, payment_days, "   \
  "penalty_rate_ppm"

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);
  return g_strdup (text ? (const char *)text : "");
}

EsCooperative *
es_cooperative_store_load (EsDb *db, GError **error)
{
  g_autoptr (EsCooperative) coop = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = es_db_prepare (db, "SELECT " COLUMNS " FROM cooperative WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  rc = es_db_step (db, stmt, error);
  if (rc < 0)
    return NULL;
  coop = g_new0 (EsCooperative, 1);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      es_cooperative_free (g_steal_pointer (&coop));
      return es_cooperative_new ();
    }
  coop->legal_name = column_text (stmt, 0);
  coop->legal_form = column_text (stmt, 1);
  coop->share_capital_cents = sqlite3_column_int64 (stmt, 2);
  coop->siren = column_text (stmt, 3);
  coop->siret = column_text (stmt, 4);
  coop->rcs_city = column_text (stmt, 5);
  coop->vat_number = column_text (stmt, 6);
  coop->ape_code = column_text (stmt, 7);
  coop->street = column_text (stmt, 8);
  coop->postal_code = column_text (stmt, 9);
  coop->city = column_text (stmt, 10);
  coop->email = column_text (stmt, 11);
  coop->phone = column_text (stmt, 12);
  coop->iban = column_text (stmt, 13);
  coop->bic = column_text (stmt, 14);
  coop->default_contribution_ppm = sqlite3_column_int64 (stmt, 15);
  coop->payment_days = sqlite3_column_int (stmt, 16);
  coop->penalty_rate_ppm = sqlite3_column_int64 (stmt, 17);
  sqlite3_reset (stmt);
  return g_steal_pointer (&coop);
}

static char *
cooperative_to_json (const EsCooperative *coop)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "legal_name");
  json_builder_add_string_value (b, coop->legal_name);
  json_builder_set_member_name (b, "siret");
  json_builder_add_string_value (b, coop->siret);
  json_builder_set_member_name (b, "vat_number");
  json_builder_add_string_value (b, coop->vat_number);
  json_builder_set_member_name (b, "iban");
  json_builder_add_string_value (b, coop->iban);
  json_builder_set_member_name (b, "default_contribution_ppm");
  json_builder_add_int_value (b, coop->default_contribution_ppm);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

gboolean
es_cooperative_store_save (EsDb *db, EsCooperative *coop, GError **error)
{
  g_autoptr (GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *payload = NULL;
  sqlite3_stmt *stmt;
  int i = 1;

  if (!es_cooperative_validate (coop, errors))
    {
      GHashTableIter iter;
      gpointer field, message;

      g_hash_table_iter_init (&iter, errors);
      g_hash_table_iter_next (&iter, &field, &message);
      g_set_error (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_FORMAT, "%s: %s",
                   es_cooperative_field_label (field), (const char *)message);
      return FALSE;
    }

  if (!es_db_begin (db, error))
    return FALSE;
  stmt = es_db_prepare (db,
                        "UPDATE cooperative SET legal_name = ?, legal_form = ?, "
                        "share_capital_cents = ?, siren = ?, siret = ?, rcs_city = ?, "
                        "vat_number = ?, ape_code = ?, street = ?, postal_code = ?, city = ?, "
                        "email = ?, phone = ?, iban = ?, bic = ?, default_contribution_ppm = ?, "
                        "payment_days = ?, penalty_rate_ppm = ?, "
                        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = 1",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, i++, coop->legal_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->legal_form, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, i++, coop->share_capital_cents);
  sqlite3_bind_text (stmt, i++, coop->siren, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->siret, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->rcs_city, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->vat_number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->ape_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->street, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->postal_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->city, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->iban, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, i++, coop->bic, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, i++, coop->default_contribution_ppm);
  sqlite3_bind_int (stmt, i++, coop->payment_days);
  sqlite3_bind_int64 (stmt, i++, coop->penalty_rate_ppm);
  if (es_db_step (db, stmt, error) < 0)
    goto fail;
  sqlite3_reset (stmt);

  payload = cooperative_to_json (coop);
  if (!es_db_journal (db, "cooperative", 1, "update", payload, error))
    goto fail;
  es_db_notify_changed (db, "cooperative");
  return es_db_commit (db, error);

fail:
  es_db_rollback (db);
  return FALSE;
}
