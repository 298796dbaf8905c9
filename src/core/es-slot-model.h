/* es-slot-model.h — a list model whose items stay in place while what they show changes.
 *
 * GTK 4.8's list and column views make new row widgets for every item an items-changed
 * replaces, and a column view keeps up to 200 rows: a search that changes what the rows
 * show would rebuild them all on every keystroke. Put between a changing model (a
 * filter) and the view, an EsSlotModel gives the view one EsSlot per position, always
 * the same object: when the source changes, the slots are pointed at their new items
 * (EsSlot::notify::item) and only a change in the number of items is told as
 * items-changed, at the end of the list. Cells follow their slot's "item".
 */
#pragma once

#include <gio/gio.h>

#include "es-slot.h"

G_BEGIN_DECLS

#define ES_TYPE_SLOT_MODEL (es_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (EsSlotModel, es_slot_model, ES, SLOT_MODEL, GObject)

/* Slots over source (may be NULL). */
EsSlotModel *es_slot_model_new (GListModel *source);

GListModel *es_slot_model_get_source (EsSlotModel *self);
void es_slot_model_set_source (EsSlotModel *self, GListModel *source);

G_END_DECLS
