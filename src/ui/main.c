/* main.c — starts Essaim.
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "es-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (EsApplication) app = NULL;
  const char *localedir = g_getenv ("ESSAIM_LOCALEDIR");

  /* ESSAIM_LOCALEDIR points at translations built but not installed (tests, development). */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = es_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
