/* test-member-csv.c — importing members from spreadsheet CSV files, and exporting them. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "es-date.h"
#include "es-db.h"
#include "es-demo.h"
#include "es-member-csv.h"
#include "es-member-store.h"

typedef struct
{
  EsDb *db;
  char *dir;
} Fixture;

static void
add_staff (EsDb *db, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsStaff) staff = es_staff_new (name, "", "counselor");

  g_assert_cmpint (es_staff_store_add (db, staff, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->db = es_db_open_memory (&error);
  g_assert_no_error (error);
  g_assert_nonnull (f->db);
  add_staff (f->db, "Camille Berthier");
  add_staff (f->db, "Nadia Benali");
  f->dir = g_dir_make_tmp ("essaim-csv-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_clear_object (&f->db);
}

static gint64
count (EsDb *db, const char *sql)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = es_db_prepare (db, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (es_db_step (db, stmt, &error), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gint64
count_members (EsDb *db)
{
  return count (db, "SELECT count(*) FROM member");
}

static gint64
count_journal (EsDb *db)
{
  return count (db, "SELECT count(*) FROM journal");
}

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
}

/* Imports a fixture and expects it refused with code, the database untouched. */
static EsCsvReport *
import_refused (EsDb *db, const char *path, EsMemberCsvFlags flags, int code)
{
  g_autoptr (GError) error = NULL;
  EsCsvReport *report = NULL;
  gint64 members = count_members (db);
  gint64 journal = count_journal (db);

  g_assert_false (es_member_csv_import_file (db, path, flags, &report, &error));
  g_assert_error (error, ES_MEMBER_CSV_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
  g_test_message ("refused as expected: %s", error->message);
  g_assert_cmpint (count_members (db), ==, members);
  g_assert_cmpint (count_journal (db), ==, journal);
  g_assert_cmpuint (report != NULL ? report->n_imported : 0, ==, 0);
  return report;
}

static EsCsvReport *
import_bytes_refused (EsDb *db, const char *data, gsize len, int code)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, len);
  g_autoptr (GError) error = NULL;
  EsCsvReport *report = NULL;
  gint64 members = count_members (db);
  gint64 journal = count_journal (db);

  g_assert_false (es_member_csv_import_bytes (db, bytes, 0, &report, &error));
  g_assert_error (error, ES_MEMBER_CSV_ERROR, code);
  g_test_message ("refused as expected: %s", error->message);
  g_assert_cmpint (count_members (db), ==, members);
  g_assert_cmpint (count_journal (db), ==, journal);
  return report;
}

static void
refuse_file (EsDb *db, const char *path, int code)
{
  es_csv_report_free (import_refused (db, path, 0, code));
}

static void
refuse_bytes (EsDb *db, const char *data, gsize len, int code)
{
  es_csv_report_free (import_bytes_refused (db, data, len, code));
}

static EsMember *
member_named (EsDb *db, const char *last_name)
{
  GDate today = es_date_today ();
  g_autoptr (GListStore) list = es_member_store_list (db, &today, NULL);

  g_assert_nonnull (list);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr (EsMember) m = g_list_model_get_item (G_LIST_MODEL (list), i);
      if (g_str_equal (m->last_name, last_name))
        return g_steal_pointer (&m);
    }
  g_assert_not_reached ();
  return NULL;
}

static const EsCsvProblem *
find_problem (EsCsvReport *report, guint line, const char *column)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      const EsCsvProblem *p = g_ptr_array_index (report->problems, i);
      if (p->line == line && g_strcmp0 (p->column, column) == 0)
        return p;
    }
  g_error ("no problem reported on line %u, column %s", line, column ? column : "(none)");
  return NULL;
}

static void
assert_date (const GDate *date, int y, int m, int d)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_get_year (date), ==, y);
  g_assert_cmpint (g_date_get_month (date), ==, m);
  g_assert_cmpint (g_date_get_day (date), ==, d);
}

/* --------------------------------------------------------------------------------------- */

