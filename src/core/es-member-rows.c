/* es-member-rows.c — the members of a sorted list that meet a filter, as a list model.
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "es-member-rows.h"

#include <string.h>

struct _EsMemberRows
{
  GObject parent_instance;

  GListModel *source;
  gulong changed_id;
  GPtrArray *members; /* EsMember, owned: the source's items, in its order */
  GHashTable *index;  /* &member->id → position in members + 1; NULL until a search needs it */

  EsMemberFilter fields; /* the criteria but the ids (fields.ids is always NULL) */
  GArray *ids;           /* gint64: the ids searched, or NULL when not searching */
  GPtrArray *rows;       /* EsMember, borrowed from members: those that match, in order */
};

static void es_member_rows_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (EsMemberRows, es_member_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      es_member_rows_list_model_init))

static GType
es_member_rows_get_item_type (GListModel *model)
{
  return ES_TYPE_MEMBER;
}

static guint
es_member_rows_get_n_items (GListModel *model)
{
  return ES_MEMBER_ROWS (model)->rows->len;
}

static gpointer
es_member_rows_get_item (GListModel *model, guint position)
{
  EsMemberRows *self = ES_MEMBER_ROWS (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
es_member_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = es_member_rows_get_item_type;
  iface->get_n_items = es_member_rows_get_n_items;
  iface->get_item = es_member_rows_get_item;
}

static void
ensure_index (EsMemberRows *self)
{
  if (self->index != NULL)
    return;
  self->index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->members->len; i++)
    {
      EsMember *member = g_ptr_array_index (self->members, i);

      g_hash_table_insert (self->index, &member->id, GUINT_TO_POINTER (i + 1));
    }
}

/* Which members match, then the positions that changed: the common start and end of the
 * old and new rows stay as they are. */
static void
refilter (EsMemberRows *self)
{
  guint n = self->members->len;
  gboolean check_fields = !es_member_filter_is_empty (&self->fields);
  g_autofree guint8 *found = NULL;
  GPtrArray *rows;
  g_autoptr (GPtrArray) old = NULL;
  guint prefix = 0, suffix = 0;

  if (self->ids != NULL)
    {
      ensure_index (self);
      found = g_new0 (guint8, n);
      for (guint k = 0; k < self->ids->len; k++)
        {
          guint at = GPOINTER_TO_UINT (
              g_hash_table_lookup (self->index, &g_array_index (self->ids, gint64, k)));

          if (at > 0)
            found[at - 1] = 1;
        }
    }

  rows = g_ptr_array_sized_new (found != NULL ? MIN (n, self->ids->len) : n);
  for (guint i = 0; i < n; i++)
    {
      EsMember *member = g_ptr_array_index (self->members, i);

      if (found != NULL && !found[i])
        continue;
      if (check_fields && !es_member_filter_match (&self->fields, member))
        continue;
      g_ptr_array_add (rows, member);
    }

  old = self->rows;
  self->rows = rows;
  while (prefix < old->len && prefix < rows->len && old->pdata[prefix] == rows->pdata[prefix])
    prefix++;
  while (suffix < old->len - prefix && suffix < rows->len - prefix
         && old->pdata[old->len - 1 - suffix] == rows->pdata[rows->len - 1 - suffix])
    suffix++;
  if (prefix < old->len || prefix < rows->len)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                rows->len - prefix - suffix);
}

/* Every member of the source again. The rows are made again before the members they
 * borrow go. */
static void
read_source (EsMemberRows *self)
{
  guint n = self->source != NULL ? g_list_model_get_n_items (self->source) : 0;
  g_autoptr (GPtrArray) old = self->members;

  self->members = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->members, g_list_model_get_item (self->source, i));
  g_clear_pointer (&self->index, g_hash_table_unref);
  refilter (self);
}

