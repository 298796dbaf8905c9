/* es-event-dialog.h — the form of one step of a member's pipeline. */
#pragma once

#include <adwaita.h>

#include "es-career-event.h"
#include "es-db.h"
#include "es-member.h"

G_BEGIN_DECLS

#define ES_TYPE_EVENT_DIALOG (es_event_dialog_get_type ())
G_DECLARE_FINAL_TYPE (EsEventDialog, es_event_dialog, ES, EVENT_DIALOG, AdwWindow)

/* The form to record a step of kind for member, dated today by default. */
EsEventDialog *es_event_dialog_new (GtkWindow *parent, EsDb *db, EsMember *member, EsEventKind kind,
                                    const GDate *today);
/* The form to correct event (a new event of the same kind that replaces it), or with
 * cancel, to cancel it. Both stay in the history. */
EsEventDialog *es_event_dialog_new_correction (GtkWindow *parent, EsDb *db, EsMember *member,
                                               const EsCareerEvent *event, gboolean cancel,
                                               const GDate *today);

EsEventKind es_event_dialog_get_kind (EsEventDialog *self);

/* What the Record button does: reads the fields, lets the pipeline rules check the step,
 * and records it. When a field cannot be read or the rules refuse the step, says why in
 * the dialog, marks the field and keeps everything typed; returns FALSE. On success
 * emits ::recorded and closes the dialog. */
gboolean es_event_dialog_save (EsEventDialog *self);

/* The reason the last save was refused, in words, or NULL. */
const char *es_event_dialog_get_problem (EsEventDialog *self);

G_END_DECLS
