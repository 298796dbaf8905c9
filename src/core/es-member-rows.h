/* es-member-rows.h — the members of a sorted list that meet a filter, as a list model.
 *
 * What a GtkFilterListModel does for the members table, at the speed of a keystroke: the
 * source's members are kept in an array, so that a new filter checks them there (a search
 * only looks up the ids it found) instead of asking the source for 12,000 items one by
 * one; and only the positions whose member differs are told as items-changed, nothing at
 * all when the rows stay the same. A change of the source (a sort, a reread) is taken
 * from the positions it tells.
 */
#pragma once

#include <gio/gio.h>

#include "es-member-view.h"

G_BEGIN_DECLS

#define ES_TYPE_MEMBER_ROWS (es_member_rows_get_type ())
G_DECLARE_FINAL_TYPE (EsMemberRows, es_member_rows, ES, MEMBER_ROWS, GObject)

/* Rows of source, a list model of EsMember (may be NULL), matching everybody. */
EsMemberRows *es_member_rows_new (GListModel *source);

GListModel *es_member_rows_get_source (EsMemberRows *self);
void es_member_rows_set_source (EsMemberRows *self, GListModel *source);

/* Copies the criteria, the searched ids included: the set may change or go afterwards. */
void es_member_rows_set_filter (EsMemberRows *self, const EsMemberFilter *filter);
/* The same with the searched ids (gint64) as found, in any order, rather than as a set
 * (filter->ids is not read): NULL when not searching. ids is copied. A search as you type
 * has its ids in an array already: no set made at each keystroke. */
void es_member_rows_set_filter_ids (EsMemberRows *self, const EsMemberFilter *filter, GArray *ids);

G_END_DECLS
