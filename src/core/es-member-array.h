/* es-member-array.h — members in an array, as a list model.
 *
 * What GListStore does for EsMember, without its tree: GListStore keeps its items in a
 * GSequence, and putting 12,000 members into one costs milliseconds that the window
 * waits for; an array takes them at once, and hands out any position at once too.
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "es-member.h"

G_BEGIN_DECLS

#define ES_TYPE_MEMBER_ARRAY (es_member_array_get_type ())
G_DECLARE_FINAL_TYPE (EsMemberArray, es_member_array, ES, MEMBER_ARRAY, GObject)

EsMemberArray *es_member_array_new (void);

/* As g_list_store_splice(): removes n_removed members at position, puts the n_added of
 * added there (references taken), then emits ::items-changed once. */
void es_member_array_splice (EsMemberArray *self, guint position, guint n_removed,
                             EsMember *const *added, guint n_added);

/* The member at position, without a reference (transfer none), or NULL past the end. */
EsMember *es_member_array_peek (EsMemberArray *self, guint position);

G_END_DECLS
