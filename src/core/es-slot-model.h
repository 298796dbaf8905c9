/* es-slot-model.h — a list model whose items stay in place while what they show changes.
 *
 * GTK 4.8's list and column views make new row widgets for every item an items-changed
 * replaces, and a column view keeps up to 200 rows: a search that changes what the rows
 * show would rebuild them all on every keystroke. Put between a changing model (a
 * filter) and the view, an EsSlotModel gives the view one EsSlot per position, always
 * the same object: when the source changes, the slots are pointed at their new items
 * (EsSlot::notify::item) and only a change in the number of items is told as
 * items-changed, at the end of the list. Cells follow their slot's "item".
 *
 * With an eager count, only the first slots follow a change at once; the others, which a
 * view keeps below what it shows, follow from an idle, a few at a time, after the frame
 * (or as soon as someone asks for them). When the source gets shorter, the slots past its
 * end stay, empty, and go from that idle, a few rows at a time: a view lets go of rows
 * more slowly than it changes them. Held, they wait there until the source grows again
 * and they show its items: a view hidden while there is nothing to show keeps its rows.
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

/* How many slots, from the first, follow a change at once (0, the default: all). */
guint es_slot_model_get_eager (EsSlotModel *self);
void es_slot_model_set_eager (EsSlotModel *self, guint eager);
/* Whether the slots past the source's end (with an eager count) wait rather than go. */
gboolean es_slot_model_get_hold (EsSlotModel *self);
void es_slot_model_set_hold (EsSlotModel *self, gboolean hold);
/* Whether some slots still show what was there before the last change, or wait to go. */
gboolean es_slot_model_is_behind (EsSlotModel *self);

G_END_DECLS
