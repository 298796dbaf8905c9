/* es-db.h — one SQLite file is the whole state of a cooperative.
 *
 * EsDb opens or creates the file, refuses what is not an Essaim database (leaving it
 * byte-for-byte unchanged), migrates it after a backup, and emits ::changed with the name
 * of the table whose rows changed. Only es-db.c and the *-store.c files speak SQL.
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define ES_DB_ERROR (es_db_error_quark ())

typedef enum
{
  ES_DB_ERROR_NOT_FOUND,    /* no file at that path */
  ES_DB_ERROR_EXISTS,       /* asked to create a file that already exists */
  ES_DB_ERROR_NOT_DATABASE, /* empty, not SQLite, or SQLite but not Essaim */
  ES_DB_ERROR_NEWER,        /* made by a newer Essaim */
  ES_DB_ERROR_CORRUPT,      /* damaged or truncated */
  ES_DB_ERROR_LOCKED,       /* another program holds a lock on it */
  ES_DB_ERROR_READ_ONLY,    /* cannot be written */
  ES_DB_ERROR_IO,           /* the disk refused a read or a write */
  ES_DB_ERROR_CONSTRAINT,   /* a row broke a rule of the schema */
  ES_DB_ERROR_FAILED,       /* anything else SQLite reported */
} EsDbError;

typedef enum
{
  ES_DB_OPEN_DEFAULT = 0,         /* open an existing file */
  ES_DB_OPEN_CREATE = 1 << 0,     /* create it if missing */
  ES_DB_OPEN_CREATE_NEW = 1 << 1, /* create it; fail if it exists */
  ES_DB_OPEN_READ_ONLY = 1 << 2,  /* never write: no migration, no WAL switch */
  /* another connection of this process opened the file with every check: skip the
   * integrity scan (quick_check), which reads the whole file */
  ES_DB_OPEN_CHECKED = 1 << 3,
} EsDbOpenFlags;

/* 'ESM1': written at PRAGMA application_id, so that other SQLite files are told apart. */
#define ES_DB_APPLICATION_ID 0x45534d31

#define ES_TYPE_DB (es_db_get_type ())
G_DECLARE_FINAL_TYPE (EsDb, es_db, ES, DB, GObject)

GQuark es_db_error_quark (void);

EsDb *es_db_open (const char *path, EsDbOpenFlags flags, GError **error);
/* A private in-memory database at the latest schema, for tests and benchmarks. */
EsDb *es_db_open_memory (GError **error);

const char *es_db_get_path (EsDb *self);
sqlite3 *es_db_get_handle (EsDb *self);
gboolean es_db_is_read_only (EsDb *self);
/* The schema version of the open file, and the newest this build knows. */
int es_db_get_schema_version (EsDb *self);
int es_db_get_latest_schema_version (void);
/* Where the backup made before the last migration went, or NULL if none was made. */
const char *es_db_get_migration_backup (EsDb *self);

/* Transactions nest: the outermost is BEGIN IMMEDIATE, inner ones are savepoints. */
gboolean es_db_begin (EsDb *self, GError **error);
gboolean es_db_commit (EsDb *self, GError **error);
void es_db_rollback (EsDb *self);

/* Emits ::changed for table after the outermost transaction commits (at once if none). */
void es_db_notify_changed (EsDb *self, const char *table);

/* A prepared statement from a per-connection cache, reset and with bindings cleared.
 * Do not finalize it. */
sqlite3_stmt *es_db_prepare (EsDb *self, const char *sql, GError **error);
/* Runs SQL without results (no parameters). */
gboolean es_db_exec (EsDb *self, const char *sql, GError **error);
/* Turns the connection's last error into a GError in words. */
void es_db_set_error (EsDb *self, int rc, GError **error);
/* sqlite3_step that maps errors: returns SQLITE_ROW, SQLITE_DONE or -1 with error set. */
int es_db_step (EsDb *self, sqlite3_stmt *stmt, GError **error);

/* Integrity: PRAGMA integrity_check, foreign keys, journal chain. Fills problems with
 * sentences; TRUE when there are none. */
gboolean es_db_check (EsDb *self, GPtrArray *problems, GError **error);

/* A consistent copy of the whole database to dest (written beside it, then renamed;
 * mode 0600). Refuses to replace an existing file unless overwrite. */
gboolean es_db_backup_to (EsDb *self, const char *dest, gboolean overwrite, GError **error);

/* Appends an entry to the audit journal (inside the caller's transaction). payload_json
 * may be NULL. */
gboolean es_db_journal (EsDb *self, const char *entity, gint64 entity_id, const char *action,
                        const char *payload_json, GError **error);

/* For tests: creates a new file at an older schema version. */
gboolean es_db_create_at_version (const char *path, int version, GError **error);

G_END_DECLS
