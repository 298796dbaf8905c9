/* es-cooperative-store.h — reads and writes the cooperative row. */
#pragma once

#include "es-cooperative.h"
#include "es-db.h"

G_BEGIN_DECLS

EsCooperative *es_cooperative_store_load (EsDb *db, GError **error);
/* Validates (ES_VALIDATION_ERROR naming the first bad field), writes, journals, and
 * emits EsDb::changed::cooperative. Nothing is written when a field is wrong. */
gboolean es_cooperative_store_save (EsDb *db, EsCooperative *coop, GError **error);

G_END_DECLS
