/* es-db.c — opening, checking, migrating and backing up an Essaim database. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "es-core-resources.h"
#include "es-db.h"
#include "es-member.h"

#define SQL_RESOURCE_DIR "/coop/essaim/Essaim/sql/"
#define BUSY_TIMEOUT_MS 2000
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

struct _EsDb
{
  GObject parent_instance;

  sqlite3 *handle;
  char *path;
  char *display_name;
  char *migration_backup;
  GHashTable *statements; /* sql → sqlite3_stmt* */
  GPtrArray *pending;     /* tables changed in the open transaction */
  guint depth;
  gboolean read_only;
};

G_DEFINE_TYPE (EsDb, es_db, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

GQuark
es_db_error_quark (void)
{
  return g_quark_from_static_string ("es-db-error-quark");
}

typedef struct
{
  int version;
  char *name;
} Migration;

static void
migration_free (gpointer data)
{
  Migration *m = data;
  g_free (m->name);
  g_free (m);
}

static int
migration_compare (gconstpointer a, gconstpointer b)
{
  const Migration *ma = *(Migration *const *)a;
  const Migration *mb = *(Migration *const *)b;
  return ma->version - mb->version;
}

/* The migrations compiled into the binary, sorted by version. */
static GPtrArray *
list_migrations (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (migration_free);
  g_auto (GStrv) names = g_resource_enumerate_children (es_core_get_resource (), SQL_RESOURCE_DIR,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Migration *m;
      guint64 version;
      char *end = NULL;

      version = g_ascii_strtoull (names[i], &end, 10);
      if (end == names[i] || version == 0 || !g_str_has_suffix (names[i], ".sql"))
        continue;
      m = g_new0 (Migration, 1);
      m->version = (int)version;
      m->name = g_strdup (names[i]);
      g_ptr_array_add (list, m);
    }
  g_ptr_array_sort (list, migration_compare);
  return list;
}

int
es_db_get_latest_schema_version (void)
{
  g_autoptr (GPtrArray) list = list_migrations ();
  if (list->len == 0)
    return 0;
  return ((Migration *)g_ptr_array_index (list, list->len - 1))->version;
}

static void
es_db_finalize (GObject *object)
{
  EsDb *self = ES_DB (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self->migration_backup);

  G_OBJECT_CLASS (es_db_parent_class)->finalize (object);
}

static void
es_db_class_init (EsDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = es_db_finalize;

  /**
   * EsDb::changed:
   * @table: the table whose rows changed; also the signal's detail
   *
   * Emitted after a change is committed, so that open pages can refresh.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
es_db_init (EsDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->pending = g_ptr_array_new_with_free_func (g_free);
}

/* Error mapping */

static EsDbError
code_for_rc (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return ES_DB_ERROR_NOT_DATABASE;
    case SQLITE_CORRUPT:
      return ES_DB_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ES_DB_ERROR_LOCKED;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return ES_DB_ERROR_READ_ONLY;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
      return ES_DB_ERROR_IO;
    case SQLITE_CONSTRAINT:
      return ES_DB_ERROR_CONSTRAINT;
    default:
      return ES_DB_ERROR_FAILED;
    }
}

static void
set_error_for_rc (GError **error, const char *display_name, int rc, const char *detail)
{
  EsDbError code = code_for_rc (rc);

  switch (code)
    {
    case ES_DB_ERROR_NOT_DATABASE:
      g_set_error (error, ES_DB_ERROR, code,
                   _ ("“%s” is not an Essaim database: it is not a database file at all."),
                   display_name);
      break;
    case ES_DB_ERROR_CORRUPT:
      g_set_error (error, ES_DB_ERROR, code,
                   _ ("“%s” is damaged and cannot be read safely. Open a backup copy instead."),
                   display_name);
      break;
    case ES_DB_ERROR_LOCKED:
      g_set_error (error, ES_DB_ERROR, code,
                   _ ("“%s” is in use by another program. Close it there, then try again."),
                   display_name);
      break;
    case ES_DB_ERROR_READ_ONLY:
      g_set_error (error, ES_DB_ERROR, code,
                   _ ("“%s” cannot be written: the file or its folder is read-only. Copy it to a "
                      "folder where you can write."),
                   display_name);
      break;
    case ES_DB_ERROR_IO:
      g_set_error (error, ES_DB_ERROR, code,
                   _ ("The disk refused to read or write “%s” (%s). Check that the disk is not "
                      "full or removed."),
                   display_name, detail ? detail : sqlite3_errstr (rc));
      break;
    case ES_DB_ERROR_CONSTRAINT:
      g_set_error (error, ES_DB_ERROR, code,
                   _ ("The change was refused by a rule of the database: %s"),
                   detail ? detail : sqlite3_errstr (rc));
      break;
    case ES_DB_ERROR_NOT_FOUND:
    case ES_DB_ERROR_EXISTS:
    case ES_DB_ERROR_NEWER:
    case ES_DB_ERROR_FAILED:
    default:
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_FAILED, _ ("Database error in “%s”: %s"),
                   display_name, detail ? detail : sqlite3_errstr (rc));
      break;
    }
}