static void
test_semicolon_bom (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("members-semicolon-bom.csv");
  g_autoptr (EsCsvReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) marie = NULL;
  g_autoptr (EsMember) eric = NULL;
  g_autoptr (EsMember) awa = NULL;
  const EsCsvProblem *warning;

  g_assert_true (es_member_csv_import_file (f->db, path, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->separator, ==, ';');
  g_assert_cmpstr (report->encoding, ==, "UTF-8");
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->n_imported, ==, 3);
  g_assert_cmpuint (report->n_invalid, ==, 0);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpint (count_members (f->db), ==, 3);

  /* The unknown column is a warning, not an error. */
  g_assert_cmpuint (report->warnings->len, ==, 1);
  warning = g_ptr_array_index (report->warnings, 0);
  g_assert_cmpuint (warning->line, ==, 1);
  g_assert_cmpstr (warning->column, ==, "Remarques");

  marie = member_named (f->db, "Dupont");
  g_assert_cmpstr (marie->first_name, ==, "Marie");
  g_assert_cmpstr (marie->civility, ==, "mme");
  assert_date (&marie->birth_date, 1984, 5, 12);
  g_assert_cmpstr (marie->nir, ==, "284057512345672");
  /* The quoted value holds the separator and a line break. */
  g_assert_cmpstr (marie->street, ==, "12 rue des Lilas; bâtiment B\nescalier 2");
  g_assert_cmpstr (marie->postal_code, ==, "75011");
  g_assert_cmpstr (marie->phone, ==, "0612345678");
  g_assert_cmpint (marie->entry_status, ==, ES_ENTRY_JOB_SEEKER);
  assert_date (&marie->benefits_end, 2027, 6, 30);
  g_assert_cmpstr (marie->naf_code, ==, "74.10Z");
  g_assert_cmpstr (marie->counselor_name, ==, "Camille Berthier");
  g_assert_cmpint (marie->contribution_ppm, ==, 100000);

  eric = member_named (f->db, "Martin");
  g_assert_cmpstr (eric->first_name, ==, "Éric");
  g_assert_cmpstr (eric->civility, ==, "m");
  assert_date (&eric->birth_date, 1990, 12, 1);
  g_assert_cmpstr (eric->trade_name, ==, "Martin \"Conseil\"");
  g_assert_cmpstr (eric->naf_code, ==, "70.22Z");
  g_assert_cmpint (eric->entry_status, ==, ES_ENTRY_EMPLOYEE);
  /* Counselor names match whatever the case. */
  g_assert_cmpstr (eric->counselor_name, ==, "Nadia Benali");
  g_assert_cmpint (eric->contribution_ppm, ==, 85000);

  awa = member_named (f->db, "N'Diaye");
  g_assert_cmpstr (awa->civility, ==, "mx");
  g_assert_null (awa->nir);
  g_assert_cmpint (awa->entry_status, ==, ES_ENTRY_RSA);
  assert_date (&awa->permit_end, 2027, 12, 31);
  g_assert_cmpint (awa->counselor_id, ==, 0);
  g_assert_cmpint (awa->contribution_ppm, ==, -1);
}

