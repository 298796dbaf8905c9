/* es-samples.c — the timings of a benchmark. */
#include "config.h"

#include "es-samples.h"

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

void
es_samples_sort (GArray *samples)
{
  g_return_if_fail (samples != NULL);

  g_array_sort (samples, compare_double);
}

double
es_samples_percentile (GArray *samples, double p)
{
  guint i;

  g_return_val_if_fail (samples != NULL, 0);

  if (samples->len == 0)
    return 0;
  i = (guint)(p * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, MIN (i, samples->len - 1));
}
