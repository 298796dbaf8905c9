/* es-member-csv.h — members from and to the CSV files that spreadsheets write.
 *
 * Import reads what LibreOffice Calc or Excel save as CSV in France: `;` or `,` separated
 * (tab too), quoted fields with "" escapes and line breaks inside quotes, UTF-8 with or
 * without BOM or Windows-1252, CRLF or LF. Columns are found by their header, French or
 * English, case, accents, blanks and punctuation ignored ("C.P." is "CP"; see
 * docs/csv-import.md for the list).
 *
 * All or nothing: every row is checked first (the member's own rules, NIR duplicates within
 * the file and against the database, dates, counselor names) and nothing is written while
 * any row has a problem, unless ES_MEMBER_CSV_SKIP_INVALID asks to write the good rows only.
 * The writing is one transaction: a failure midway writes nothing. No SQL here: rows go
 * through es_member_store_insert().
 *
 * Export writes the same columns with French headers, UTF-8 with BOM, dates as JJ/MM/AAAA,
 * plus the member's number and stage (both ignored on import): an export imports into an
 * empty database (with the same staff) as the same members.
 */
#pragma once

#include <gio/gio.h>

#include "es-db.h"
#include "es-member.h"

G_BEGIN_DECLS

#define ES_MEMBER_CSV_ERROR (es_member_csv_error_quark ())

typedef enum
{
  ES_MEMBER_CSV_ERROR_TOO_LARGE,      /* the file or one of its lines is over the limit */
  ES_MEMBER_CSV_ERROR_ENCODING,       /* neither UTF-8 nor Windows-1252, or binary data */
  ES_MEMBER_CSV_ERROR_FORMAT,         /* not readable as CSV: an unclosed quote… */
  ES_MEMBER_CSV_ERROR_MISSING_COLUMN, /* no column for a required field, or one twice */
  ES_MEMBER_CSV_ERROR_EMPTY,          /* no member in the file */
  ES_MEMBER_CSV_ERROR_INVALID,        /* rows have problems (listed in the report) */
} EsMemberCsvError;

/* Limits: larger files and longer lines are refused with a message. */
#define ES_MEMBER_CSV_MAX_FILE_SIZE (50 * 1024 * 1024)
#define ES_MEMBER_CSV_MAX_LINE_LENGTH (64 * 1024)
/* The report keeps the first problems and warnings only (n_problems counts them all). */
#define ES_MEMBER_CSV_MAX_PROBLEMS 1000

typedef enum
{
  ES_MEMBER_CSV_IMPORT_DEFAULT = 0,
  ES_MEMBER_CSV_SKIP_INVALID = 1 << 0, /* write the valid rows, report the others */
  ES_MEMBER_CSV_DRY_RUN = 1 << 1,      /* check everything, write nothing */
} EsMemberCsvFlags;

typedef struct
{
  guint line;    /* physical line of the file where the row starts (1 = header); 0 = file */
  char *column;  /* the column's header as written in the file, or NULL for the row */
  char *message; /* in words, translated */
} EsCsvProblem;

typedef struct
{
  GPtrArray *problems;  /* EsCsvProblem*: what refuses rows, by line then column */
  guint n_problems;     /* all of them, even beyond ES_MEMBER_CSV_MAX_PROBLEMS */
  GPtrArray *warnings;  /* EsCsvProblem*: what was ignored (unknown columns…) */
  guint n_rows;         /* member rows read (blank rows not counted) */
  guint n_invalid;      /* rows with at least one problem */
  guint n_imported;     /* rows written (0 on a dry run or when refused) */
  char separator;       /* ';', ',' or '\t' as detected */
  const char *encoding; /* "UTF-8" or "Windows-1252" (static) */
} EsCsvReport;

GQuark es_member_csv_error_quark (void);

void es_csv_report_free (EsCsvReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EsCsvReport, es_csv_report_free)

/* Reads members from CSV bytes and, when no row has a problem (or with SKIP_INVALID, for
 * the rows without one), inserts them in one transaction. report (optional) is set in any
 * case where the bytes could be looked at, even on error: it lists every problem with its
 * line and column. Returns FALSE with an ES_MEMBER_CSV_ERROR when the file is refused
 * (ES_MEMBER_CSV_ERROR_INVALID: see the report), or the store's error when the writing
 * failed; nothing is written then. */
gboolean es_member_csv_import_bytes (EsDb *db, GBytes *bytes, EsMemberCsvFlags flags,
                                     EsCsvReport **report, GError **error);
/* The same from a file; refuses a folder, a device or a pipe, and a file over
 * ES_MEMBER_CSV_MAX_FILE_SIZE before reading it (report is then left NULL). */
gboolean es_member_csv_import_file (EsDb *db, const char *path, EsMemberCsvFlags flags,
                                    EsCsvReport **report, GError **error);

/* Writes every member, sorted by name, to stream: UTF-8 with BOM, CRLF line ends, French
 * headers, separator ';' (or ',' or '\t'). Returns the number of members in n_written. */
gboolean es_member_csv_export (EsDb *db, GOutputStream *stream, char separator, guint *n_written,
                               GCancellable *cancellable, GError **error);
/* The same to a new file (mode 0600: it holds personal data); an existing file is replaced
 * only when overwrite (else G_IO_ERROR_EXISTS). The file appears whole or not at all. */
gboolean es_member_csv_export_file (EsDb *db, const char *path, char separator, gboolean overwrite,
                                    guint *n_written, GError **error);

/* The key under which words and staff names are compared (and headers, with its spaces
 * removed too): lower case, accents removed, every run of other characters than letters
 * and digits one space ("N° de Sécurité  sociale" → "n de securite sociale"). */
char *es_member_csv_fold (const char *text);

/* What a person types for a civility ("Mme", "Madame", "M.", "Monsieur", "Mx", "mr", the
 * codes…) → the stored code ("mme", "m", "mx", "" for blank); NULL if not understood. */
const char *es_member_csv_parse_civility (const char *text);
/* An entry status in words ("demandeur d'emploi", "ARE", "RSA", "salarié", "étudiante",
 * "autre", English names or codes) → the status; FALSE if not understood. Blank is other. */
gboolean es_member_csv_parse_entry_status (const char *text, EsEntryStatus *out);

G_END_DECLS
