/* bench-ui.c — how fast the real window shows the board, the table and a search on a
 * federation-scale cooperative, measured from the call to the frame painted with the data.
 * Run it with build-aux/bench (Xvfb, French); the budgets are those of ARCHITECTURE.md.
 *
 *   essaim-bench-ui [--rounds N] [--read-only] [--verbose] DATABASE
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "es-application.h"
#include "es-date.h"
#include "es-member-list.h"
#include "es-member-store.h"
#include "es-samples.h"
#include "es-members-page.h"
#include "es-pipeline-page.h"
#include "es-window.h"

typedef struct
{
  const char *name;
  const char *what;
  double budget_ms;
  GArray *samples; /* double, ms */
} Measure;

enum
{
  BOARD_FRAME,
  BOARD_CARDS,
  BOARD_ALL,
  TABLE_SWITCH,
  TABLE_COLD,
  TABLE_ALL,
  SEARCH_COMPUTE,
  SEARCH,
  TABLE_SCROLL,
  BOARD_AGAIN,
  TABLE_AGAIN,
  SAVE_REFRESH,
  N_MEASURES
};

static Measure measures[N_MEASURES] = {
  { "board.frame", "New window to its first frame (the board's columns)", 100, NULL },
  { "board.cards", "New window to the frame showing the cards its columns hold", 100, NULL },
  { "board.all", "New window to the frame with every member read (the counts)", 200, NULL },
  { "table.switch", "Board to the table, every row there", 100, NULL },
  { "table.cold", "New window on the table to the frame showing the rows", 100, NULL },
  { "table.all", "New window on the table to the frame with every member read", 200, NULL },
  { "search.compute", "Search as you type: keystroke to the table's rows updated", 10, NULL },
  { "search", "Search as you type: keystroke to the frame that shows them", 10, NULL },
  { "table.scroll", "The table scrolled by a screen of rows: the frame that shows them", 16, NULL },
  { "board.again", "Table to the board seen before, to its frame", 16, NULL },
  { "table.again", "Board to the table seen before, to its frame", 16, NULL },
  { "save.refresh", "An interview saved to the frame showing the board updated", 100, NULL },
};

/* What a user types, one keystroke at a time, then erases, as fast as a fast typist
 * (120 words a minute: a key every 100 ms). What a keystroke leaves for after its frame
 * (the rows below the screen) is done by the next one, as it would be. */
#define KEYSTROKE_MS 100
/* Screens of rows the table is scrolled down by, one at a time. */
#define SCROLL_PAGES 10

static const char *const typed[] = { "martin", "dub", "atelier", "lyon", "gra", "nguyen x" };

static EsApplication *app;
static gboolean verbose;

/* Waiting for frames */

static gint64 last_paint_us;
static gint64 frame_start_us;      /* when the frame under way started */
static gint64 last_frame_start_us; /* when the last frame painted started */
static guint paints;

/* The first phase a frame goes through: "update" while something animates, else
 * "layout". */
static void
frame_phase_cb (GdkFrameClock *clock, gpointer data)
{
  if (frame_start_us == 0)
    frame_start_us = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock, gpointer data)
{
  last_paint_us = g_get_monotonic_time ();
  last_frame_start_us = frame_start_us != 0 ? frame_start_us : last_paint_us;
  frame_start_us = 0;
  paints++;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*ReadyFunc) (EsWindow *window);

/* Runs the main loop until each ready[i]() has held and a frame has been painted after
 * that; painted[i] is the time of that frame (0 after 20 s). */