void
es_db_set_error (EsDb *self, int rc, GError **error)
{
  set_error_for_rc (error, self->display_name, rc, sqlite3_errmsg (self->handle));
}

/* Statements */

sqlite3_stmt *
es_db_prepare (EsDb *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (ES_IS_DB (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      es_db_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

int
es_db_step (EsDb *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  es_db_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return -1;
}

gboolean
es_db_exec (EsDb *self, const char *sql, GError **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->handle, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, self->display_name, rc, message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Transactions and the change signal */

gboolean
es_db_begin (EsDb *self, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (ES_IS_DB (self), FALSE);

  if (self->read_only)
    {
      set_error_for_rc (error, self->display_name, SQLITE_READONLY, NULL);
      return FALSE;
    }
  if (self->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT es_%u", self->depth);
  if (!es_db_exec (self, sql, error))
    return FALSE;
  self->depth++;
  return TRUE;
}

static void
emit_pending (EsDb *self)
{
  g_autoptr (GPtrArray) tables = g_steal_pointer (&self->pending);

  self->pending = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
    }
}

gboolean
es_db_commit (EsDb *self, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (ES_IS_DB (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE es_%u", self->depth - 1);
  if (!es_db_exec (self, sql, error))
    {
      es_db_rollback (self);
      return FALSE;
    }
  self->depth--;
  if (self->depth == 0)
    emit_pending (self);
  return TRUE;
}

void
es_db_rollback (EsDb *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (ES_IS_DB (self));
  if (self->depth == 0)
    return;

  if (self->depth == 1)
    {
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      g_ptr_array_set_size (self->pending, 0);
    }
  else
    {
      sql = g_strdup_printf ("ROLLBACK TO es_%u; RELEASE es_%u", self->depth - 1, self->depth - 1);
      sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
    }
  self->depth--;
}

void
es_db_notify_changed (EsDb *self, const char *table)
{
  g_return_if_fail (ES_IS_DB (self));
  g_return_if_fail (table != NULL);

  if (self->depth == 0)
    {
      g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
      return;
    }
  for (guint i = 0; i < self->pending->len; i++)
    if (g_str_equal (g_ptr_array_index (self->pending, i), table))
      return;
  g_ptr_array_add (self->pending, g_strdup (table));
}

/* Accessors */

const char *
es_db_get_path (EsDb *self)
{
  g_return_val_if_fail (ES_IS_DB (self), NULL);
  return self->path;
}

sqlite3 *
es_db_get_handle (EsDb *self)
{
  g_return_val_if_fail (ES_IS_DB (self), NULL);
  return self->handle;
}

gboolean
es_db_is_read_only (EsDb *self)
{
  g_return_val_if_fail (ES_IS_DB (self), TRUE);
  return self->read_only;
}

const char *
es_db_get_migration_backup (EsDb *self)
{
  g_return_val_if_fail (ES_IS_DB (self), NULL);
  return self->migration_backup;
}

static gint64
pragma_int (EsDb *self, const char *pragma, int *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, pragma, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  if (rc_out != NULL)
    *rc_out = rc;
  return value;
}

int
es_db_get_schema_version (EsDb *self)
{
  g_return_val_if_fail (ES_IS_DB (self), 0);
  return (int)pragma_int (self, "PRAGMA user_version", NULL);
}

/* Reading the file before SQLite touches it */

static guint32
be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

/* Looks at the 100-byte header: tells an empty file, a foreign file, a truncated one, another
 * program's database and a newer Essaim apart without opening it with SQLite. */
static gboolean
check_header (const char *path, const char *display_name, GError **error)
{
  static const char magic[16] = "SQLite format 3";
  guint8 header[100];
  GStatBuf st;
  g_autofree char *wal = NULL;
  ssize_t n;
  int fd;
  guint32 page_size, page_count, app_id, user_version;

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_FOUND, _ ("There is no file at “%s”."),
                   path);
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_DATABASE,
                   _ ("“%s” is a folder, not an Essaim database."), display_name);
      return FALSE;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_DATABASE,
                   _ ("“%s” is an empty file, not an Essaim database."), display_name);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ES_DB_ERROR, saved == EACCES ? ES_DB_ERROR_READ_ONLY : ES_DB_ERROR_IO,
                   _ ("“%s” cannot be read: %s."), display_name, g_strerror (saved));
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n < (ssize_t)sizeof magic || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_DATABASE,
                   _ ("“%s” is not an Essaim database: it is not a database file at all."),
                   display_name);
      return FALSE;
    }
  if (n < (ssize_t)sizeof header)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_CORRUPT,
                   _ ("“%s” is truncated: the file ends before its first page. Open a backup "
                      "copy instead."),
                   display_name);
      return FALSE;
    }

  page_size = ((guint32)header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = be32 (header + 28);
  user_version = be32 (header + 60);
  app_id = be32 (header + 68);

  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_CORRUPT,
                   _ ("“%s” is damaged and cannot be read safely. Open a backup copy instead."),
                   display_name);
      return FALSE;
    }
  if (app_id != ES_DB_APPLICATION_ID)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_DATABASE,
                   _ ("“%s” is a database made by another program, not by Essaim."), display_name);
      return FALSE;
    }
  if ((int)user_version > es_db_get_latest_schema_version ())
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NEWER,
                   _ ("“%s” was made by a newer version of Essaim (format %d; this version reads "
                      "formats up to %d). Update Essaim to open it."),
                   display_name, (int)user_version, es_db_get_latest_schema_version ());
      return FALSE;
    }

  /* With no write-ahead log beside it, the file must hold every page its header counts. */
  wal = g_strconcat (path, "-wal", NULL);
  if (be32 (header + 92) == be32 (header + 24) && !g_file_test (wal, G_FILE_TEST_EXISTS)
      && ((guint64)st.st_size < (guint64)page_size * page_count
          || (guint64)st.st_size % page_size != 0))
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_CORRUPT,
                   _ ("“%s” is truncated: it is shorter than its own header says. Open a backup "
                      "copy instead."),
                   display_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_writable (const char *path)
{
  GStatBuf st;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_stat (path, &st) != 0)
    return FALSE;
  /* root passes access(2) on anything: look at the mode bits too. */
  if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return FALSE;
  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

