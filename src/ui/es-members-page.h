/* es-members-page.h — the Entrepreneurs section: the table of members and a member's page. */
#pragma once

#include <adwaita.h>

#include "es-db.h"
#include "es-member-page.h"

G_BEGIN_DECLS

#define ES_TYPE_MEMBERS_PAGE (es_members_page_get_type ())
G_DECLARE_FINAL_TYPE (EsMembersPage, es_members_page, ES, MEMBERS_PAGE, AdwBin)

EsDb *es_members_page_get_db (EsMembersPage *self);
void es_members_page_set_db (EsMembersPage *self, EsDb *db);

/* Shows the page of the member with that id (and selects their row in the table). */
void es_members_page_show_member (EsMembersPage *self, gint64 id);
/* Back to the table. */
void es_members_page_show_list (EsMembersPage *self);

/* Shows the table searched for text, at once (without waiting for a pause in the typing). */
void es_members_page_search (EsMembersPage *self, const char *text);

/* The rows the table shows, after search and filters (EsMember), for tests. */
GListModel *es_members_page_get_rows (EsMembersPage *self);
/* The member's page, once a member was shown (else NULL). */
EsMemberPage *es_members_page_get_member_page (EsMembersPage *self);

G_END_DECLS
