/* es-members-page.h — the Members section of the main window. */
#pragma once

#include <adwaita.h>

#include "es-db.h"

G_BEGIN_DECLS

#define ES_TYPE_MEMBERS_PAGE (es_members_page_get_type ())
G_DECLARE_FINAL_TYPE (EsMembersPage, es_members_page, ES, MEMBERS_PAGE, AdwBin)

EsDb *es_members_page_get_db (EsMembersPage *self);
void es_members_page_set_db (EsMembersPage *self, EsDb *db);

G_END_DECLS
