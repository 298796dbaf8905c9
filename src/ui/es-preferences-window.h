/* es-preferences-window.h — the cooperative's identity, address, bank and defaults. */
#pragma once

#include <adwaita.h>

#include "es-db.h"

G_BEGIN_DECLS

#define ES_TYPE_PREFERENCES_WINDOW (es_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (EsPreferencesWindow, es_preferences_window, ES, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

EsPreferencesWindow *es_preferences_window_new (GtkWindow *parent, EsDb *db);

/* Checks every field; when all are right, writes them and returns TRUE. Otherwise marks
 * the wrong ones, writes nothing and keeps what was typed. */
gboolean es_preferences_window_save (EsPreferencesWindow *self);

G_END_DECLS