/* Migrations and backups */

static gboolean
apply_migrations (EsDb *self, int from, int to, GError **error)
{
  g_autoptr (GPtrArray) list = list_migrations ();

  if (!es_db_begin (self, error))
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      Migration *m = g_ptr_array_index (list, i);
      g_autofree char *resource = NULL;
      g_autofree char *set_version = NULL;
      g_autoptr (GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      gsize len;

      if (m->version <= from || m->version > to)
        continue;
      resource = g_strconcat (SQL_RESOURCE_DIR, m->name, NULL);
      bytes = g_resource_lookup_data (es_core_get_resource (), resource,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes == NULL)
        continue;
      sql = g_strndup (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
      set_version = g_strdup_printf ("PRAGMA user_version = %d", m->version);
      if (!es_db_exec (self, sql, error) || !es_db_exec (self, set_version, error))
        {
          es_db_rollback (self);
          g_prefix_error (error, _ ("Could not bring the database to format %d: "), m->version);
          return FALSE;
        }
    }
  return es_db_commit (self, error);
}

static gboolean
backup_handle (sqlite3 *source, const char *display_name, const char *dest, gboolean overwrite,
               GError **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *base = g_path_get_basename (dest);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int fd, rc;

  if (!overwrite && g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_EXISTS,
                   _ ("“%s” already exists: choose another name."), dest);
      return FALSE;
    }
  fd = g_mkstemp_full (tmpl, O_RDWR, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_IO, _ ("Cannot write in “%s”: %s."), dir,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmpl, &target, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (target);
      else
        {
          do
            {
              rc = sqlite3_backup_step (backup, -1);
              if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                sqlite3_sleep (50);
            }
          while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
    }
  /* A copy is a single file: keep it out of WAL mode. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close_v2 (target);

  if (rc != SQLITE_OK)
    {
      g_unlink (tmpl);
      set_error_for_rc (error, display_name, rc, sqlite3_errstr (rc));
      g_prefix_error (error, _ ("The copy could not be made: "));
      return FALSE;
    }
  if (g_rename (tmpl, dest) != 0)
    {
      int saved = errno;
      g_unlink (tmpl);
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_IO, _ ("Cannot write “%s”: %s."), dest,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
es_db_backup_to (EsDb *self, const char *dest, gboolean overwrite, GError **error)
{
  g_return_val_if_fail (ES_IS_DB (self), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  if (self->path != NULL)
    {
      g_autoptr (GFile) a = g_file_new_for_path (self->path);
      g_autoptr (GFile) b = g_file_new_for_path (dest);
      if (g_file_equal (a, b))
        {
          g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_EXISTS,
                       _ ("A copy cannot replace the database it is made from."));
          return FALSE;
        }
    }
  return backup_handle (self->handle, self->display_name, dest, overwrite, error);
}

/* Opening */

/* A connection is only ever used by one thread at a time (a worker opens its own), so
 * SQLite need not lock it around every call: that halves the cost of reading a row. */
#define OPEN_THREADING SQLITE_OPEN_NOMUTEX

static EsDb *
db_new (const char *path)
{
  EsDb *self = g_object_new (ES_TYPE_DB, NULL);

  self->path = g_strdup (path);
  self->display_name = path ? g_filename_display_basename (path) : g_strdup (":memory:");
  return self;
}

/* es_sort_key (last_name, first_name): es_member_make_sort_key(), for the migration that
 * gave every member its key. */
static void
sort_key_function (sqlite3_context *context, int argc, sqlite3_value **argv)
{
  char *key = es_member_make_sort_key ((const char *)sqlite3_value_text (argv[0]),
                                       (const char *)sqlite3_value_text (argv[1]));

  sqlite3_result_text (context, key, -1, g_free);
}

static gboolean
configure_connection (EsDb *self, GError **error)
{
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, BUSY_TIMEOUT_MS);
  sqlite3_create_function_v2 (self->handle, "es_sort_key", 2,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                              sort_key_function, NULL, NULL, NULL);
  /* Reads straight from the page cache instead of copying every page. */
  return es_db_exec (self, "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 1073741824", error);
}

static gboolean
quick_check (EsDb *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *first = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA quick_check", -1, &stmt, NULL);
  while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *)sqlite3_column_text (stmt, 0);
      if (first == NULL && g_strcmp0 (line, "ok") != 0)
        first = g_strdup (line);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      set_error_for_rc (error, self->display_name, rc, sqlite3_errstr (rc));
      return FALSE;
    }
  if (first != NULL)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_CORRUPT,
                   _ ("“%s” is damaged and cannot be read safely. Open a backup copy instead."),
                   self->display_name);
      return FALSE;
    }
  return TRUE;
}

