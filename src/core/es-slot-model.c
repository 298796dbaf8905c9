/* es-slot-model.c — a list model whose items stay in place while what they show changes. */
#include "config.h"

#include "es-slot-model.h"

struct _EsSlotModel
{
  GObject parent_instance;

  GListModel *source;
  gulong changed_id;
  /* One entry per position: the slot handed out for it, or NULL while none was asked. */
  GPtrArray *slots;

  guint eager;      /* 0: every slot follows at once */
  guint stale_from; /* the slots in [stale_from, stale_to) may show an old item */
  guint stale_to;
  guint catch_up_id;
  gboolean hold; /* the slots past the source's end wait instead of going */
};

/* Slots a catch-up idle points at their items at a time, and slots past the end it lets
 * go at a time: a few milliseconds of rows. */
#define CATCH_UP_CHUNK 24
#define TRIM_CHUNK 16

static void es_slot_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EsSlotModel, es_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      es_slot_model_list_model_init))

static GType
es_slot_model_get_item_type (GListModel *model)
{
  return ES_TYPE_SLOT;
}

static guint
es_slot_model_get_n_items (GListModel *model)
{
  return ES_SLOT_MODEL (model)->slots->len;
}

/* Points a slot at the source's item there: nothing past the source's end, where the
 * slots wait to go. */
static void
follow (EsSlotModel *self, guint position)
{
  EsSlot *slot = g_ptr_array_index (self->slots, position);

  if (slot != NULL)
    {
      g_autoptr (GObject) item = g_list_model_get_item (self->source, position);
      es_slot_set_item (slot, item);
    }
}

/* One chunk of the slots that show an old item, then of those past the source's end. */
static gboolean
catch_up_cb (gpointer data)
{
  EsSlotModel *self = data;
  guint end = MIN (self->stale_to, self->slots->len);
  guint n = g_list_model_get_n_items (self->source);

  if (self->stale_from < end)
    {
      guint stop = MIN (end, self->stale_from + CATCH_UP_CHUNK);

      for (guint i = self->stale_from; i < stop; i++)
        follow (self, i);
      self->stale_from = stop;
      if (stop < end)
        return G_SOURCE_CONTINUE;
    }
  self->stale_from = self->stale_to = 0;
  if (self->slots->len > n && !self->hold)
    {
      guint len = self->slots->len;
      guint from = len, handed = 0;

      /* Slots never handed out have no row: they go in the same chunk as those before. */
      while (from > n && handed < TRIM_CHUNK)
        if (g_ptr_array_index (self->slots, --from) != NULL)
          handed++;
      g_ptr_array_remove_range (self->slots, from, len - from);
      g_list_model_items_changed (G_LIST_MODEL (self), from, len - from, 0);
      if (from > n)
        return G_SOURCE_CONTINUE;
    }
  self->catch_up_id = 0;
  return G_SOURCE_REMOVE;
}

static gpointer
es_slot_model_get_item (GListModel *model, guint position)
{
  EsSlotModel *self = ES_SLOT_MODEL (model);
  EsSlot *slot;

  if (position >= self->slots->len)
    return NULL;
  slot = g_ptr_array_index (self->slots, position);
  if (slot != NULL && position >= self->stale_from && position < self->stale_to)
    follow (self, position);
  if (slot == NULL)
    {
      g_autoptr (GObject) item = g_list_model_get_item (self->source, position);

      slot = es_slot_new (item);
      self->slots->pdata[position] = slot;
    }
  return g_object_ref (slot);
}

static void
es_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = es_slot_model_get_item_type;
  iface->get_n_items = es_slot_model_get_n_items;
  iface->get_item = es_slot_model_get_item;
}

