/* es-member-list.c — every member of a database as one list model that stays up to date. */
#include "config.h"

#include "es-date.h"
#include "es-member-array.h"
#include "es-member-list.h"
#include "es-member-store.h"
#include "es-member-view.h"

/* Above this many changed items a reload replaces the whole list in one splice rather
 * than item by item: one big change costs views less than thousands of small ones. */
#define MAX_SINGLE_CHANGES 64

#define LIST_KEY "es-member-list"

/* What a first read hands over before the rest: the first members of the list (the
 * table's first screen, and more) and of each stage (a column of the board). */
#define FIRST_MEMBERS 64
#define FIRST_PER_STAGE 24

struct _EsMemberList
{
  GObject parent_instance;

  EsDb *db; /* not owned: the shared list is kept by the database itself */
  gboolean owns_db;
  gulong changed_id;
  guint reload_id;

  EsMemberArray *store;
  EsMemberArray *stages[ES_STAGE_N_STAGES]; /* the members of each stage, in the same order */
  GHashTable *by_id; /* gint64 * (the member's own id field) → EsMember *, borrowed */
  gboolean loaded;   /* members to show: the first ones, or all */
  gboolean complete; /* all of them, read once at least */
  GDate today;       /* invalid: the real today */
  GDate shown_today; /* the day the list was last read at */

  GCancellable *cancellable; /* of the background read under way, or NULL */
  GPtrArray *waiters;        /* GCancellable: the callers waiting for the first load */
  gboolean keep_reading;     /* a caller without a cancellable waits too */
  GError *error;             /* of the last read */
  char *sectors;             /* es_naf_sections_present() of the members */
};

enum
{
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (EsMemberList, es_member_list, G_TYPE_OBJECT)

static gboolean
same_text (const char *a, const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
same_date (const GDate *a, const GDate *b)
{
  gboolean va = g_date_valid (a), vb = g_date_valid (b);

  if (va != vb)
    return FALSE;
  return !va || g_date_compare (a, b) == 0;
}

gboolean
es_member_same (EsMember *a, EsMember *b)
{
  g_return_val_if_fail (ES_IS_MEMBER (a) && ES_IS_MEMBER (b), FALSE);

  if (a == b)
    return TRUE;
  if (a->id != b->id || a->entry_status != b->entry_status || a->counselor_id != b->counselor_id
      || a->contribution_ppm != b->contribution_ppm || a->has_deadline != b->has_deadline)
    return FALSE;
  if (!same_text (a->civility, b->civility) || !same_text (a->first_name, b->first_name)
      || !same_text (a->last_name, b->last_name) || !same_text (a->birth_place, b->birth_place)
      || !same_text (a->nationality, b->nationality) || !same_text (a->nir, b->nir)
      || !same_text (a->street, b->street) || !same_text (a->postal_code, b->postal_code)
      || !same_text (a->city, b->city) || !same_text (a->phone, b->phone)
      || !same_text (a->email, b->email) || !same_text (a->trade_name, b->trade_name)
      || !same_text (a->activity, b->activity) || !same_text (a->naf_code, b->naf_code)
      || !same_text (a->counselor_name, b->counselor_name))
    return FALSE;
  if (!same_date (&a->birth_date, &b->birth_date) || !same_date (&a->permit_end, &b->permit_end)
      || !same_date (&a->benefits_end, &b->benefits_end))
    return FALSE;
  if (a->has_deadline
      && (a->deadline.kind != b->deadline.kind || !same_date (&a->deadline.date, &b->deadline.date)
          || a->deadline.days_left != b->deadline.days_left
          || a->deadline.urgency != b->deadline.urgency))
    return FALSE;
  return es_pipeline_state_equal (&a->state, &b->state);
}

/* Makes store hold fresh (m members, in the same order) with as few changes as it can:
 * the unchanged runs at both ends stay, changed items there are replaced one by one, and
 * what lies between is spliced at once, however long (a first screen of members followed
 * by the rest is one insertion). With adopt, fresh (owning its items) gets the store's
 * member in place of the one read wherever the store keeps it, in the middle too (found
 * there by order): fresh then holds what the store does, the same objects, without
 * asking it item by item. */
static void
update_store (EsMemberArray *store, EsMember **fresh, guint m, gboolean adopt)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint prefix = 0, suffix = 0;
  g_autoptr (GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));