/* Opens an existing file: every check before the first write. */
static EsDb *
open_existing (const char *path, EsDbOpenFlags flags, GError **error)
{
  g_autoptr (EsDb) self = db_new (path);
  gboolean read_only = (flags & ES_DB_OPEN_READ_ONLY) != 0;
  int rc, version, latest;
  gint64 app_id;

  if (!check_header (path, self->display_name, error))
    return NULL;
  if (!read_only && !is_writable (path))
    {
      set_error_for_rc (error, self->display_name, SQLITE_READONLY, NULL);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->handle,
                        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | OPEN_THREADING,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, self->display_name, rc, sqlite3_errstr (rc));
      return NULL;
    }
  self->read_only = read_only;
  if (!configure_connection (self, error)
      || ((flags & ES_DB_OPEN_CHECKED) == 0 && !quick_check (self, error)))
    return NULL;

  app_id = pragma_int (self, "PRAGMA application_id", &rc);
  if (rc != SQLITE_OK)
    {
      es_db_set_error (self, rc, error);
      return NULL;
    }
  if (app_id != ES_DB_APPLICATION_ID)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_DATABASE,
                   _ ("“%s” is a database made by another program, not by Essaim."),
                   self->display_name);
      return NULL;
    }
  version = es_db_get_schema_version (self);
  latest = es_db_get_latest_schema_version ();
  if (version > latest)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NEWER,
                   _ ("“%s” was made by a newer version of Essaim (format %d; this version reads "
                      "formats up to %d). Update Essaim to open it."),
                   self->display_name, version, latest);
      return NULL;
    }

  if (read_only)
    return g_steal_pointer (&self);

  /* Another program holding a write lock shows here, before anything is written. */
  rc = sqlite3_exec (self->handle, "BEGIN IMMEDIATE; ROLLBACK", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
      set_error_for_rc (error, self->display_name, rc, sqlite3_errstr (rc));
      return NULL;
    }

  if (version < latest)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *dest = g_strdup_printf ("%s.format%d-%s.bak", path, version, stamp);

      if (!backup_handle (self->handle, self->display_name, dest, FALSE, error))
        {
          g_prefix_error (error, _ ("Essaim copies a database before updating it. "));
          return NULL;
        }
      self->migration_backup = g_steal_pointer (&dest);
    }

  if (!es_db_exec (self, "PRAGMA journal_mode = WAL", error)
      || !es_db_exec (self, "PRAGMA synchronous = FULL", error))
    return NULL;
  if (version < latest && !apply_migrations (self, version, latest, error))
    return NULL;
  return g_steal_pointer (&self);
}