/* Points the slots from position on at their new items, then tells the new length. */
static void
source_changed_cb (GListModel *source, guint position, guint removed, guint added,
                   EsSlotModel *self)
{
  guint old_n = self->slots->len;
  guint new_n = g_list_model_get_n_items (source);
  /* The slots that stay: with an eager count, those past the end too, until the idle. */
  guint kept = self->eager > 0 ? old_n : MIN (old_n, new_n);

  /* Without one, the slots that are no more go first: the view lets go of them. */
  if (kept < old_n)
    {
      g_ptr_array_remove_range (self->slots, kept, old_n - kept);
      g_list_model_items_changed (G_LIST_MODEL (self), kept, old_n - kept, 0);
    }

  {
    guint now = self->eager > 0 ? MIN (kept, MAX (position, self->eager)) : kept;

    for (guint i = position; i < now; i++)
      follow (self, i);
    /* The rest, later: the range only grows until the idle has gone through it. */
    if (now < kept)
      {
        if (self->stale_from == self->stale_to)
          {
            self->stale_from = now;
            self->stale_to = kept;
          }
        else
          {
            self->stale_from = MIN (self->stale_from, now);
            self->stale_to = MAX (self->stale_to, kept);
          }
      }
    if ((now < kept || kept > new_n) && self->catch_up_id == 0)
      self->catch_up_id = g_idle_add (catch_up_cb, self);
  }

  if (new_n > old_n)
    {
      g_ptr_array_set_size (self->slots, new_n);
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
    }
}

static void
es_slot_model_dispose (GObject *object)
{
  EsSlotModel *self = ES_SLOT_MODEL (object);

  if (self->source != NULL)
    g_clear_signal_handler (&self->changed_id, self->source);
  g_clear_object (&self->source);
  g_ptr_array_set_size (self->slots, 0);
  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  self->stale_from = self->stale_to = 0;

  G_OBJECT_CLASS (es_slot_model_parent_class)->dispose (object);
}

static void
es_slot_model_finalize (GObject *object)
{
  EsSlotModel *self = ES_SLOT_MODEL (object);

  g_ptr_array_unref (self->slots);

  G_OBJECT_CLASS (es_slot_model_parent_class)->finalize (object);
}

static void
es_slot_model_class_init (EsSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = es_slot_model_dispose;
  object_class->finalize = es_slot_model_finalize;
}

/* Positions never asked for have no slot. */
static void
slot_free (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
es_slot_model_init (EsSlotModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (slot_free);
}

EsSlotModel *
es_slot_model_new (GListModel *source)
{
  EsSlotModel *self = g_object_new (ES_TYPE_SLOT_MODEL, NULL);

  es_slot_model_set_source (self, source);
  return self;
}

GListModel *
es_slot_model_get_source (EsSlotModel *self)
{
  g_return_val_if_fail (ES_IS_SLOT_MODEL (self), NULL);

  return self->source;
}

void
es_slot_model_set_source (EsSlotModel *self, GListModel *source)
{
  guint old_n, new_n;

  g_return_if_fail (ES_IS_SLOT_MODEL (self));
  g_return_if_fail (source == NULL || G_IS_LIST_MODEL (source));

  if (self->source == source)
    return;

  if (self->source != NULL)
    g_clear_signal_handler (&self->changed_id, self->source);
  g_set_object (&self->source, source);

  /* Another source: nothing in common, every slot goes. */
  old_n = self->slots->len;
  g_ptr_array_set_size (self->slots, 0);
  g_clear_handle_id (&self->catch_up_id, g_source_remove);
  self->stale_from = self->stale_to = 0;
  new_n = source != NULL ? g_list_model_get_n_items (source) : 0;
  g_ptr_array_set_size (self->slots, new_n);
  if (source != NULL)
    self->changed_id
        = g_signal_connect (source, "items-changed", G_CALLBACK (source_changed_cb), self);
  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
}

guint
es_slot_model_get_eager (EsSlotModel *self)
{
  g_return_val_if_fail (ES_IS_SLOT_MODEL (self), 0);

  return self->eager;
}

void
es_slot_model_set_eager (EsSlotModel *self, guint eager)
{
  g_return_if_fail (ES_IS_SLOT_MODEL (self));

  self->eager = eager;
}

gboolean
es_slot_model_is_behind (EsSlotModel *self)
{
  g_return_val_if_fail (ES_IS_SLOT_MODEL (self), FALSE);

  return self->catch_up_id != 0;
}

gboolean
es_slot_model_get_hold (EsSlotModel *self)
{
  g_return_val_if_fail (ES_IS_SLOT_MODEL (self), FALSE);

  return self->hold;
}

void
es_slot_model_set_hold (EsSlotModel *self, gboolean hold)
{
  g_return_if_fail (ES_IS_SLOT_MODEL (self));

  self->hold = hold;
  /* Let go of them now. */
  if (!hold && self->source != NULL && self->slots->len > g_list_model_get_n_items (self->source)
      && self->catch_up_id == 0)
    self->catch_up_id = g_idle_add (catch_up_cb, self);
}
