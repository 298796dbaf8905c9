/* es-window.h — the main window: header bar, sections and toasts over one database. */
#pragma once

#include <adwaita.h>

#include "es-db.h"

G_BEGIN_DECLS

#define ES_TYPE_WINDOW (es_window_get_type ())
G_DECLARE_FINAL_TYPE (EsWindow, es_window, ES, WINDOW, AdwApplicationWindow)

EsWindow *es_window_new (GtkApplication *application);
/* A window on db (may be NULL), its members read in the background while it is built:
 * building the window takes about as long as the read. */
EsWindow *es_window_new_for_db (GtkApplication *application, EsDb *db);

/* The open database, or NULL when none is open. Setting it hands it to every section. */
EsDb *es_window_get_db (EsWindow *self);
void es_window_set_db (EsWindow *self, EsDb *db);

/* Takes ownership of toast. */
void es_window_add_toast (EsWindow *self, AdwToast *toast);

/* The visible section: "dashboard", "pipeline", "members", "clients", "sales", "payroll". */
const char *es_window_get_section (EsWindow *self);
void es_window_set_section (EsWindow *self, const char *name);

G_END_DECLS
