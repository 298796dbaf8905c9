/* es-clients-page.h — the Clients section of the main window. */
#pragma once

#include <adwaita.h>

#include "es-db.h"

G_BEGIN_DECLS

#define ES_TYPE_CLIENTS_PAGE (es_clients_page_get_type ())
G_DECLARE_FINAL_TYPE (EsClientsPage, es_clients_page, ES, CLIENTS_PAGE, AdwBin)

EsDb *es_clients_page_get_db (EsClientsPage *self);
void es_clients_page_set_db (EsClientsPage *self, EsDb *db);

G_END_DECLS
