/* es-staff.h — the cooperative's support staff (counselors, accountants, payroll). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  char *name;
  char *email;
  char *role; /* "counselor", "accountant", "payroll", "manager" */
  gboolean active;
} EsStaff;

#define ES_TYPE_STAFF (es_staff_get_type ())
GType es_staff_get_type (void);

EsStaff *es_staff_new (const char *name, const char *email, const char *role);
EsStaff *es_staff_copy (const EsStaff *staff);
void es_staff_free (EsStaff *staff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsStaff, es_staff_free)

G_END_DECLS
