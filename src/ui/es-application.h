/* es-application.h — the application: command line, actions, and which database is open. */
#pragma once

#include <adwaita.h>

#include "es-db.h"

G_BEGIN_DECLS

#define ES_TYPE_APPLICATION (es_application_get_type ())
G_DECLARE_FINAL_TYPE (EsApplication, es_application, ES, APPLICATION, AdwApplication)

EsApplication *es_application_new (void);

/* The settings of coop.essaim.Essaim, or NULL when the schema is not installed (then
 * nothing is remembered between runs). */
GSettings *es_application_get_settings (EsApplication *self);

/* The main window, created (without a database) if there is none yet. */
GtkWindow *es_application_get_main_window (EsApplication *self);

/* Opens the database at path in the main window. On failure the "Cannot Open the
 * Database" dialog is shown and the window keeps its current database. When remember is
 * TRUE, path becomes the "last-database" opened at the next start. Returns whether the
 * database was opened. */
gboolean es_application_open_path (EsApplication *self, const char *path, EsDbOpenFlags flags,
                                   gboolean remember);

G_END_DECLS
