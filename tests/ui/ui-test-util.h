/* ui-test-util.h — what the UI tests share: waiting for the screen, screenshots, finding
 * dialogs. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Runs the main loop until widget is mapped, the members are read and n frames have been
 * painted (or 10 s). */
void wait_for_frames (GtkWidget *widget, guint n);
/* Lets pending idles run for ms milliseconds (dialogs being presented, toasts). */
void spin (guint ms);
/* Writes a PNG of what widget drew last into $ESSAIM_SCREENSHOT_DIR/name.png. */
void save_screenshot (GtkWidget *widget, const char *name);
/* A visible toplevel of that type, or NULL. */
gpointer find_toplevel (GType type);
/* The same, waiting up to 5 s for it to appear. */
gpointer wait_for_toplevel (GType type);

G_END_DECLS