static void
test_comma (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("members-comma.csv");
  g_autoptr (EsCsvReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) jean = NULL;
  g_autoptr (EsMember) lea = NULL;

  g_assert_true (es_member_csv_import_file (f->db, path, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->separator, ==, ',');
  g_assert_cmpuint (report->n_imported, ==, 2);
  /* A column without a name is no warning. */
  g_assert_cmpuint (report->warnings->len, ==, 0);

  jean = member_named (f->db, "Petit");
  g_assert_cmpstr (jean->trade_name, ==, "Petit, fils & Cie");
  g_assert_cmpstr (jean->nir, ==, "179026912320058");
  g_assert_cmpstr (jean->counselor_name, ==, "Camille Berthier");
  lea = member_named (f->db, "Roux");
  g_assert_cmpstr (lea->first_name, ==, "Léa");
  /* A two-digit birth year is in the past century when needed. */
  assert_date (&lea->birth_date, 1988, 9, 15);
}

static void
test_windows_1252 (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("members-cp1252.csv");
  g_autoptr (EsCsvReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) helene = NULL;
  g_autoptr (EsMember) zoe = NULL;

  g_assert_true (es_member_csv_import_file (f->db, path, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->encoding, ==, "Windows-1252");
  g_assert_cmpuint (report->n_imported, ==, 2);
  helene = member_named (f->db, "Lefèvre");
  g_assert_cmpstr (helene->first_name, ==, "Hélène");
  g_assert_cmpstr (helene->city, ==, "Besançon");
  g_assert_cmpstr (helene->activity, ==, "Céramique");
  zoe = member_named (f->db, "Œillet");
  g_assert_cmpstr (zoe->trade_name, ==, "Zoé — douceurs");
}

static void
test_windows_1252_bytes (Fixture *f, gconstpointer data)
{
  /* The same from bytes written here: "Prénom" and "Géraldine" in Windows-1252. */
  static const char csv[] = "Nom;Pr\xe9nom\r\nRen\xe9;G\xe9raldine\r\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr (EsCsvReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) m = NULL;

  g_assert_true (es_member_csv_import_bytes (f->db, bytes, 0, &report, &error));
  g_assert_no_error (error);
  m = member_named (f->db, "René");
  g_assert_cmpstr (m->first_name, ==, "Géraldine");
}

static void
test_missing_column (Fixture *f, gconstpointer data)
{
  static const char twice[] = "Nom;Prénom;Nom de famille\nA;B;C\n";
  g_autofree char *path = fixture_path ("members-missing-column.csv");

  refuse_file (f->db, path, ES_MEMBER_CSV_ERROR_MISSING_COLUMN);
  /* Two columns for the same field. */
  refuse_bytes (f->db, twice, sizeof twice - 1, ES_MEMBER_CSV_ERROR_MISSING_COLUMN);
}

/* Column names are compared without case, accents, blanks or punctuation, the aliases as
 * much as the file's names: "C.P." is "CP", "N.I.R." is "NIR". */
static void
test_header_punctuation (Fixture *f, gconstpointer data)
{
  static const char csv[] = "NOM;Pré-nom;C.P.;N.I.R.;Accompagnateur/trice;Date_de_naissance;"
                            "Tél.;E-Mail;Statut d'entrée;Code (NAF/APE)\n"
                            "Dupont;Marie;75011;2 84 05 75 123 456 72;camille berthier;12/05/1984;"
                            "06 12 34 56 78;marie@exemple.fr;RSA;74.10Z\n";
  static const char *const counselor_headers[] = {
    "Accompagnateur/trice", "Accompagnateur·rice", "Accompagnateur·trice",  "Accompagnatrice",
    "Accompagnateur",       "ACCOMPAGNATEUR-RICE", "Accompagnateur(trice)", "Référent·e",
    "référent(e)",          "Counselor",
  };
  g_autoptr (GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr (EsCsvReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) m = NULL;

  g_assert_true (es_member_csv_import_bytes (f->db, bytes, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  m = member_named (f->db, "Dupont");
  g_assert_cmpstr (m->first_name, ==, "Marie");
  g_assert_cmpstr (m->postal_code, ==, "75011");
  g_assert_cmpstr (m->nir, ==, "284057512345672");
  g_assert_cmpstr (m->counselor_name, ==, "Camille Berthier");
  assert_date (&m->birth_date, 1984, 5, 12);
  g_assert_cmpstr (m->phone, ==, "0612345678");
  g_assert_cmpstr (m->email, ==, "marie@exemple.fr");
  g_assert_cmpint (m->entry_status, ==, ES_ENTRY_RSA);
  g_assert_cmpstr (m->naf_code, ==, "74.10Z");

  /* Every way of writing the counselor's column. */
  for (guint i = 0; i < G_N_ELEMENTS (counselor_headers); i++)
    {
      g_autofree char *last_name = g_strdup_printf ("Membre%c", 'A' + i);
      g_autofree char *text = g_strdup_printf ("Nom;Prénom;%s\n%s;Léa;Nadia Benali\n",
                                               counselor_headers[i], last_name);
      g_autoptr (GBytes) b = g_bytes_new (text, strlen (text));
      g_autoptr (EsCsvReport) r = NULL;
      g_autoptr (EsMember) member = NULL;

      g_test_message ("%s", counselor_headers[i]);
      g_assert_true (es_member_csv_import_bytes (f->db, b, 0, &r, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (r->warnings->len, ==, 0);
      member = member_named (f->db, last_name);
      g_assert_cmpstr (member->counselor_name, ==, "Nadia Benali");
    }
}

static void
test_bad_rows (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("members-bad.csv");
  g_autoptr (EsCsvReport) report = import_refused (f->db, path, 0, ES_MEMBER_CSV_ERROR_INVALID);
  const EsCsvProblem *p;

  g_assert_cmpuint (report->n_rows, ==, 7);
  g_assert_cmpuint (report->n_invalid, ==, 5);
  g_assert_cmpuint (report->n_problems, ==, 5);
  /* Wrong NIR key. */
  p = find_problem (report, 2, "NIR");
  g_assert_nonnull (strstr (p->message, "key"));
  /* 31 February. */
  p = find_problem (report, 3, "Date de naissance");
  g_assert_nonnull (strstr (p->message, "does not exist"));
  find_problem (report, 4, "E-mail");
  /* Unknown counselor: the message lists the known names. */
  p = find_problem (report, 5, "Accompagnateur");
  g_assert_nonnull (strstr (p->message, "Jean Inconnu"));
  g_assert_nonnull (strstr (p->message, "Camille Berthier"));
  g_assert_nonnull (strstr (p->message, "Nadia Benali"));
  /* The NIR of line 6 again. */
  p = find_problem (report, 7, "NIR");
  g_assert_nonnull (strstr (p->message, "line 6"));
}

static void
test_dry_run (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("members-semicolon-bom.csv");
  g_autoptr (EsCsvReport) report = NULL;
  g_autoptr (GError) error = NULL;
  gint64 journal = count_journal (f->db);

  g_assert_true (es_member_csv_import_file (f->db, path, ES_MEMBER_CSV_DRY_RUN, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->n_imported, ==, 0);
  g_assert_cmpint (count_members (f->db), ==, 0);
  g_assert_cmpint (count_journal (f->db), ==, journal);
}

static void
test_skip_invalid (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("members-bad.csv");
  g_autoptr (EsCsvReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsMember) leo = NULL;
  g_autoptr (EsMember) ines = NULL;
  gint64 journal = count_journal (f->db);

  g_assert_true (
      es_member_csv_import_file (f->db, path, ES_MEMBER_CSV_SKIP_INVALID, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 7);
  g_assert_cmpuint (report->n_invalid, ==, 5);
  g_assert_cmpuint (report->n_imported, ==, 2);
  g_assert_cmpint (count_members (f->db), ==, 2);
  g_assert_cmpint (count_journal (f->db), ==, journal + 2);
  leo = member_named (f->db, "Richard");
  g_assert_cmpstr (leo->nir, ==, "192073306304107");
  ines = member_named (f->db, "Moreau");
  g_assert_cmpstr (ines->counselor_name, ==, "Camille Berthier");
}

static void
test_duplicate_in_database (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("members-semicolon-bom.csv");
  g_autoptr (EsMember) m = es_member_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (EsCsvReport) report = NULL;
  const EsCsvProblem *p;
  gint64 id;

  g_free (m->first_name);
  m->first_name = g_strdup ("Marie-Claire");
  g_free (m->last_name);
  m->last_name = g_strdup ("Dupont-Lévy");
  m->nir = g_strdup ("284057512345672");
  id = es_member_store_insert (f->db, m, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  report = import_refused (f->db, path, 0, ES_MEMBER_CSV_ERROR_INVALID);
  g_assert_cmpuint (report->n_invalid, ==, 1);
  p = find_problem (report, 2, "N° de sécurité sociale");
  g_assert_nonnull (strstr (p->message, "member no."));
  g_assert_cmpint (count_members (f->db), ==, 1);
}

static void
test_empty (Fixture *f, gconstpointer data)
{
  static const char blank[] = "\xEF\xBB\xBF\r\n \r\n";
  static const char blank_rows[] = "Nom;Prénom\n;\n;;\n\n";
  g_autofree char *path = fixture_path ("members-empty.csv");
  g_autofree char *header = fixture_path ("members-header-only.csv");

  refuse_file (f->db, path, ES_MEMBER_CSV_ERROR_EMPTY);
  refuse_file (f->db, header, ES_MEMBER_CSV_ERROR_EMPTY);
  /* A BOM and blank lines only; a header and rows of empty cells only. */
  refuse_bytes (f->db, blank, sizeof blank - 1, ES_MEMBER_CSV_ERROR_EMPTY);
  refuse_bytes (f->db, blank_rows, sizeof blank_rows - 1, ES_MEMBER_CSV_ERROR_EMPTY);
}

static void
write_random (const char *path, gsize size, guint32 seed, gboolean printable)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (GError) error = NULL;
  char *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    {
      guint32 r = g_rand_int (rand);
      if (!printable)
        data[i] = (char)(r & 0xFF);
      else
        data[i] = (r % 40 == 0) ? '\n' : (char)(0x20 + r % 95);
    }
  g_assert_true (g_file_set_contents (path, data, (gssize)size, &error));
  g_assert_no_error (error);
  g_free (data);
}

static void
test_random_garbage (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "garbage.csv", NULL);
  g_autofree char *text = g_build_filename (f->dir, "garbage-text.csv", NULL);
  gint64 start;

  write_random (path, 10 * 1024 * 1024, 20261124, FALSE);
  start = g_get_monotonic_time ();
  refuse_file (f->db, path, ES_MEMBER_CSV_ERROR_ENCODING);
  g_test_message ("10 MB of random bytes refused in %.3f s",
                  (g_get_monotonic_time () - start) / 1e6);

  /* Printable garbage passes the encoding but has no column Essaim knows. */
  write_random (text, 10 * 1024 * 1024, 7, TRUE);
  start = g_get_monotonic_time ();
  refuse_file (f->db, text, ES_MEMBER_CSV_ERROR_MISSING_COLUMN);
  g_test_message ("10 MB of random text refused in %.3f s",
                  (g_get_monotonic_time () - start) / 1e6);
}

static void
test_not_text (Fixture *f, gconstpointer data)
{
  /* Neither UTF-8 nor Windows-1252: 0x81 is not defined in Windows-1252. */
  static const char bad[] = "Nom;Pr\xe9nom\nA;\x81\x8d\n";
  static const char utf16[] = "\xFF\xFEN\0o\0m\0";

  refuse_bytes (f->db, bad, sizeof bad - 1, ES_MEMBER_CSV_ERROR_ENCODING);
  refuse_bytes (f->db, utf16, sizeof utf16 - 1, ES_MEMBER_CSV_ERROR_ENCODING);
}

static void
test_limits (Fixture *f, gconstpointer data)
{
  static const char unclosed[] = "Nom;Prénom\nDupont;\"Marie\nMartin;Éric\n";
  g_autoptr (GString) csv = g_string_new ("Nom;Prénom;Activité\nDupont;Marie;");
  g_autoptr (GBytes) big = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EsCsvReport) r4 = NULL;
  gsize big_size = ES_MEMBER_CSV_MAX_FILE_SIZE + 1;

  /* A line over 64 KB. */
  for (int i = 0; i < 70000; i++)
    g_string_append_c (csv, 'x');
  g_string_append_c (csv, '\n');
  refuse_bytes (f->db, csv->str, csv->len, ES_MEMBER_CSV_ERROR_TOO_LARGE);

  /* A quote never closed, which would swallow the rest of the file. */
  refuse_bytes (f->db, unclosed, sizeof unclosed - 1, ES_MEMBER_CSV_ERROR_FORMAT);
  g_string_assign (csv, "Nom;Prénom\nDupont;\"");
  for (int i = 0; i < 2000; i++)
    g_string_append (csv, "a line of a field that never ends\n");
  refuse_bytes (f->db, csv->str, csv->len, ES_MEMBER_CSV_ERROR_TOO_LARGE);

  /* A line of empty cells only, and a row of many short quoted lines: each over 64 KB,
   * neither may grow without bound. */
  g_string_assign (csv, "Nom;Prénom\n");
  for (int i = 0; i < 70000; i++)
    g_string_append_c (csv, ';');
  refuse_bytes (f->db, csv->str, csv->len, ES_MEMBER_CSV_ERROR_TOO_LARGE);
  g_string_assign (csv, "Nom;Prénom\nDupont");
  for (int i = 0; i < 12000; i++)
    g_string_append (csv, ";\"a\nb\"");
  refuse_bytes (f->db, csv->str, csv->len, ES_MEMBER_CSV_ERROR_TOO_LARGE);

  /* Over 50 MB: refused before reading. */
  big = g_bytes_new_take (g_malloc0 (big_size), big_size);
  g_assert_false (es_member_csv_import_bytes (f->db, big, 0, &r4, &error));
  g_assert_error (error, ES_MEMBER_CSV_ERROR, ES_MEMBER_CSV_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "50 MB"));
}

static void
test_not_a_file (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsCsvReport) report = NULL;

  /* Endless, or not there: refused before reading. */
  g_assert_false (es_member_csv_import_file (f->db, "/dev/zero", 0, &report, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_clear_error (&error);
  g_assert_false (es_member_csv_import_file (f->db, f->dir, 0, &report, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_clear_error (&error);
  g_assert_false (
      es_member_csv_import_file (f->db, "/nonexistent/members.csv", 0, &report, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpint (count_members (f->db), ==, 0);
}

/* Small random files over the characters that matter to the reader: never a crash, an
 * error whenever FALSE, and exactly n_imported more members whenever TRUE. */
static void
test_fuzz (Fixture *f, gconstpointer data)
{
  static const char *const pieces[] = { ";",
                                        ",",
                                        "\"",
                                        "\"\"",
                                        "\n",
                                        "\r\n",
                                        "\r",
                                        " ",
                                        "Nom",
                                        "Prénom",
                                        "nir",
                                        "Dupont",
                                        "Marie",
                                        "\xe9",
                                        "\xc3",
                                        "\x81",
                                        "\xEF\xBB\xBF",
                                        "12/05/1984",
                                        "75011",
                                        "2 84 05 75 123 456 72",
                                        "Camille Berthier",
                                        "Mme" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (424242);
  guint n_accepted = 0;

  for (int i = 0; i < 3000; i++)
    {
      g_autoptr (GString) csv = g_string_new (i % 2 == 0 ? "Nom;Prénom;NIR;Accompagnateur\n" : "");
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (EsCsvReport) report = NULL;
      int n = g_rand_int_range (rand, 0, 40);
      gint64 before = count_members (f->db);
      gboolean ok;

      for (int k = 0; k < n; k++)
        g_string_append (csv, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      bytes = g_bytes_new (csv->str, csv->len);
      ok = es_member_csv_import_bytes (f->db, bytes, i % 3 == 0 ? ES_MEMBER_CSV_SKIP_INVALID : 0,
                                       &report, &error);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (count_members (f->db), ==, before + report->n_imported);
          n_accepted++;
        }
      else
        {
          g_assert_nonnull (error);
          g_assert_cmpstr (error->message, !=, "");
          g_assert_cmpint (count_members (f->db), ==, before);
        }
    }
  g_test_message ("%u of 3000 random files accepted, %" G_GINT64_FORMAT " members", n_accepted,
                  count_members (f->db));
  g_assert_cmpuint (n_accepted, >, 0);
}

static void
test_too_many_values (Fixture *f, gconstpointer data)
{
  static const char csv[] = "Nom;Prénom\nDupont;Marie;Paris\nMartin;Éric;;\n";
  g_autoptr (EsCsvReport) report
      = import_bytes_refused (f->db, csv, sizeof csv - 1, ES_MEMBER_CSV_ERROR_INVALID);
  const EsCsvProblem *p;

  /* Line 2 has a third value; line 3's extra cells are empty and harmless. */
  g_assert_cmpuint (report->n_invalid, ==, 1);
  p = find_problem (report, 2, NULL);
  g_assert_nonnull (strstr (p->message, "3 values"));
}

static void
test_write_failure_rolls_back (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("members-semicolon-bom.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (EsCsvReport) report = NULL;
  gint64 journal = count_journal (f->db);

  /* The third insert fails, as a full disk would: the first two must not stay. */
  g_assert_true (es_db_exec (f->db,
                             "CREATE TEMP TRIGGER fail_third BEFORE INSERT ON main.member "
                             "WHEN (SELECT count(*) FROM main.member) >= 2 "
                             "BEGIN SELECT RAISE (ABORT, 'simulated failure'); END",
                             &error));
  g_assert_no_error (error);
  g_assert_false (es_member_csv_import_file (f->db, path, 0, &report, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Line 5"));
  g_assert_cmpuint (report->n_imported, ==, 0);
  g_assert_cmpint (count_members (f->db), ==, 0);
  g_assert_cmpint (count_journal (f->db), ==, journal);
}

static void
test_parse_words (void)
{
  EsEntryStatus status = ES_ENTRY_N_STATUSES;

  g_assert_cmpstr (es_member_csv_parse_civility ("Madame"), ==, "mme");
  g_assert_cmpstr (es_member_csv_parse_civility ("M."), ==, "m");
  g_assert_cmpstr (es_member_csv_parse_civility (" mx "), ==, "mx");
  g_assert_cmpstr (es_member_csv_parse_civility (""), ==, "");
  g_assert_null (es_member_csv_parse_civility ("Dr"));
  g_assert_true (es_member_csv_parse_entry_status ("Demandeur d’emploi", &status));
  g_assert_cmpint (status, ==, ES_ENTRY_JOB_SEEKER);
  g_assert_true (es_member_csv_parse_entry_status ("ÉTUDIANTE", &status));
  g_assert_cmpint (status, ==, ES_ENTRY_STUDENT);
  g_assert_true (es_member_csv_parse_entry_status ("job_seeker", &status));
  g_assert_cmpint (status, ==, ES_ENTRY_JOB_SEEKER);
  g_assert_true (es_member_csv_parse_entry_status ("Salarié·e", &status));
  g_assert_cmpint (status, ==, ES_ENTRY_EMPLOYEE);
  g_assert_false (es_member_csv_parse_entry_status ("retraité", &status));
}

/* --------------------------------------------------------------------------------------- */

static void
assert_same_members (EsDb *a, EsDb *b)
{
  GDate today = es_date_today ();
  g_autoptr (GListStore) la = es_member_store_list (a, &today, NULL);
  g_autoptr (GListStore) lb = es_member_store_list (b, &today, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (la));

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lb)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EsMember) x = g_list_model_get_item (G_LIST_MODEL (la), i);
      g_autoptr (EsMember) y = g_list_model_get_item (G_LIST_MODEL (lb), i);

      g_assert_cmpstr (x->civility, ==, y->civility);
      g_assert_cmpstr (x->first_name, ==, y->first_name);
      g_assert_cmpstr (x->last_name, ==, y->last_name);
      g_assert_cmpint (es_date_compare (&x->birth_date, &y->birth_date), ==, 0);
      g_assert_cmpstr (x->birth_place, ==, y->birth_place);
      g_assert_cmpstr (x->nationality, ==, y->nationality);
      g_assert_cmpstr (x->nir, ==, y->nir);
      g_assert_cmpstr (x->street, ==, y->street);
      g_assert_cmpstr (x->postal_code, ==, y->postal_code);
      g_assert_cmpstr (x->city, ==, y->city);
      g_assert_cmpstr (x->phone, ==, y->phone);
      g_assert_cmpstr (x->email, ==, y->email);
      g_assert_cmpint (es_date_compare (&x->permit_end, &y->permit_end), ==, 0);
      g_assert_cmpint (x->entry_status, ==, y->entry_status);
      g_assert_cmpint (es_date_compare (&x->benefits_end, &y->benefits_end), ==, 0);
      g_assert_cmpstr (x->trade_name, ==, y->trade_name);
      g_assert_cmpstr (x->activity, ==, y->activity);
      g_assert_cmpstr (x->naf_code, ==, y->naf_code);
      g_assert_cmpstr (x->counselor_name, ==, y->counselor_name);
      g_assert_cmpint (x->contribution_ppm, ==, y->contribution_ppm);
    }
}

static GBytes *
export_bytes (EsDb *db, char separator)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  guint n = 0;

  g_assert_true (es_member_csv_export (db, out, separator, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* An empty database with the same staff as db. */
static EsDb *
empty_copy (EsDb *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) staff = es_staff_store_list (db, &error);
  EsDb *copy = es_db_open_memory (&error);

  g_assert_no_error (error);
  for (guint i = 0; i < staff->len; i++)
    add_staff (copy, ((EsStaff *)g_ptr_array_index (staff, i))->name);
  return copy;
}

static void
round_trip (EsDb *db, char separator)
{
  g_autoptr (GBytes) first = export_bytes (db, separator);
  g_autoptr (GBytes) second = NULL;
  g_autoptr (EsDb) copy = empty_copy (db);
  g_autoptr (EsCsvReport) report = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;
  const char *text = g_bytes_get_data (first, &len);

  g_assert_cmpuint (len, >, 3);
  g_assert_cmpmem (text, 3, "\xEF\xBB\xBF", 3);
  g_assert_true (es_member_csv_import_bytes (copy, first, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (report->n_imported, ==, count_members (db));
  assert_same_members (db, copy);

  /* Exported again, the file is the same but for the numbers and stages. */
  second = export_bytes (copy, separator);
  g_assert_cmpuint (g_bytes_get_size (second), >, 0);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *path = fixture_path ("members-semicolon-bom.csv");
  g_autofree char *comma = fixture_path ("members-comma.csv");
  g_autoptr (GError) error = NULL;

  g_assert_true (es_member_csv_import_file (f->db, path, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (es_member_csv_import_file (f->db, comma, 0, NULL, &error));
  g_assert_no_error (error);
  round_trip (f->db, ';');
  round_trip (f->db, ',');
}

static void
test_round_trip_demo (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EsDb) db = es_db_open_memory (&error);
  EsDemoOptions options;

  g_assert_no_error (error);
  es_demo_options_init (&options);
  options.seed = 3;
  options.n_members = 40;
  g_assert_true (es_demo_generate (db, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  round_trip (db, ';');
}

static void
test_export_file (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = fixture_path ("members-semicolon-bom.csv");
  g_autofree char *path = g_build_filename (f->dir, "export.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *again = NULL;
  guint n = 0;
  GStatBuf st;

  g_assert_true (es_member_csv_import_file (f->db, csv, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (es_member_csv_export_file (f->db, path, ';', FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBFN°;Civilité;Nom;Prénom;Date de "
                                             "naissance;"));
  g_assert_nonnull (strstr (contents, ";12/05/1984;"));
  g_assert_nonnull (strstr (contents, ";2 84 05 75 123 456 72;"));
  g_assert_nonnull (strstr (contents, "\"12 rue des Lilas; bâtiment B\nescalier 2\""));
  g_assert_nonnull (strstr (contents, ";Accueil & diagnostic\r\n"));

  /* No overwriting unless asked. */
  g_assert_false (es_member_csv_export_file (f->db, path, ';', FALSE, &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &again, NULL, NULL));
  g_assert_cmpstr (again, ==, contents);
  g_assert_true (es_member_csv_export_file (f->db, path, ',', TRUE, &n, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  /* The assertions read the English messages. */
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/member-csv/import/semicolon-bom", test_semicolon_bom);
  ADD ("/member-csv/import/comma", test_comma);
  ADD ("/member-csv/import/windows-1252", test_windows_1252);
  ADD ("/member-csv/import/windows-1252-bytes", test_windows_1252_bytes);
  ADD ("/member-csv/import/missing-column", test_missing_column);
  ADD ("/member-csv/import/header-punctuation", test_header_punctuation);
  ADD ("/member-csv/import/bad-rows", test_bad_rows);
  ADD ("/member-csv/import/dry-run", test_dry_run);
  ADD ("/member-csv/import/skip-invalid", test_skip_invalid);
  ADD ("/member-csv/import/duplicate-in-database", test_duplicate_in_database);
  ADD ("/member-csv/import/empty", test_empty);
  ADD ("/member-csv/import/random-garbage", test_random_garbage);
  ADD ("/member-csv/import/not-text", test_not_text);
  ADD ("/member-csv/import/limits", test_limits);
  ADD ("/member-csv/import/not-a-file", test_not_a_file);
  ADD ("/member-csv/import/too-many-values", test_too_many_values);
  ADD ("/member-csv/import/fuzz", test_fuzz);
  ADD ("/member-csv/import/write-failure-rolls-back", test_write_failure_rolls_back);
  ADD ("/member-csv/round-trip/fixtures", test_round_trip);
  ADD ("/member-csv/export/file", test_export_file);
#undef ADD
  g_test_add_func ("/member-csv/parse-words", test_parse_words);
  g_test_add_func ("/member-csv/round-trip/demo", test_round_trip_demo);

  return g_test_run ();
}
