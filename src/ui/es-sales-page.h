/* es-sales-page.h — the Sales section of the main window. */
#pragma once

#include <adwaita.h>

#include "es-db.h"

G_BEGIN_DECLS

#define ES_TYPE_SALES_PAGE (es_sales_page_get_type ())
G_DECLARE_FINAL_TYPE (EsSalesPage, es_sales_page, ES, SALES_PAGE, AdwBin)

EsDb *es_sales_page_get_db (EsSalesPage *self);
void es_sales_page_set_db (EsSalesPage *self, EsDb *db);

G_END_DECLS
