/* es-member-page.h — one member: identity, activity, career, interviews and deadlines. */
#pragma once

#include <adwaita.h>

#include "es-db.h"
#include "es-member.h"

G_BEGIN_DECLS

#define ES_TYPE_MEMBER_PAGE (es_member_page_get_type ())
G_DECLARE_FINAL_TYPE (EsMemberPage, es_member_page, ES, MEMBER_PAGE, AdwBin)

void es_member_page_set_db (EsMemberPage *self, EsDb *db);

/* Shows the member with that id (0: nobody), read from the database. */
void es_member_page_set_member_id (EsMemberPage *self, gint64 id);
gint64 es_member_page_get_member_id (EsMemberPage *self);
/* The member shown, or NULL. */
EsMember *es_member_page_get_member (EsMemberPage *self);

/* Reads the member, their history and interviews again. */
void es_member_page_reload (EsMemberPage *self);

G_END_DECLS