static void
wait_painted_each (EsWindow *window, const ReadyFunc *ready, gint64 *painted, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (5, tick_cb, NULL);
  guint seen[8];
  guint left = n;

  g_assert (n <= G_N_ELEMENTS (seen));
  for (guint i = 0; i < n; i++)
    {
      painted[i] = 0;
      seen[i] = G_MAXUINT;
    }
  while (left > 0 && g_get_monotonic_time () < deadline)
    {
      for (guint i = 0; i < n; i++)
        {
          if (painted[i] != 0)
            continue;
          if (seen[i] == G_MAXUINT && gtk_widget_get_mapped (GTK_WIDGET (window))
              && ready[i](window))
            {
              /* Whatever ready() saw is drawn by the next frame. */
              seen[i] = paints;
              gtk_widget_queue_draw (GTK_WIDGET (window));
            }
          else if (seen[i] != G_MAXUINT && paints != seen[i])
            {
              painted[i] = last_paint_us;
              left--;
            }
        }
      if (left > 0)
        g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gint64
wait_painted (EsWindow *window, ReadyFunc ready)
{
  gint64 painted;

  wait_painted_each (window, &ready, &painted, 1);
  return painted;
}

/* Lets the window finish what it does after showing the data (the rest of the rows, the
 * cards below the fold), as a user looks at what came before doing the next thing: each
 * measure then starts from a quiet window. */
static void
settle_until (gint64 end)
{
  guint tick = g_timeout_add (5, tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
settle (void)
{
  settle_until (g_get_monotonic_time () + 300 * 1000);
}

static void
add_sample (Measure *m, gint64 start_us, gint64 end_us)
{
  double ms = (end_us - start_us) / 1000.0;

  if (end_us == 0)
    {
      g_printerr ("%s: the window never showed the data\n", m->name);
      exit (1);
    }
  g_array_append_val (m->samples, ms);
}

/* The pieces of the window */

static gpointer
window_child (EsWindow *window, const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), ES_TYPE_WINDOW, name);
}

static gboolean
any_frame (EsWindow *window)
{
  return TRUE;
}

/* The list read, all of it, and no read under way (after a save, the one it caused). */
static gboolean
all_read (EsWindow *window)
{
  EsMemberList *list = es_member_list_get_for_db (es_window_get_db (window));

  return es_member_list_is_complete (list) && !es_member_list_is_loading (list);
}

/* Cards in the columns: the first members come before the others (es-member-list.h). */
static gboolean
board_shown (EsWindow *window)
{
  EsPipelinePage *page = window_child (window, "pipeline_page");
  EsMemberList *list = es_member_list_get_for_db (es_window_get_db (window));
  guint n = 0;

  if (!es_member_list_is_loaded (list))
    return FALSE;
  for (EsStage stage = 0; stage < ES_STAGE_N_STAGES; stage++)
    n += g_list_model_get_n_items (es_pipeline_page_get_column (page, stage));
  return n > 0;
}

static gboolean
board_filled (EsWindow *window)
{
  return all_read (window) && board_shown (window);
}

static gboolean
table_shown (EsWindow *window)
{
  EsMembersPage *page = window_child (window, "members_page");
  EsMemberList *list = es_member_list_get_for_db (es_window_get_db (window));

  return es_member_list_is_loaded (list)
         && g_list_model_get_n_items (es_members_page_get_rows (page)) > 0;
}

static gboolean
table_filled (EsWindow *window)
{
  return all_read (window) && table_shown (window);
}

static EsWindow *
new_window (EsDb *db, const char *section)
{
  /* As the application opens a file: the members are read while the window is built. */
  EsWindow *window = es_window_new_for_db (GTK_APPLICATION (app), db);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  es_window_set_section (window, section);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "update",
                    G_CALLBACK (frame_phase_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "layout",
                    G_CALLBACK (frame_phase_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  return window;
}

static void
close_window (EsWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static EsDb *
open_db (const char *path)
{
  g_autoptr (GError) error = NULL;
  EsDb *db = es_db_open (path, ES_DB_OPEN_DEFAULT, &error);

  if (db == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  return db;
}

/* One round */

static gint64
first_member_in_contract (EsDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListStore) members = NULL;
  GDate today = es_date_today ();

  members = es_member_store_list (db, &today, &error);
  for (guint i = 0; members != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (members)); i++)
    {
      g_autoptr (EsMember) member = g_list_model_get_item (G_LIST_MODEL (members), i);

      if (member->state.stage == ES_STAGE_CONTRACT)
        return member->id;
    }
  return 0;
}

static void
save_interview (EsDb *db, gint64 member_id)
{
  g_autoptr (EsInterview) interview = es_interview_new ();
  g_autoptr (GError) error = NULL;
  GDate today = es_date_today ();

  interview->member_id = member_id;
  interview->date = today;
  interview->kind = ES_INTERVIEW_INDIVIDUAL;
  g_free (interview->summary);
  interview->summary = g_strdup ("Point mensuel (mesure de vitesse)");
  if (es_interview_store_add (db, interview, &today, &error) == 0)
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
}

static void
run_round (const char *path, gboolean write)
{
  g_autoptr (EsDb) db = open_db (path);
  EsWindow *window;
  EsMembersPage *members_page;
  gint64 t;

  /* The board, as the application opens on it. */
  t = g_get_monotonic_time ();
  window = new_window (db, "pipeline");
  {
    const ReadyFunc ready[] = { any_frame, board_shown, board_filled };
    gint64 painted[G_N_ELEMENTS (ready)];

    wait_painted_each (window, ready, painted, G_N_ELEMENTS (ready));
    add_sample (&measures[BOARD_FRAME], t, painted[0]);
    add_sample (&measures[BOARD_CARDS], t, painted[1]);
    add_sample (&measures[BOARD_ALL], t, painted[2]);
  }

  /* To the table. */
  settle ();
  t = g_get_monotonic_time ();
  es_window_set_section (window, "members");
  add_sample (&measures[TABLE_SWITCH], t, wait_painted (window, table_filled));

  /* Search as you type, then erase. */
  members_page = window_child (window, "members_page");
  settle ();
  for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
    {
      gsize n = strlen (typed[w]);

      for (gsize len = 1; len <= 2 * n; len++)
        {
          g_autofree char *text = g_strndup (typed[w], len <= n ? len : 2 * n - len);

          gint64 computed, painted, started;

          t = g_get_monotonic_time ();
          es_members_page_search (members_page, text);
          computed = g_get_monotonic_time ();
          painted = wait_painted (window, any_frame);
          started = last_frame_start_us;
          /* The next key comes as a fast typist's would. */
          settle_until (t + KEYSTROKE_MS * 1000);
          add_sample (&measures[SEARCH_COMPUTE], t, computed);
          add_sample (&measures[SEARCH], t, painted);
          if (verbose)
            {
              g_autofree char *quoted = g_strdup_printf ("\"%s\"", text);

              g_print ("search %-12s %6.1f ms %6.1f ms (%6.1f ms making the frame) %5u rows\n",
                       quoted, (computed - t) / 1000.0, (painted - t) / 1000.0,
                       (painted - MAX (computed, started)) / 1000.0,
                       g_list_model_get_n_items (es_members_page_get_rows (members_page)));
            }
        }
    }

  /* Down the table a screen at a time, at a key's pace (Page Down held), then back up. */
  {
    GtkWidget *column_view = (GtkWidget *)gtk_widget_get_template_child (
        GTK_WIDGET (members_page), ES_TYPE_MEMBERS_PAGE, "column_view");
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));

    settle ();
    for (guint page = 0; page < SCROLL_PAGES; page++)
      {
        gint64 painted;

        t = g_get_monotonic_time ();
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                                  + gtk_adjustment_get_page_size (adjustment));
        painted = wait_painted (window, any_frame);
        /* The frame's own making: while the scroll bar fades in, frames come at the frame
         * clock's pace, and the rows wait for its next tick as for a screen's refresh. */
        add_sample (&measures[TABLE_SCROLL], MAX (t, last_frame_start_us), painted);
        if (verbose)
          g_print ("scroll %6.1f ms to the frame, %6.1f ms of it making it\n",
                   (painted - t) / 1000.0, (painted - MAX (t, last_frame_start_us)) / 1000.0);
        settle_until (t + KEYSTROKE_MS * 1000);
      }
    gtk_adjustment_set_value (adjustment, 0);
  }

  /* The pages again, once each was seen. */
  settle ();
  t = g_get_monotonic_time ();
  es_window_set_section (window, "pipeline");
  add_sample (&measures[BOARD_AGAIN], t, wait_painted (window, board_filled));
  settle ();
  t = g_get_monotonic_time ();
  es_window_set_section (window, "members");
  add_sample (&measures[TABLE_AGAIN], t, wait_painted (window, table_filled));

  /* A save, back on the board. */
  if (write)
    {
      gint64 id = first_member_in_contract (db);

      es_window_set_section (window, "pipeline");
      wait_painted (window, board_filled);
      settle ();
      t = g_get_monotonic_time ();
      save_interview (db, id);
      /* The list rereads what changed, then the board shows it. */
      while (!es_member_list_is_loading (es_member_list_get_for_db (db))
             && g_get_monotonic_time () - t < G_USEC_PER_SEC)
        g_main_context_iteration (NULL, FALSE);
      add_sample (&measures[SAVE_REFRESH], t, wait_painted (window, board_filled));
    }
  close_window (window);
  g_clear_object (&db);

  /* The table in a new window. */
  db = open_db (path);
  t = g_get_monotonic_time ();
  window = new_window (db, "members");
  {
    const ReadyFunc ready[] = { table_shown, table_filled };
    gint64 painted[G_N_ELEMENTS (ready)];

    wait_painted_each (window, ready, painted, G_N_ELEMENTS (ready));
    add_sample (&measures[TABLE_COLD], t, painted[0]);
    add_sample (&measures[TABLE_ALL], t, painted[1]);
  }
  close_window (window);
}

/* Results */

static gboolean
report (guint n_members, int rounds)
{
  gboolean all_ok = TRUE;

  g_print ("%u members, %d rounds, %s renderer\n", n_members, rounds,
           g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default");
  g_print ("%-14s %9s %9s %9s %9s  %s\n", "measure", "median", "p95", "max", "budget", "result");
  for (guint i = 0; i < N_MEASURES; i++)
    {
      Measure *m = &measures[i];
      double p95;
      gboolean ok;

      if (m->samples->len == 0)
        continue;
      es_samples_sort (m->samples);
      p95 = es_samples_percentile (m->samples, 0.95);
      ok = p95 <= m->budget_ms;
      all_ok = all_ok && ok;
      g_print ("%-14s %7.1fms %7.1fms %7.1fms %7.0fms  %-4s  %s\n", m->name,
               es_samples_percentile (m->samples, 0.5), p95,
               es_samples_percentile (m->samples, 1.0), m->budget_ms, ok ? "ok" : "OVER", m->what);
    }
  return all_ok;
}

int
main (int argc, char *argv[])
{
  const char *localedir = g_getenv ("ESSAIM_LOCALEDIR");
  g_autoptr (GOptionContext) context = g_option_context_new ("DATABASE");
  g_autoptr (GError) error = NULL;
  int rounds = 5;
  gboolean read_only = FALSE;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Repetitions (default 5)", "N" },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, &read_only, "Do not measure a save", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Print every keystroke's times", NULL },
    { NULL },
  };
  guint n_members;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_set_summary (context,
                                "Measure the window on a database (make one with `essaim-cli "
                                "--database big.db demo --members 12000`). Unless --read-only, "
                                "adds one interview per round.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || rounds < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: essaim-bench-ui DATABASE");
      return 2;
    }
  gtk_init ();

  app = es_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_COMMAND_LINE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < N_MEASURES; i++)
    measures[i].samples = g_array_new (FALSE, FALSE, sizeof (double));
  {
    g_autoptr (EsDb) db = open_db (argv[1]);
    n_members = es_member_store_count (db, NULL);
  }
  /* One round to warm the caches, not counted. */
  run_round (argv[1], FALSE);
  for (guint i = 0; i < N_MEASURES; i++)
    g_array_set_size (measures[i].samples, 0);
  for (int r = 0; r < rounds; r++)
    run_round (argv[1], !read_only);

  return report (n_members, rounds) ? 0 : 1;
}
