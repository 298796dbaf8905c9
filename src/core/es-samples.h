/* es-samples.h — the timings of a benchmark, in milliseconds (an array of double). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sorts samples in place, smallest first. */
void es_samples_sort (GArray *samples);
/* The sample below which a share p (0 to 1) of sorted samples lie: 0.5 the median, 1 the
 * largest; 0 when there is none. */
double es_samples_percentile (GArray *samples, double p);

G_END_DECLS
