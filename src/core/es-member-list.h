/* es-member-list.h — every member of a database as one list model that stays up to date.
 *
 * The board, the member table and the search all show the same members: one list per
 * database is shared by all of them (es_member_list_get_for_db), loaded on first use, and
 * reloaded when EsDb::changed names a table that changes what a member shows (member,
 * career_event, interview, staff). A reload keeps the items that did not change and
 * touches only the positions that did, so that views keep their scroll and selection.
 *
 * Reading 12,000 members takes tens of milliseconds: pages load the list in the
 * background (es_member_list_load_async), in a worker thread with its own read-only
 * connection, and the result is applied on the main thread, followed by ::loaded. The
 * first read hands over the first members of the list and of each stage before the rest
 * (es_member_store_list_first(), a few milliseconds), with ::loaded, so that a new window
 * shows what fits on its screen at once; ::loaded comes again with every member, once
 * es_member_list_is_complete(). Reloads after EsDb::changed read everything, the same way.
 * An in-memory database has no file to open twice: its list is read on the spot.
 */
#pragma once

#include <gio/gio.h>

#include "es-db.h"
#include "es-member.h"

G_BEGIN_DECLS

#define ES_TYPE_MEMBER_LIST (es_member_list_get_type ())
G_DECLARE_FINAL_TYPE (EsMemberList, es_member_list, ES, MEMBER_LIST, GObject)

/* The list of db, created on first call and kept as long as db lives (transfer none). */
EsMemberList *es_member_list_get_for_db (EsDb *db);
/* A list of its own, not shared (tests). */
EsMemberList *es_member_list_new (EsDb *db);

EsDb *es_member_list_get_db (EsMemberList *self);
/* The members (EsMember) sorted by last name, empty until loaded (transfer none). */
GListModel *es_member_list_get_model (EsMemberList *self);
/* The members at that stage, in the same order: a model of its own that changes with the
 * list (transfer none). */
GListModel *es_member_list_get_stage_model (EsMemberList *self, EsStage stage);

/* Loads every member now unless that was done. */
gboolean es_member_list_load (EsMemberList *self, GError **error);
/* Whether there are members to show: the first ones, or all of them. */
gboolean es_member_list_is_loaded (EsMemberList *self);
/* Whether every member was read (until then, the model holds the first ones only). */
gboolean es_member_list_is_complete (EsMemberList *self);
/* Starts reading the members in the background unless loaded or being read; ::loaded
 * tells when they are there. Once every caller waiting for a first load has cancelled its
 * cancellable (a page that goes away), the read stops. */
void es_member_list_load_async (EsMemberList *self, GCancellable *cancellable);
/* Whether a background read is under way. */
gboolean es_member_list_is_loading (EsMemberList *self);
/* Why the last read failed, or NULL. */
const GError *es_member_list_get_error (EsMemberList *self);
/* The NAF sections of the members, as es_naf_sections_present() gives them ("" before the
 * first read). */
const char *es_member_list_get_sectors (EsMemberList *self);
/* Reads every member again now and updates the model in place (loads if not loaded). */
gboolean es_member_list_reload (EsMemberList *self, GError **error);

/* The member with that id in the model, or NULL (transfer none). */
EsMember *es_member_list_lookup (EsMemberList *self, gint64 id);
/* Its position in the model, or G_MAXUINT. */
guint es_member_list_find (EsMemberList *self, gint64 id);

/* The day stages and deadlines are derived at: the real today unless set (tests, demos).
 * Setting it reloads a loaded list. NULL or an invalid date goes back to the real today. */
const GDate *es_member_list_get_today (EsMemberList *self);
void es_member_list_set_today (EsMemberList *self, const GDate *today);

/* Whether two members show the same: every stored field and everything derived. */
gboolean es_member_same (EsMember *a, EsMember *b);

G_END_DECLS