static void
source_changed_cb (GListModel *source, guint position, guint removed, guint added,
                   EsMemberRows *self)
{
  /* The members that go live until the rows no longer borrow them: another member made
   * meanwhile never has the address of one of them. */
  g_autoptr (GPtrArray) gone = NULL;

  if (position > self->members->len || removed > self->members->len - position)
    {
      read_source (self);
      return;
    }
  gone = g_ptr_array_new_full (removed, g_object_unref);
  for (guint i = 0; i < removed; i++)
    g_ptr_array_add (gone, g_object_ref (g_ptr_array_index (self->members, position + i)));
  g_ptr_array_remove_range (self->members, position, removed);
  if (added > 0)
    {
      guint len = self->members->len;

      /* Room for them at once, then the members after them moved once. */
      g_ptr_array_set_size (self->members, len + added);
      memmove (&self->members->pdata[position + added], &self->members->pdata[position],
               (len - position) * sizeof (gpointer));
      for (guint i = 0; i < added; i++)
        self->members->pdata[position + i] = g_list_model_get_item (source, position + i);
    }
  g_clear_pointer (&self->index, g_hash_table_unref);
  refilter (self);
}

static void
es_member_rows_dispose (GObject *object)
{
  EsMemberRows *self = ES_MEMBER_ROWS (object);

  if (self->source != NULL)
    g_clear_signal_handler (&self->changed_id, self->source);
  g_clear_object (&self->source);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->members, 0);

  G_OBJECT_CLASS (es_member_rows_parent_class)->dispose (object);
}

static void
es_member_rows_finalize (GObject *object)
{
  EsMemberRows *self = ES_MEMBER_ROWS (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->members);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (es_member_rows_parent_class)->finalize (object);
}

static void
es_member_rows_class_init (EsMemberRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = es_member_rows_dispose;
  object_class->finalize = es_member_rows_finalize;
}

static void
es_member_rows_init (EsMemberRows *self)
{
  self->members = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_ptr_array_new ();
  es_member_filter_init (&self->fields);
}

EsMemberRows *
es_member_rows_new (GListModel *source)
{
  EsMemberRows *self = g_object_new (ES_TYPE_MEMBER_ROWS, NULL);

  es_member_rows_set_source (self, source);
  return self;
}

GListModel *
es_member_rows_get_source (EsMemberRows *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_ROWS (self), NULL);

  return self->source;
}

void
es_member_rows_set_source (EsMemberRows *self, GListModel *source)
{
  g_return_if_fail (ES_IS_MEMBER_ROWS (self));
  g_return_if_fail (source == NULL || G_IS_LIST_MODEL (source));

  if (self->source == source)
    return;

  if (self->source != NULL)
    g_clear_signal_handler (&self->changed_id, self->source);
  g_set_object (&self->source, source);
  if (source != NULL)
    self->changed_id
        = g_signal_connect (source, "items-changed", G_CALLBACK (source_changed_cb), self);

  read_source (self);
}

void
es_member_rows_set_filter (EsMemberRows *self, const EsMemberFilter *filter)
{
  g_autoptr (GArray) ids = NULL;

  g_return_if_fail (ES_IS_MEMBER_ROWS (self));
  g_return_if_fail (filter != NULL);

  if (filter->ids != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (filter->ids));
      g_hash_table_iter_init (&iter, filter->ids);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_array_append_val (ids, *(gint64 *)key);
    }
  es_member_rows_set_filter_ids (self, filter, ids);
}

void
es_member_rows_set_filter_ids (EsMemberRows *self, const EsMemberFilter *filter, GArray *ids)
{
  g_return_if_fail (ES_IS_MEMBER_ROWS (self));
  g_return_if_fail (filter != NULL);
  g_return_if_fail (ids == NULL || g_array_get_element_size (ids) == sizeof (gint64));

  self->fields = *filter;
  self->fields.ids = NULL;
  g_clear_pointer (&self->ids, g_array_unref);
  if (ids != NULL)
    {
      self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
      g_array_append_vals (self->ids, ids->data, ids->len);
    }
  refilter (self);
}
