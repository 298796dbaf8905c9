/* es-staff.c — a member of the support staff. */
#include "config.h"

#include "es-staff.h"

G_DEFINE_BOXED_TYPE (EsStaff, es_staff, es_staff_copy, es_staff_free)

EsStaff *
es_staff_new (const char *name, const char *email, const char *role)
{
  EsStaff *staff = g_new0 (EsStaff, 1);

  staff->name = g_strdup (name ? name : "");
  staff->email = g_strdup (email ? email : "");
  staff->role = g_strdup (role ? role : "counselor");
  staff->active = TRUE;
  return staff;
}

EsStaff *
es_staff_copy (const EsStaff *staff)
{
  EsStaff *copy = es_staff_new (staff->name, staff->email, staff->role);

  copy->id = staff->id;
  copy->active = staff->active;
  return copy;
}

void
es_staff_free (EsStaff *staff)
{
  if (staff == NULL)
    return;
  g_free (staff->name);
  g_free (staff->email);
  g_free (staff->role);
  g_free (staff);
}
