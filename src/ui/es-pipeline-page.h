/* es-pipeline-page.h — the Pipeline section: every member on a board, a column per stage. */
#pragma once

#include <adwaita.h>

#include "es-db.h"
#include "es-pipeline.h"

G_BEGIN_DECLS

#define ES_TYPE_PIPELINE_PAGE (es_pipeline_page_get_type ())
G_DECLARE_FINAL_TYPE (EsPipelinePage, es_pipeline_page, ES, PIPELINE_PAGE, AdwBin)

EsDb *es_pipeline_page_get_db (EsPipelinePage *self);
void es_pipeline_page_set_db (EsPipelinePage *self, EsDb *db);

/* The members a column shows (EsMember), for tests and the window. */
GListModel *es_pipeline_page_get_column (EsPipelinePage *self, EsStage stage);

/* Whether the Exited column shows every exit or only those of the last 12 months. */
gboolean es_pipeline_page_get_show_all_exits (EsPipelinePage *self);
void es_pipeline_page_set_show_all_exits (EsPipelinePage *self, gboolean show_all);

G_END_DECLS
