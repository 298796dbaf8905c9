/* es-member-transfer.h — importing members from a spreadsheet's CSV file and exporting
 * them, from the window: file chooser, a report of every problem, and a toast. */
#pragma once

#include "es-window.h"

G_BEGIN_DECLS

/* Asks for a CSV file, checks it whole (nothing written), then imports it when it is
 * clean; when rows have problems, lists them and offers to import only the valid rows. */
void es_member_transfer_import (EsWindow *window);
/* The same, for a file already chosen. */
void es_member_transfer_import_path (EsWindow *window, const char *path);
/* Asks where to write, and exports every member as a French CSV file. */
void es_member_transfer_export (EsWindow *window);

G_END_DECLS