  if (n == 0 && m == 0)
    return;
  while (prefix < n && prefix < m && es_member_array_peek (store, prefix)->id == fresh[prefix]->id)
    prefix++;
  while (suffix < n - prefix && suffix < m - prefix
         && es_member_array_peek (store, n - 1 - suffix)->id == fresh[m - 1 - suffix]->id)
    suffix++;

  for (guint i = 0; i < n; i++)
    {
      EsMember *old = es_member_array_peek (store, i);
      guint j;

      if (i >= prefix && i < n - suffix)
        {
          /* Between the runs: kept if read again unchanged. */
          guint lo = prefix, hi = m - suffix;

          if (!adopt)
            continue;
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (es_member_compare (fresh[mid], old) < 0)
                lo = mid + 1;
              else
                hi = mid;
            }
          if (lo < m - suffix && fresh[lo]->id == old->id && es_member_same (old, fresh[lo]))
            g_set_object (&fresh[lo], old);
          continue;
        }
      j = i < prefix ? i : i - n + m;
      if (!es_member_same (old, fresh[j]))
        g_array_append_val (changed, i);
      else if (adopt)
        g_set_object (&fresh[j], old);
    }

  if (changed->len > MAX_SINGLE_CHANGES)
    {
      es_member_array_splice (store, 0, n, fresh, m);
      return;
    }
  /* From the end, so that the positions still to change stay valid. */
  for (guint k = changed->len; k > 0; k--)
    {
      guint i = g_array_index (changed, guint, k - 1);

      if (i >= prefix)
        es_member_array_splice (store, i, 1, &fresh[i - n + m], 1);
    }
  if (n - prefix - suffix > 0 || m - prefix - suffix > 0)
    es_member_array_splice (store, prefix, n - prefix - suffix, &fresh[prefix],
                            m - prefix - suffix);
  for (guint k = changed->len; k > 0; k--)
    {
      guint i = g_array_index (changed, guint, k - 1);

      if (i < prefix)
        es_member_array_splice (store, i, 1, &fresh[i], 1);
    }
}

/* The whole list, then each stage's: the board's columns follow those without filtering
 * thousands of members on every change. */
static void
update_stores (EsMemberList *self, GPtrArray *fresh)
{
  GPtrArray *stages[ES_STAGE_N_STAGES];
  guint n = fresh->len;

  update_store (self->store, (EsMember **)fresh->pdata, fresh->len, TRUE);

  /* The store kept the members that did not change, now in fresh too: the stages get the
   * same objects. */
  g_hash_table_remove_all (self->by_id);
  for (guint s = 0; s < ES_STAGE_N_STAGES; s++)
    stages[s] = g_ptr_array_sized_new (n / 4 + 1);
  for (guint i = 0; i < n; i++)
    {
      EsMember *member = g_ptr_array_index (fresh, i);

      g_hash_table_insert (self->by_id, &member->id, member);
      g_ptr_array_add (stages[MIN ((guint)member->state.stage, ES_STAGE_N_STAGES - 1)], member);
    }
  for (guint s = 0; s < ES_STAGE_N_STAGES; s++)
    {
      update_store (self->stages[s], (EsMember **)stages[s]->pdata, stages[s]->len, FALSE);
      g_ptr_array_unref (stages[s]);
    }
}

static GDate
read_day (EsMemberList *self)
{
  return g_date_valid (&self->today) ? self->today : es_date_today ();
}

/* Applies the outcome of a read, on the main thread. */
static void
finish_read (EsMemberList *self, GPtrArray *fresh, char *sectors, const GDate *today,
             const GError *error)
{
  g_clear_error (&self->error);
  if (fresh != NULL)
    {
      self->shown_today = *today;
      self->loaded = TRUE;
      self->complete = TRUE;
      g_free (self->sectors);
      self->sectors = sectors != NULL
                          ? g_strdup (sectors)
                          : es_naf_sections_present ((EsMember *const *)fresh->pdata, fresh->len);
      update_stores (self, fresh);
    }
  else
    self->error = g_error_copy (error);
  g_signal_emit (self, signals[LOADED], 0);
}

static void waiter_cancelled_cb (GCancellable *waiter, EsMemberList *self);

static void
clear_waiters (EsMemberList *self)
{
  for (guint i = 0; i < self->waiters->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->waiters, i), waiter_cancelled_cb,
                                          self);
  g_ptr_array_set_size (self->waiters, 0);
  self->keep_reading = FALSE;
}

