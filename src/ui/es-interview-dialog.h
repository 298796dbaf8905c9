/* es-interview-dialog.h — the form that records a support interview. */
#pragma once

#include <adwaita.h>

#include "es-db.h"
#include "es-member.h"

G_BEGIN_DECLS

#define ES_TYPE_INTERVIEW_DIALOG (es_interview_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EsInterviewDialog, es_interview_dialog, ES, INTERVIEW_DIALOG, AdwWindow)

/* An interview of member, dated today by default, with their counselor. */
EsInterviewDialog *es_interview_dialog_new (GtkWindow *parent, EsDb *db, EsMember *member,
                                            const GDate *today);

/* What the Record button does: marks what is wrong and keeps what was typed (FALSE), or
 * records, emits ::saved and closes. */
gboolean es_interview_dialog_save (EsInterviewDialog *self);

G_END_DECLS
