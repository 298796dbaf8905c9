/* es-demo.h — the one generator of realistic cooperatives, for the demo, tests and
 * benchmarks. Same seed and size, same cooperative. */
#pragma once

#include <gio/gio.h>

#include "es-db.h"

G_BEGIN_DECLS

typedef struct
{
  guint32 seed;    /* 0 means 1 */
  guint n_members; /* about 60 for the demo, 12 000 for the federation scale */
  /* reference "today": events are placed before it, some deadlines near or past it.
   * Invalid means the real today. */
  GDate today;
} EsDemoOptions;

typedef void (*EsProgressFunc) (double fraction, gpointer user_data);

void es_demo_options_init (EsDemoOptions *options);

/* Fills an empty database: the cooperative's identity, its staff, members over every
 * stage with dated career events that obey the pipeline rules. Runs in one transaction:
 * on error or cancellation nothing is written. */
gboolean es_demo_generate (EsDb *db, const EsDemoOptions *options, EsProgressFunc progress,
                           gpointer progress_data, GCancellable *cancellable, GError **error);

/* The demo database in the user's cache dir, (re)generated when missing or made by an
 * older generator. Never the user's real database. Returns its path. */
char *es_demo_ensure_file (GError **error);

G_END_DECLS