static EsDb *
create_new (const char *path, int version, GError **error)
{
  g_autoptr (EsDb) self = db_new (path);
  g_autofree char *set_id = NULL;
  int fd, rc;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    {
      int saved = errno;
      if (saved == EEXIST)
        g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_EXISTS,
                     _ ("“%s” already exists: Essaim does not write over an existing file."), path);
      else
        g_set_error (error, ES_DB_ERROR,
                     saved == EACCES || saved == EROFS ? ES_DB_ERROR_READ_ONLY : ES_DB_ERROR_IO,
                     _ ("Cannot create “%s”: %s."), path, g_strerror (saved));
      return NULL;
    }
  close (fd);

  rc = sqlite3_open_v2 (path, &self->handle, SQLITE_OPEN_READWRITE | OPEN_THREADING, NULL);
  set_id = g_strdup_printf ("PRAGMA application_id = %d", ES_DB_APPLICATION_ID);
  if (rc != SQLITE_OK)
    set_error_for_rc (error, self->display_name, rc, sqlite3_errstr (rc));
  else if (configure_connection (self, error) && es_db_exec (self, set_id, error)
           && es_db_exec (self, "PRAGMA journal_mode = WAL", error)
           && es_db_exec (self, "PRAGMA synchronous = FULL", error)
           && apply_migrations (self, 0, version, error))
    return g_steal_pointer (&self);

  g_clear_object (&self);
  g_unlink (path);
  return NULL;
}

EsDb *
es_db_open (const char *path, EsDbOpenFlags flags, GError **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (flags & ES_DB_OPEN_CREATE_NEW)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_EXISTS,
                       _ ("“%s” already exists: Essaim does not write over an existing file."),
                       path);
          return NULL;
        }
    }
  else if (g_file_test (path, G_FILE_TEST_EXISTS) || !(flags & ES_DB_OPEN_CREATE))
    return open_existing (path, flags, error);

  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_NOT_FOUND, _ ("The folder “%s” does not exist."),
                   dir);
      return NULL;
    }
  return create_new (path, es_db_get_latest_schema_version (), error);
}

