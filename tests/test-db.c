/* test-db.c — opening, refusing, migrating and backing up databases. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "es-cooperative-store.h"
#include "es-date.h"
#include "es-db.h"
#include "es-demo.h"
#include "es-member-store.h"
#include "es-pipeline.h"
#include "es-validate.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  f->dir = g_dir_make_tmp ("essaim-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "coop.db", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_chmod (p, 0600);
      g_unlink (p);
    }
  g_chmod (dir, 0700);
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

/* Opens path, expects code, and checks the file did not change by one byte. */
static void
assert_refused_unchanged (const char *path, EsDbOpenFlags flags, int code)
{
  g_autoptr (GBytes) before = read_bytes (path);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = es_db_open (path, flags, &error);

  g_assert_null (db);
  g_assert_error (error, ES_DB_ERROR, code);
  g_assert_nonnull (strstr (error->message, "coop.db"));
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
make_closed_db (const char *path, gboolean with_demo)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = es_db_open (path, ES_DB_OPEN_CREATE_NEW, &error);

  g_assert_no_error (error);
  if (with_demo)
    {
      EsDemoOptions options;
      es_demo_options_init (&options);
      options.n_members = 8;
      options.today = es_date_make (2026, 11, 24);
      g_assert_true (es_demo_generate (db, &options, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  /* Fold the write-ahead log into the file so that the file alone is the database. */
  g_assert_true (
      es_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE", &error));
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = es_db_open (f->path, ES_DB_OPEN_CREATE, &error);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_cmpint (es_db_get_schema_version (db), ==, es_db_get_latest_schema_version ());
  g_assert_cmpint (es_db_get_latest_schema_version (), >=, 2);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_null (es_db_get_migration_backup (db));
  g_clear_object (&db);

  /* CREATE_NEW never writes over a file. */
  db = es_db_open (f->path, ES_DB_OPEN_CREATE_NEW, &error);
  g_assert_null (db);
  g_assert_error (error, ES_DB_ERROR, ES_DB_ERROR_EXISTS);
  g_clear_error (&error);

  /* Opening again works and does not migrate. */
  db = es_db_open (f->path, ES_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (es_db_get_migration_backup (db));
}

static void
test_missing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = es_db_open (f->path, ES_DB_OPEN_DEFAULT, &error);
  g_autofree char *deep = g_build_filename (f->dir, "no", "such", "x.db", NULL);

  g_assert_null (db);
  g_assert_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  db = es_db_open (deep, ES_DB_OPEN_CREATE, &error);
  g_assert_null (db);
  g_assert_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_FOUND);
}

static void
test_empty_file (Fixture *f, gconstpointer data)
{
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  assert_refused_unchanged (f->path, ES_DB_OPEN_DEFAULT, ES_DB_ERROR_NOT_DATABASE);
  /* Not even CREATE turns an empty file into a database. */
  assert_refused_unchanged (f->path, ES_DB_OPEN_CREATE, ES_DB_ERROR_NOT_DATABASE);
}

static void
test_text_file (Fixture *f, gconstpointer data)
{
  const char *text = "Nom;Prénom\nDupont;Marie\n";
  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  assert_refused_unchanged (f->path, ES_DB_OPEN_DEFAULT, ES_DB_ERROR_NOT_DATABASE);
  assert_refused_unchanged (f->path, ES_DB_OPEN_READ_ONLY, ES_DB_ERROR_NOT_DATABASE);
}

static void
test_other_sqlite (Fixture *f, gconstpointer data)
{
  sqlite3 *raw;
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (raw, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==,
      SQLITE_OK);
  sqlite3_close (raw);
  assert_refused_unchanged (f->path, ES_DB_OPEN_DEFAULT, ES_DB_ERROR_NOT_DATABASE);
}

static void
test_newer (Fixture *f, gconstpointer data)
{
  sqlite3 *raw;

  make_closed_db (f->path, FALSE);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 999", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (raw);
  assert_refused_unchanged (f->path, ES_DB_OPEN_DEFAULT, ES_DB_ERROR_NEWER);
  assert_refused_unchanged (f->path, ES_DB_OPEN_READ_ONLY, ES_DB_ERROR_NEWER);
}

static void
test_truncated (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) whole = NULL;
  gsize len;
  const char *bytes;

  make_closed_db (f->path, TRUE);
  whole = read_bytes (f->path);
  bytes = g_bytes_get_data (whole, &len);
  g_assert_cmpuint (len, >, 8192);
  /* Cut in the middle of a page, then at a page boundary, then inside the header. */
  g_assert_true (g_file_set_contents (f->path, bytes, len / 2 + 100, NULL));
  assert_refused_unchanged (f->path, ES_DB_OPEN_DEFAULT, ES_DB_ERROR_CORRUPT);
  g_assert_true (g_file_set_contents (f->path, bytes, 4096, NULL));
  assert_refused_unchanged (f->path, ES_DB_OPEN_DEFAULT, ES_DB_ERROR_CORRUPT);
  g_assert_true (g_file_set_contents (f->path, bytes, 60, NULL));
  assert_refused_unchanged (f->path, ES_DB_OPEN_DEFAULT, ES_DB_ERROR_CORRUPT);
}

static void
test_corrupt (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) whole = NULL;
  g_autofree char *copy = NULL;
  gsize len;

  make_closed_db (f->path, TRUE);
  whole = read_bytes (f->path);
  copy = g_memdup2 (g_bytes_get_data (whole, &len), g_bytes_get_size (whole));
  /* Scribble over the second and third pages (the first tables' b-trees). */
  for (gsize i = 4096; i < MIN (len, 3 * 4096); i++)
    copy[i] = (char)(i * 7 + 3);
  g_assert_true (g_file_set_contents (f->path, copy, len, NULL));
  assert_refused_unchanged (f->path, ES_DB_OPEN_DEFAULT, ES_DB_ERROR_CORRUPT);
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  sqlite3 *raw;

  make_closed_db (f->path, FALSE);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  assert_refused_unchanged (f->path, ES_DB_OPEN_DEFAULT, ES_DB_ERROR_LOCKED);
  sqlite3_exec (raw, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (raw);
}

static void
test_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = NULL;

  make_closed_db (f->path, TRUE);
  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  assert_refused_unchanged (f->path, ES_DB_OPEN_DEFAULT, ES_DB_ERROR_READ_ONLY);

  /* Asked for read-only, it opens, and refuses to write. */
  db = es_db_open (f->path, ES_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (es_db_is_read_only (db));
  g_assert_cmpuint (es_member_store_count (db, &error), ==, 8);
  g_assert_false (es_db_begin (db, &error));
  g_assert_error (error, ES_DB_ERROR, ES_DB_ERROR_READ_ONLY);
}

/* A demo cooperative of n members at today, through the store like any other. */
static void
generate_demo (EsDb *db, const GDate *today, guint n)
{
  g_autoptr (GError) error = NULL;
  EsDemoOptions options;

  es_demo_options_init (&options);
  options.n_members = n;
  options.today = *today;
  g_assert_true (es_demo_generate (db, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Every member as listed (from the kept states where up to date) says what it says alone
 * (derived from its history). */
static void
assert_list_is_history (EsDb *db, const GDate *today, guint n_members)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) members = es_member_store_list_sorted (db, today, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, n_members);
  for (guint i = 0; i < members->len; i++)
    {
      EsMember *listed = g_ptr_array_index (members, i);
      g_autoptr (EsMember) alone = es_member_store_get (db, listed->id, today, &error);

      g_assert_no_error (error);
      g_assert_true (es_pipeline_state_equal (&listed->state, &alone->state));
      g_assert_cmpint (listed->has_deadline, ==, alone->has_deadline);
      if (listed->has_deadline)
        {
          g_assert_cmpint (listed->deadline.kind, ==, alone->deadline.kind);
          g_assert_cmpint (es_date_compare (&listed->deadline.date, &alone->deadline.date), ==, 0);
          g_assert_cmpint (listed->deadline.days_left, ==, alone->deadline.days_left);
        }
    }
}

static gint64
query_int (const char *path, const char *sql)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return value;
}

/* The text of the first row's first column. */
static char *
query_text (const char *path, const char *sql)
{
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return value;
}

static void
exec_raw (const char *path, const char *sql)
{
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

#define KEPT_STATES                                                                                \
  "SELECT count(*) FROM member_state WHERE rules = " G_STRINGIFY (ES_PIPELINE_RULES_VERSION)

static void
test_migration (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = NULL;
  g_autoptr (EsDb) old = NULL;
  g_autoptr (GArray) found = NULL;
  sqlite3 *raw;
  const char *backup;
  GDate today = es_date_make (2026, 11, 24);

  g_assert_true (es_db_create_at_version (f->path, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw,
                                 "INSERT INTO member (first_name, last_name, trade_name) "
                                 "VALUES ('Élodie', 'Mercier', 'Atelier Mercier')",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (raw);

  db = es_db_open (f->path, ES_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (es_db_get_schema_version (db), ==, es_db_get_latest_schema_version ());
  backup = es_db_get_migration_backup (db);
  g_assert_nonnull (backup);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));

  /* The member came through, and the new search index knows her, accents folded. */
  g_assert_cmpuint (es_member_store_count (db, &error), ==, 1);
  found = es_member_store_search (db, "elod merc", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* Her state, derived from her (empty) history, is kept from the first list on. */
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM member_state"), ==, 0);
  assert_list_is_history (db, &today, 1);
  g_assert_cmpint (query_int (f->path, KEPT_STATES), ==, 1);

  /* Her sort key, made by the migration, is the one the store writes with a name. */
  {
    g_autofree char *key = es_member_make_sort_key ("Mercier", "Élodie");
    g_autofree char *renamed_key = es_member_make_sort_key ("Mercier-Duval", "Élodie");
    g_autoptr (GPtrArray) members = es_member_store_list_sorted (db, &today, &error);
    EsMember *member = g_ptr_array_index (members, 0);

    g_autofree char *stored = query_text (f->path, "SELECT sort_key FROM member");
    g_autofree char *stored_renamed = NULL;

    g_assert_cmpstr (stored, ==, key);
    g_assert_cmpstr (es_member_get_sort_key (member), ==, key);
    g_free (member->last_name);
    member->last_name = g_strdup ("Mercier-Duval");
    g_assert_true (es_member_store_update (db, member, &error));
    g_assert_no_error (error);
    stored_renamed = query_text (f->path, "SELECT sort_key FROM member");
    g_assert_cmpstr (stored_renamed, ==, renamed_key);
    g_assert_cmpstr (es_member_get_sort_key (member), ==, renamed_key);
    member->last_name[strlen ("Mercier")] = '\0';
    g_assert_true (es_member_store_update (db, member, &error));

    /* Written by another program without one: it gets one when the file is next opened. */
    exec_raw (f->path, "UPDATE member SET sort_key = ''");
    g_assert_cmpint (es_member_store_keep_states (db, &error), ==, 0);
    g_assert_no_error (error);
    g_free (stored);
    stored = query_text (f->path, "SELECT sort_key FROM member");
    g_assert_cmpstr (stored, ==, key);
  }

  /* The backup is the database as it was: format 1, same member. */
  old = es_db_open (backup, ES_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (es_db_get_schema_version (old), ==, 1);
}

static void
count_changes (EsDb *db, const char *table, gpointer user_data)
{
  GPtrArray *seen = user_data;
  g_ptr_array_add (seen, g_strdup (table));
}

static void
test_transactions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = es_db_open_memory (&error);
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (EsMember) m = es_member_new ();

  g_assert_no_error (error);
  g_signal_connect (db, "changed::member", G_CALLBACK (count_changes), seen);

  g_free (m->first_name);
  m->first_name = g_strdup ("Inès");
  g_free (m->last_name);
  m->last_name = g_strdup ("Garcia");

  /* A rolled-back outer transaction leaves nothing and says nothing. */
  g_assert_true (es_db_begin (db, &error));
  g_assert_cmpint (es_member_store_insert (db, m, &error), >, 0);
  g_assert_cmpuint (seen->len, ==, 0);
  es_db_rollback (db);
  g_assert_cmpuint (es_member_store_count (db, &error), ==, 0);
  g_assert_cmpuint (seen->len, ==, 0);

  /* Committed: one signal, after the commit. */
  m->id = 0;
  g_assert_true (es_db_begin (db, &error));
  g_assert_cmpint (es_member_store_insert (db, m, &error), >, 0);
  g_assert_cmpuint (seen->len, ==, 0);
  g_assert_true (es_db_commit (db, &error));
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "member");
  g_assert_cmpuint (es_member_store_count (db, &error), ==, 1);
}

static void
test_invalid_member_not_written (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = es_db_open_memory (&error);
  g_autoptr (EsMember) m = es_member_new ();

  g_free (m->first_name);
  m->first_name = g_strdup ("Paul");
  g_free (m->last_name);
  m->last_name = g_strdup ("Roux");
  m->nir = g_strdup ("1 84 12 76 451 089 47");
  g_assert_cmpint (es_member_store_insert (db, m, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, ES_VALIDATION_ERROR);
  g_assert_nonnull (strstr (error->message, "key"));
  g_assert_cmpuint (es_member_store_count (db, NULL), ==, 0);
}

static void
test_cooperative (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = es_db_open_memory (&error);
  g_autoptr (EsCooperative) coop = es_cooperative_store_load (db, &error);
  g_autoptr (EsCooperative) again = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_free (coop->legal_name);
  coop->legal_name = g_strdup ("Coopérative Test");
  g_free (coop->siret);
  coop->siret = g_strdup ("732 829 320 00075"); /* wrong key */
  g_assert_false (es_cooperative_store_save (db, coop, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (error->domain, ==, ES_VALIDATION_ERROR);
  g_assert_nonnull (strstr (error->message, "SIRET"));
  g_clear_error (&error);
  again = es_cooperative_store_load (db, &error);
  g_assert_cmpstr (again->legal_name, ==, "");

  g_free (coop->siret);
  coop->siret = g_strdup ("732 829 320 00074");
  g_free (coop->siren);
  coop->siren = g_strdup ("732829320");
  g_assert_true (es_cooperative_store_save (db, coop, &error));
  g_assert_no_error (error);
  es_cooperative_free (g_steal_pointer (&again));
  again = es_cooperative_store_load (db, &error);
  g_assert_cmpstr (again->legal_name, ==, "Coopérative Test");
  g_assert_cmpstr (again->siret, ==, "73282932000074");

  /* The journal chain holds; a forged entry breaks it. */
  g_assert_true (es_db_check (db, problems, &error));
  g_assert_true (es_db_exec (db,
                             "DROP TRIGGER journal_no_update; "
                             "UPDATE journal SET payload = '{}' WHERE id = 1",
                             &error));
  g_assert_false (es_db_check (db, problems, &error));
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_backup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = NULL;
  g_autoptr (EsDb) copy = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copie.db", NULL);
  GStatBuf st;

  make_closed_db (f->path, TRUE);
  db = es_db_open (f->path, ES_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (es_db_backup_to (db, dest, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_false (es_db_backup_to (db, dest, FALSE, &error));
  g_assert_error (error, ES_DB_ERROR, ES_DB_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (es_db_backup_to (db, f->path, TRUE, &error));
  g_assert_error (error, ES_DB_ERROR, ES_DB_ERROR_EXISTS);
  g_clear_error (&error);

  copy = es_db_open (dest, ES_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (es_member_store_count (copy, &error), ==, 8);
}

/* The whole list is read in one scan of each table, a member's page one member at a time:
 * both must derive the same stage and deadline, corrections and cancellations included,
 * whatever order the events were recorded in. */
static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;
  return x < y ? -1 : x > y;
}

static void
test_list_matches_get (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = es_db_open (f->path, ES_DB_OPEN_CREATE_NEW, &error);
  g_autoptr (GPtrArray) members = NULL;
  GDate today = es_date_make (2026, 11, 24);
  guint corrected = 0, cancelled = 0;

  g_assert_no_error (error);
  generate_demo (db, &today, 120);

  /* Recorded last, dated first: a correction of some members' first event a day earlier,
   * and a cancellation of others' last one. */
  members = es_member_store_list_sorted (db, &today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < members->len; i += 7)
    {
      EsMember *member = g_ptr_array_index (members, i);
      g_autoptr (GPtrArray) events = es_member_store_events (db, member->id, &error);
      EsCareerEvent *first, *last;
      EsCareerEvent *change;

      g_assert_no_error (error);
      if (events->len < 2)
        continue;
      first = g_ptr_array_index (events, 0);
      last = g_ptr_array_index (events, events->len - 1);
      if (i % 2 == 0)
        {
          change = es_career_event_copy (first);
          change->id = 0;
          change->corrects_id = first->id;
          change->date = es_date_add_days (&first->date, -1);
          corrected += es_member_store_add_event (db, change, &today, NULL) > 0;
        }
      else
        {
          change = es_career_event_new (ES_EVENT_CANCELLATION, &today);
          change->member_id = member->id;
          change->corrects_id = last->id;
          change->reason = g_strdup ("Saisie en double");
          cancelled += es_member_store_add_event (db, change, &today, NULL) > 0;
        }
      es_career_event_free (change);
    }
  g_assert_cmpuint (corrected, >, 0);
  g_assert_cmpuint (cancelled, >, 0);

  assert_list_is_history (db, &today, 120);
  g_clear_pointer (&members, g_ptr_array_unref);
  members = es_member_store_list_sorted (db, &today, &error);
  g_assert_no_error (error);

  /* The table's search finds the same members as the ranked one, in its own order. */
  for (guint i = 0; i < members->len; i += 11)
    {
      EsMember *member = g_ptr_array_index (members, i);
      g_autofree char *prefix = g_utf8_substring (member->last_name, 0, 2);
      g_autoptr (GArray) ranked = es_member_store_search (db, prefix, 0, &error);
      g_autoptr (GArray) set = es_member_store_search_set (db, prefix, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (set->len, >, 0);
      g_array_sort (ranked, compare_ids);
      g_array_sort (set, compare_ids);
      g_assert_cmpmem (ranked->data, ranked->len * sizeof (gint64), set->data,
                       set->len * sizeof (gint64));
    }
}

/* The states kept beside the history (member_state) are written with it, trusted only when
 * up to date, derived again otherwise (whether many or few are missing), and kept again
 * when the database may be written. */
static void
test_member_state (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = es_db_open (f->path, ES_DB_OPEN_CREATE_NEW, &error);
  g_autoptr (EsDb) read_only = NULL;
  g_autoptr (EsInterview) interview = es_interview_new ();
  g_autoptr (EsMember) before = NULL;
  g_autoptr (EsMember) after = NULL;
  GDate today = es_date_make (2026, 11, 24);
  gint64 in_contract;

  g_assert_no_error (error);
  generate_demo (db, &today, 120);

  /* Every write kept its member's state. */
  g_assert_cmpint (query_int (f->path, KEPT_STATES), ==, 120);
  assert_list_is_history (db, &today, 120);

  /* Rows of older rules, of no known stage, or none at all: many (one scan of the
   * history), then a few (one member at a time). A read-only connection derives them and
   * leaves them; a writable one keeps them again. */
  for (guint round = 0; round < 2; round++)
    {
      exec_raw (f->path, round == 0 ? "UPDATE member_state SET rules = 0 WHERE member_id % 3 = 0;"
                                      "UPDATE member_state SET stage = 99 WHERE member_id % 3 = 1;"
                                      "UPDATE member_state SET state = zeroblob (3) WHERE "
                                      "member_id % 5 = 2;"
                                      "DELETE FROM member_state WHERE member_id % 7 = 2"
                                    : "UPDATE member_state SET rules = rules + 1 WHERE member_id "
                                      "% 40 = 0; DELETE FROM member_state WHERE member_id = 7");
      read_only = es_db_open (f->path, ES_DB_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      assert_list_is_history (read_only, &today, 120);
      g_assert_cmpint (query_int (f->path, KEPT_STATES), <, 120);
      g_clear_object (&read_only);

      assert_list_is_history (db, &today, 120);
      g_assert_cmpint (query_int (f->path, KEPT_STATES), ==, 120);
      g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM member_state"), ==, 120);
    }

  /* Kept again on purpose, as the application does after opening a file: once. */
  exec_raw (f->path, "UPDATE member_state SET rules = 0 WHERE member_id % 4 = 0;"
                     "UPDATE member_state SET exit_reason = 99 WHERE member_id = 5;"
                     "UPDATE member_state SET state = x'00' WHERE member_id = 6");
  read_only = es_db_open (f->path, ES_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (es_member_store_keep_states (read_only, &error), ==, 32);
  g_assert_no_error (error);
  g_clear_object (&read_only);
  g_assert_cmpint (query_int (f->path, KEPT_STATES), ==, 90);
  g_assert_cmpint (es_member_store_keep_states (db, &error), ==, 32);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, KEPT_STATES), ==, 120);
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM member_state WHERE exit_reason = 99 "
                                       "OR length (state) = 1"),
                   ==, 0);
  g_assert_cmpint (es_member_store_keep_states (db, &error), ==, 0);
  assert_list_is_history (db, &today, 120);

  /* An interview moves the interview deadline of a member in contract. */
  in_contract = query_int (f->path, "SELECT member_id FROM member_state WHERE stage = 2 "
                                    "ORDER BY member_id LIMIT 1");
  g_assert_cmpint (in_contract, >, 0);
  before = es_member_store_get (db, in_contract, &today, &error);
  g_assert_no_error (error);
  interview->member_id = in_contract;
  interview->date = today;
  interview->kind = ES_INTERVIEW_INDIVIDUAL;
  g_free (interview->summary);
  interview->summary = g_strdup ("Point sur le chiffre d'affaires");
  g_assert_cmpint (es_interview_store_add (db, interview, &today, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->path, KEPT_STATES), ==, 120);
  /* Neither a summary that shows nothing, nor a year typed wrong. */
  {
    g_autoptr (EsInterview) blank = es_interview_copy (interview);
    g_autoptr (EsInterview) old = es_interview_copy (interview);

    g_free (blank->summary);
    blank->summary = g_strdup ("\u00a0\u200b");
    g_assert_cmpint (es_interview_store_add (db, blank, &today, &error), ==, 0);
    g_assert_nonnull (strstr (error->message, "summary"));
    g_clear_error (&error);
    g_date_set_dmy (&old->date, 31, G_DATE_DECEMBER, 1989);
    g_assert_cmpint (es_interview_store_add (db, old, &today, &error), ==, 0);
    g_assert_nonnull (strstr (error->message, "Check the year"));
    g_clear_error (&error);
  }
  assert_list_is_history (db, &today, 120);

  /* Whoever writes to the history, the triggers drop the state it changes. */
  exec_raw (f->path, "INSERT INTO interview (member_id, date) SELECT member_id, '2026-11-20' "
                     "FROM member_state WHERE stage = 2");
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM member_state WHERE stage = 2"), ==, 0);
  assert_list_is_history (db, &today, 120);
  after = es_member_store_get (db, in_contract, &today, &error);
  g_assert_no_error (error);
  g_assert_true (es_pipeline_state_equal (&before->state, &after->state));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/db/create", test_create);
  ADD ("/db/missing", test_missing);
  ADD ("/db/refuse/empty-file", test_empty_file);
  ADD ("/db/refuse/text-file", test_text_file);
  ADD ("/db/refuse/other-sqlite", test_other_sqlite);
  ADD ("/db/refuse/newer", test_newer);
  ADD ("/db/refuse/truncated", test_truncated);
  ADD ("/db/refuse/corrupt", test_corrupt);
  ADD ("/db/refuse/locked", test_locked);
  ADD ("/db/refuse/read-only", test_read_only);
  ADD ("/db/migration", test_migration);
  ADD ("/db/transactions", test_transactions);
  ADD ("/db/invalid-member-not-written", test_invalid_member_not_written);
  ADD ("/db/cooperative", test_cooperative);
  ADD ("/db/backup", test_backup);
  ADD ("/db/list-matches-get", test_list_matches_get);
  ADD ("/db/member-state", test_member_state);
#undef ADD

  return g_test_run ();
}
