/* es-pipeline-page.h — the Pipeline section of the main window. */
#pragma once

#include <adwaita.h>

#include "es-db.h"

G_BEGIN_DECLS

#define ES_TYPE_PIPELINE_PAGE (es_pipeline_page_get_type ())
G_DECLARE_FINAL_TYPE (EsPipelinePage, es_pipeline_page, ES, PIPELINE_PAGE, AdwBin)

EsDb *es_pipeline_page_get_db (EsPipelinePage *self);
void es_pipeline_page_set_db (EsPipelinePage *self, EsDb *db);

G_END_DECLS