/* Stops the read under way, if any: its result will be ignored. */
static void
cancel_read (EsMemberList *self)
{
  if (self->cancellable == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

typedef struct
{
  char *path;
  GDate today;
  gboolean first; /* nothing shown yet: the first members are handed over first */
  char *sectors;  /* of the members read, found in the worker too */
} ReadData;

static void
read_data_free (gpointer data)
{
  ReadData *read = data;

  g_free (read->path);
  g_free (read->sectors);
  g_free (read);
}

typedef struct
{
  GTask *task;
  GPtrArray *members;
} FirstMembers;

static void
first_members_free (gpointer data)
{
  FirstMembers *first = data;

  g_object_unref (first->task);
  g_ptr_array_unref (first->members);
  g_free (first);
}

/* On the main thread, unless the read was dropped or something else came first. */
static gboolean
first_members_cb (gpointer data)
{
  FirstMembers *first = data;
  EsMemberList *self = g_task_get_source_object (first->task);
  ReadData *read = g_task_get_task_data (first->task);

  if (self->loaded || self->cancellable == NULL
      || g_task_get_cancellable (first->task) != self->cancellable)
    return G_SOURCE_REMOVE;
  self->shown_today = read->today;
  self->loaded = TRUE;
  update_stores (self, first->members);
  g_signal_emit (self, signals[LOADED], 0);
  return G_SOURCE_REMOVE;
}

static int
read_progress_cb (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

/* In the worker thread: a connection of its own, read-only, closed when done. */
static void
read_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  ReadData *read = task_data;
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *fresh;

  if (g_task_return_error_if_cancelled (task))
    return;
  /* The list's own connection checked the file when it opened it. Read-only: the states
   * missing there are derived for this read only (es_member_store_keep_states() keeps
   * them, from the connection that writes). */
  db = es_db_open (read->path, ES_DB_OPEN_READ_ONLY | ES_DB_OPEN_CHECKED, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A cancelled read stops within a few thousand steps of SQLite. */
  sqlite3_progress_handler (es_db_get_handle (db), 1000, read_progress_cb, cancellable);
  if (read->first)
    {
      /* Far sooner than the rest: a new window shows those while the others are read. */
      GPtrArray *members
          = es_member_store_list_first (db, &read->today, FIRST_MEMBERS, FIRST_PER_STAGE, NULL);

      if (members != NULL && members->len > 0)
        {
          FirstMembers *first = g_new0 (FirstMembers, 1);
          g_autoptr (GSource) source = g_idle_source_new ();

          first->task = g_object_ref (task);
          first->members = members;
          /* A source of that context, never g_main_context_invoke(): from this thread it
           * would call first_members_cb here whenever the context is free. */
          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, first_members_cb, first, first_members_free);
          g_source_set_static_name (source, "[essaim] first members");
          g_source_attach (source, g_task_get_context (task));
        }
      else if (members != NULL)
        g_ptr_array_unref (members);
    }
  fresh = es_member_store_list_sorted (db, &read->today, &error);
  sqlite3_progress_handler (es_db_get_handle (db), 0, NULL, NULL);
  if (fresh == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  read->sectors = es_naf_sections_present ((EsMember *const *)fresh->pdata, fresh->len);
  g_task_return_pointer (task, fresh, (GDestroyNotify)g_ptr_array_unref);
}

static void
read_done_cb (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  EsMemberList *self = ES_MEMBER_LIST (source_object);
  GTask *task = G_TASK (result);
  ReadData *read = g_task_get_task_data (task);
  g_autoptr (GPtrArray) fresh = NULL;
  g_autoptr (GError) error = NULL;

  /* A read cancelled, or replaced by a newer one, changes nothing. */
  if (self->cancellable == NULL || g_task_get_cancellable (task) != self->cancellable)
    return;
  fresh = g_task_propagate_pointer (task, &error);
  g_clear_object (&self->cancellable);
  clear_waiters (self);
  if (fresh == NULL && self->loaded)
    g_warning ("Cannot read the members again: %s", error->message);
  finish_read (self, fresh, read->sectors, &read->today, error);
}

/* Reads the members again in a worker thread; a read under way is dropped. */
static void
start_read (EsMemberList *self)
{
  g_autoptr (GTask) task = NULL;
  ReadData *read;

  cancel_read (self);
  read = g_new0 (ReadData, 1);
  read->path = g_strdup (es_db_get_path (self->db));
  read->today = read_day (self);
  read->first = !self->loaded;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, read, read_data_free);
  g_task_run_in_thread (task, read_thread);
}

static void
waiter_cancelled_cb (GCancellable *waiter, EsMemberList *self)
{
  if (self->loaded || self->keep_reading)
    return;
  for (guint i = 0; i < self->waiters->len; i++)
    if (!g_cancellable_is_cancelled (g_ptr_array_index (self->waiters, i)))
      return;
  /* Nobody waits any more. */
  cancel_read (self);
  clear_waiters (self);
}

static void db_changed_cb (EsDb *db, const char *table, EsMemberList *self);

/* The shared list may outlive its database for a moment (a read under way holds it). */
static void
db_gone_cb (gpointer data, GObject *where_the_object_was)
{
  EsMemberList *self = data;

  self->db = NULL;
  self->changed_id = 0;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  cancel_read (self);
  clear_waiters (self);
}

static void
set_db (EsMemberList *self, EsDb *db, gboolean owned)
{
  self->db = owned ? g_object_ref (db) : db;
  self->owns_db = owned;
  if (!owned)
    g_object_weak_ref (G_OBJECT (db), db_gone_cb, self);
  self->changed_id = g_signal_connect (db, "changed", G_CALLBACK (db_changed_cb), self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  EsMemberList *self = data;
  g_autoptr (GError) error = NULL;

  self->reload_id = 0;
  if (self->db == NULL)
    return G_SOURCE_REMOVE;
  if (es_db_get_path (self->db) != NULL)
    start_read (self);
  else if (!es_member_list_reload (self, &error))
    g_warning ("Cannot read the members again: %s", error->message);
  return G_SOURCE_REMOVE;
}

static void
db_changed_cb (EsDb *db, const char *table, EsMemberList *self)
{
  static const char *const watched[] = { "member", "career_event", "interview", "staff" };
  gboolean relevant = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (watched) && !relevant; i++)
    relevant = g_strcmp0 (table, watched[i]) == 0;
  if (!relevant || (!self->loaded && self->cancellable == NULL))
    return;
  /* A read under way may have begun before the change: it starts again. */
  cancel_read (self);
  /* Several changes in a row (an import, a demo) make one reload. */
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

static void
es_member_list_dispose (GObject *object)
{
  EsMemberList *self = ES_MEMBER_LIST (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  cancel_read (self);
  clear_waiters (self);
  /* The shared list goes when its database is finalized: its handlers are gone by then. */
  if (self->db != NULL && self->changed_id != 0
      && g_signal_handler_is_connected (self->db, self->changed_id))
    g_signal_handler_disconnect (self->db, self->changed_id);
  if (self->db != NULL && !self->owns_db)
    g_object_weak_unref (G_OBJECT (self->db), db_gone_cb, self);
  self->changed_id = 0;
  if (self->owns_db)
    g_clear_object (&self->db);
  self->db = NULL;

  G_OBJECT_CLASS (es_member_list_parent_class)->dispose (object);
}

static void
es_member_list_finalize (GObject *object)
{
  EsMemberList *self = ES_MEMBER_LIST (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_clear_error (&self->error);
  g_clear_pointer (&self->sectors, g_free);
  g_clear_object (&self->store);
  for (guint s = 0; s < ES_STAGE_N_STAGES; s++)
    g_clear_object (&self->stages[s]);

  G_OBJECT_CLASS (es_member_list_parent_class)->finalize (object);
}

static void
es_member_list_class_init (EsMemberListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = es_member_list_dispose;
  object_class->finalize = es_member_list_finalize;

  /**
   * EsMemberList::loaded:
   *
   * A read of the members is over: the model holds them, or es_member_list_get_error()
   * tells why not.
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                  NULL, NULL, G_TYPE_NONE, 0);
}

static void
es_member_list_init (EsMemberList *self)
{
  self->store = es_member_array_new ();
  for (guint s = 0; s < ES_STAGE_N_STAGES; s++)
    self->stages[s] = es_member_array_new ();
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_date_clear (&self->today, 1);
  self->shown_today = es_date_today ();
}

EsMemberList *
es_member_list_get_for_db (EsDb *db)
{
  EsMemberList *self;

  g_return_val_if_fail (ES_IS_DB (db), NULL);

  self = g_object_get_data (G_OBJECT (db), LIST_KEY);
  if (self == NULL)
    {
      self = g_object_new (ES_TYPE_MEMBER_LIST, NULL);
      set_db (self, db, FALSE);
      g_object_set_data_full (G_OBJECT (db), LIST_KEY, self, g_object_unref);
    }
  return self;
}

EsMemberList *
es_member_list_new (EsDb *db)
{
  EsMemberList *self;

  g_return_val_if_fail (ES_IS_DB (db), NULL);

  self = g_object_new (ES_TYPE_MEMBER_LIST, NULL);
  set_db (self, db, TRUE);
  return self;
}

EsDb *
es_member_list_get_db (EsMemberList *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), NULL);
  return self->db;
}

GListModel *
es_member_list_get_model (EsMemberList *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), NULL);
  return G_LIST_MODEL (self->store);
}

GListModel *
es_member_list_get_stage_model (EsMemberList *self, EsStage stage)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), NULL);
  g_return_val_if_fail ((guint)stage < ES_STAGE_N_STAGES, NULL);
  return G_LIST_MODEL (self->stages[stage]);
}

gboolean
es_member_list_is_loaded (EsMemberList *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), FALSE);
  return self->loaded;
}

gboolean
es_member_list_is_complete (EsMemberList *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), FALSE);
  return self->complete;
}

gboolean
es_member_list_load (EsMemberList *self, GError **error)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), FALSE);

  if (self->complete)
    return TRUE;
  return es_member_list_reload (self, error);
}

void
es_member_list_load_async (EsMemberList *self, GCancellable *cancellable)
{
  g_return_if_fail (ES_IS_MEMBER_LIST (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (self->loaded || self->db == NULL
      || (cancellable != NULL && g_cancellable_is_cancelled (cancellable)))
    return;
  /* An in-memory database cannot be opened a second time. */
  if (es_db_get_path (self->db) == NULL)
    {
      es_member_list_reload (self, NULL);
      return;
    }
  if (cancellable != NULL && !g_ptr_array_find (self->waiters, cancellable, NULL))
    {
      g_ptr_array_add (self->waiters, g_object_ref (cancellable));
      g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (waiter_cancelled_cb), self, 0);
    }
  else
    self->keep_reading = TRUE;
  if (self->cancellable == NULL && self->reload_id == 0)
    start_read (self);
}

gboolean
es_member_list_is_loading (EsMemberList *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), FALSE);
  return self->cancellable != NULL || self->reload_id != 0;
}

const char *
es_member_list_get_sectors (EsMemberList *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), NULL);

  return self->sectors != NULL ? self->sectors : "";
}

