/* es-dashboard-page.h — the Dashboard section of the main window. */
#pragma once

#include <adwaita.h>

#include "es-db.h"

G_BEGIN_DECLS

#define ES_TYPE_DASHBOARD_PAGE (es_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (EsDashboardPage, es_dashboard_page, ES, DASHBOARD_PAGE, AdwBin)

EsDb *es_dashboard_page_get_db (EsDashboardPage *self);
void es_dashboard_page_set_db (EsDashboardPage *self, EsDb *db);

G_END_DECLS
