/* es-slot.h — a place in a list that shows one item, then another. See es-slot-model.h. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ES_TYPE_SLOT (es_slot_get_type ())
G_DECLARE_FINAL_TYPE (EsSlot, es_slot, ES, SLOT, GObject)

EsSlot *es_slot_new (gpointer item);

/* The item shown (transfer none), or NULL. */
gpointer es_slot_get_item (EsSlot *self);
/* Notifies "item" when it changes. */
void es_slot_set_item (EsSlot *self, gpointer item);

G_END_DECLS
