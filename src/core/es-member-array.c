/* es-member-array.c — members in an array, as a list model.
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "es-member-array.h"

#include <string.h>

struct _EsMemberArray
{
  GObject parent_instance;

  GPtrArray *members; /* EsMember, owned */
};

static void es_member_array_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EsMemberArray, es_member_array, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      es_member_array_list_model_init))

static GType
es_member_array_get_item_type (GListModel *model)
{
  return ES_TYPE_MEMBER;
}

static guint
es_member_array_get_n_items (GListModel *model)
{
  return ES_MEMBER_ARRAY (model)->members->len;
}

static gpointer
es_member_array_get_item (GListModel *model, guint position)
{
  EsMember *member = es_member_array_peek (ES_MEMBER_ARRAY (model), position);

  return member != NULL ? g_object_ref (member) : NULL;
}

static void
es_member_array_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = es_member_array_get_item_type;
  iface->get_n_items = es_member_array_get_n_items;
  iface->get_item = es_member_array_get_item;
}

static void
es_member_array_finalize (GObject *object)
{
  EsMemberArray *self = ES_MEMBER_ARRAY (object);

  g_ptr_array_unref (self->members);

  G_OBJECT_CLASS (es_member_array_parent_class)->finalize (object);
}

static void
es_member_array_class_init (EsMemberArrayClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = es_member_array_finalize;
}

static void
es_member_array_init (EsMemberArray *self)
{
  self->members = g_ptr_array_new_with_free_func (g_object_unref);
}

EsMemberArray *
es_member_array_new (void)
{
  return g_object_new (ES_TYPE_MEMBER_ARRAY, NULL);
}

EsMember *
es_member_array_peek (EsMemberArray *self, guint position)
{
  g_return_val_if_fail (ES_IS_MEMBER_ARRAY (self), NULL);

  if (position >= self->members->len)
    return NULL;
  return g_ptr_array_index (self->members, position);
}

void
es_member_array_splice (EsMemberArray *self, guint position, guint n_removed,
                        EsMember *const *added, guint n_added)
{
  guint len;

  g_return_if_fail (ES_IS_MEMBER_ARRAY (self));
  g_return_if_fail (position <= self->members->len);
  g_return_if_fail (n_removed <= self->members->len - position);
  g_return_if_fail (n_added == 0 || added != NULL);

  for (guint i = 0; i < n_added; i++)
    g_return_if_fail (ES_IS_MEMBER (added[i]));

  /* The members added are referenced before those removed go: they may be the same. */
  for (guint i = 0; i < n_added; i++)
    g_object_ref (added[i]);
  g_ptr_array_remove_range (self->members, position, n_removed);
  if (n_added > 0)
    {
      len = self->members->len;
      g_ptr_array_set_size (self->members, len + n_added);
      memmove (&self->members->pdata[position + n_added], &self->members->pdata[position],
               (len - position) * sizeof (gpointer));
      memcpy (&self->members->pdata[position], added, n_added * sizeof (gpointer));
    }
  if (n_removed > 0 || n_added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, n_removed, n_added);
}