gboolean
es_db_create_at_version (const char *path, int version, GError **error)
{
  g_autoptr (EsDb) db = create_new (path, version, error);
  return db != NULL;
}

EsDb *
es_db_open_memory (GError **error)
{
  g_autoptr (EsDb) self = db_new (NULL);
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", ES_DB_APPLICATION_ID);
  int rc;

  rc = sqlite3_open_v2 (":memory:", &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | OPEN_THREADING, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_for_rc (error, self->display_name, rc, sqlite3_errstr (rc));
      return NULL;
    }
  if (!configure_connection (self, error) || !es_db_exec (self, set_id, error)
      || !apply_migrations (self, 0, es_db_get_latest_schema_version (), error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The journal */

static char *
journal_hash (const char *prev, const char *at, const char *author, const char *entity,
              gint64 entity_id, const char *action, const char *payload)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, entity_id);
  const char *parts[] = { prev, at, author, entity, id, action, payload };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_checksum_update (sum, (const guchar *)parts[i], strlen (parts[i]));
      g_checksum_update (sum, (const guchar *)"\x1f", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
es_db_journal (EsDb *self, const char *entity, gint64 entity_id, const char *action,
               const char *payload_json, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  const char *author = g_get_user_name ();
  const char *payload = payload_json ? payload_json : "{}";
  sqlite3_stmt *stmt;
  int rc;

  stmt = es_db_prepare (self, "SELECT hash FROM journal ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = es_db_step (self, stmt, error);
  if (rc < 0)
    return FALSE;
  prev = g_strdup (rc == SQLITE_ROW ? (const char *)sqlite3_column_text (stmt, 0) : GENESIS_HASH);
  sqlite3_reset (stmt);

  hash = journal_hash (prev, at, author, entity, entity_id, action, payload);
  stmt = es_db_prepare (self,
                        "INSERT INTO journal (at, author, entity, entity_id, action, payload, "
                        "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, entity_id);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, payload, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, prev, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, hash, -1, SQLITE_TRANSIENT);
  rc = es_db_step (self, stmt, error);
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;
  es_db_notify_changed (self, "journal");
  return TRUE;
}

/* Checking */

gboolean
es_db_check (EsDb *self, GPtrArray *problems, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *prev = g_strdup (GENESIS_HASH);
  guint before = problems->len;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA integrity_check", -1, &stmt, NULL);
  while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *)sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_ ("Integrity: %s"), line));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      es_db_set_error (self, rc, error);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (
        problems, g_strdup_printf (_ ("Row %lld of table “%s” points to a missing row of “%s”."),
                                   (long long)sqlite3_column_int64 (stmt, 1),
                                   sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      es_db_set_error (self, rc, error);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->handle,
                           "SELECT id, at, author, entity, entity_id, action, payload, prev_hash, "
                           "hash FROM journal ORDER BY id",
                           -1, &stmt, NULL);
  while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *expected = NULL;
      const char *prev_hash = (const char *)sqlite3_column_text (stmt, 7);
      const char *hash = (const char *)sqlite3_column_text (stmt, 8);

      expected = journal_hash (
          prev, (const char *)sqlite3_column_text (stmt, 1),
          (const char *)sqlite3_column_text (stmt, 2), (const char *)sqlite3_column_text (stmt, 3),
          sqlite3_column_int64 (stmt, 4), (const char *)sqlite3_column_text (stmt, 5),
          (const char *)sqlite3_column_text (stmt, 6));
      if (g_strcmp0 (prev_hash, prev) != 0 || g_strcmp0 (hash, expected) != 0)
        {
          g_ptr_array_add (problems,
                           g_strdup_printf (_ ("The journal was altered at entry %lld: its chain "
                                               "of fingerprints is broken."),
                                            (long long)sqlite3_column_int64 (stmt, 0)));
          break;
        }
      g_free (prev);
      prev = g_strdup (hash);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      es_db_set_error (self, rc, error);
      return FALSE;
    }
  return problems->len == before;
}
