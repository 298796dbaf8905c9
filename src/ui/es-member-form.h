/* es-member-form.h — the form that adds a member or edits their details. */
#pragma once

#include <adwaita.h>

#include "es-db.h"
#include "es-member.h"

G_BEGIN_DECLS

#define ES_TYPE_MEMBER_FORM (es_member_form_get_type ())
G_DECLARE_FINAL_TYPE (EsMemberForm, es_member_form, ES, MEMBER_FORM, AdwWindow)

/* Edits member, or adds a new member when member is NULL. */
EsMemberForm *es_member_form_new (GtkWindow *parent, EsDb *db, EsMember *member,
                                  const GDate *today);

/* What the Save button does: reads every field and lets core check the whole. When a
 * field is wrong, marks it with the reason and keeps everything typed; returns FALSE.
 * Otherwise writes, emits ::saved and closes. */
gboolean es_member_form_save (EsMemberForm *self);

G_END_DECLS