const GError *
es_member_list_get_error (EsMemberList *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), NULL);
  return self->error;
}

gboolean
es_member_list_reload (EsMemberList *self, GError **error)
{
  g_autoptr (GPtrArray) fresh = NULL;
  g_autoptr (GError) local_error = NULL;
  GDate today;

  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  cancel_read (self);
  clear_waiters (self);
  today = read_day (self);
  fresh = es_member_store_list_sorted (self->db, &today, &local_error);
  finish_read (self, fresh, NULL, &today, local_error);
  if (fresh == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

EsMember *
es_member_list_lookup (EsMemberList *self, gint64 id)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), NULL);
  return g_hash_table_lookup (self->by_id, &id);
}

guint
es_member_list_find (EsMemberList *self, gint64 id)
{
  EsMember *member;
  guint n;

  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), G_MAXUINT);

  member = es_member_list_lookup (self, id);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; member != NULL && i < n; i++)
    if (es_member_array_peek (self->store, i) == member)
      return i;
  return G_MAXUINT;
}

const GDate *
es_member_list_get_today (EsMemberList *self)
{
  g_return_val_if_fail (ES_IS_MEMBER_LIST (self), NULL);

  /* Unless set, the day the list was last read at: a new day shows at the next reload. */
  return g_date_valid (&self->today) ? &self->today : &self->shown_today;
}

void
es_member_list_set_today (EsMemberList *self, const GDate *today)
{
  g_return_if_fail (ES_IS_MEMBER_LIST (self));

  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    g_date_clear (&self->today, 1);
  if (self->loaded)
    {
      g_autoptr (GError) error = NULL;

      if (!es_member_list_reload (self, &error))
        g_warning ("Cannot read the members again: %s", error->message);
    }
  else if (self->cancellable != NULL)
    start_read (self); /* the read under way is for another day */
}
