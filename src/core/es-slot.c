/* es-slot.c — a place in a list that shows one item, then another. */
#include "config.h"

#include "es-slot.h"

struct _EsSlot
{
  GObject parent_instance;

  GObject *item;
};

G_DEFINE_FINAL_TYPE (EsSlot, es_slot, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
es_slot_dispose (GObject *object)
{
  EsSlot *self = ES_SLOT (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (es_slot_parent_class)->dispose (object);
}

static void
es_slot_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EsSlot *self = ES_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_slot_class_init (EsSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = es_slot_dispose;
  object_class->get_property = es_slot_get_property;

  properties[PROP_ITEM]
      = g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
es_slot_init (EsSlot *self)
{
}

EsSlot *
es_slot_new (gpointer item)
{
  EsSlot *self = g_object_new (ES_TYPE_SLOT, NULL);

  g_return_val_if_fail (item == NULL || G_IS_OBJECT (item), self);

  self->item = item != NULL ? g_object_ref (item) : NULL;
  return self;
}

gpointer
es_slot_get_item (EsSlot *self)
{
  g_return_val_if_fail (ES_IS_SLOT (self), NULL);

  return self->item;
}

void
es_slot_set_item (EsSlot *self, gpointer item)
{
  g_return_if_fail (ES_IS_SLOT (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
