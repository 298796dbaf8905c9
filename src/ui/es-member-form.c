/* es-member-form.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adds a member or edits their details. Saving reads every row (dates and the rate are
 * parsed here, in words when they cannot be read), then lets core check and normalise the
 * whole (es_member_validate): when anything is wrong nothing is written, each wrong row
 * turns red with an icon whose tooltip says why, the problems are listed under their
 * group, and what was typed stays as it was.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "es-field-mark.h"
#include "es-date.h"
#include "es-member-form.h"
#include "es-member-store.h"
#include "es-money.h"
#include "es-validate.h"

typedef enum
{
  FIELD_TEXT,
  FIELD_DATE,
  FIELD_RATE,
  FIELD_CIVILITY,
  FIELD_COUNSELOR,
  FIELD_ENTRY_STATUS,
} FieldKind;

typedef enum
{
  GROUP_IDENTITY,
  GROUP_CONTACT,
  GROUP_ACTIVITY,
  GROUP_SITUATION,
  N_GROUPS
} Group;

typedef struct
{
  const char *name; /* the EsMember member, as es_member_validate names it */
  FieldKind kind;
  gsize offset;
  Group group;
} Field;

/* clang-format off */
#define FIELD(member, kind, group) \
  { #member, kind, G_STRUCT_OFFSET (EsMember, member), group }
/* clang-format on */

/* In the order of the rows. Each has a row "<name>_row" in the template. */
static const Field fields[] = {
  FIELD (civility, FIELD_CIVILITY, GROUP_IDENTITY),
  FIELD (first_name, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (last_name, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (birth_date, FIELD_DATE, GROUP_IDENTITY),
  FIELD (birth_place, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (nationality, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (nir, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (street, FIELD_TEXT, GROUP_CONTACT),
  FIELD (postal_code, FIELD_TEXT, GROUP_CONTACT),
  FIELD (city, FIELD_TEXT, GROUP_CONTACT),
  FIELD (phone, FIELD_TEXT, GROUP_CONTACT),
  FIELD (email, FIELD_TEXT, GROUP_CONTACT),
  FIELD (trade_name, FIELD_TEXT, GROUP_ACTIVITY),
  FIELD (activity, FIELD_TEXT, GROUP_ACTIVITY),
  FIELD (naf_code, FIELD_TEXT, GROUP_ACTIVITY),
  FIELD (counselor_id, FIELD_COUNSELOR, GROUP_ACTIVITY),
  FIELD (entry_status, FIELD_ENTRY_STATUS, GROUP_SITUATION),
  FIELD (permit_end, FIELD_DATE, GROUP_SITUATION),
  FIELD (benefits_end, FIELD_DATE, GROUP_SITUATION),
  FIELD (contribution_ppm, FIELD_RATE, GROUP_SITUATION),
};

#define N_FIELDS 20
G_STATIC_ASSERT (G_N_ELEMENTS (fields) == N_FIELDS);

static const char *const group_names[N_GROUPS] = { "identity", "contact", "activity", "situation" };

/* The civilities offered, in order; "" is "not given". */
static const char *const civilities[] = { "", "mme", "m", "mx" };

struct _EsMemberForm
{
  AdwWindow parent_instance;

  EsDb *db;
  EsMember *original; /* NULL when adding */
  GDate today;
  GArray *counselor_ids; /* gint64, one per item of the counselor row after "none" */
  GHashTable *errors;    /* field → message */
  gboolean filling;

  /* template children */
  AdwWindowTitle *window_title;
  GtkWidget *problem_box;
  GtkLabel *problem_label;
  AdwPreferencesPage *page;
  GtkWidget *rows[N_FIELDS];
  GtkWidget *error_icons[N_FIELDS];
  GtkLabel *group_errors[N_GROUPS];
};

G_DEFINE_FINAL_TYPE (EsMemberForm, es_member_form, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static char *
rate_text (gint64 ppm)
{
  g_autofree char *text = es_rate_format (ppm);
  char *sign = strchr (text, '%');

  if (sign != NULL)
    *sign = '\0';
  return g_strstrip (g_strdup (text));
}

static char *
field_to_text (const Field *field, EsMember *member)
{
  const char *text;

  switch (field->kind)
    {
    case FIELD_DATE:
      {
        const GDate *date = &G_STRUCT_MEMBER (GDate, member, field->offset);
        return g_date_valid (date) ? es_date_format_short (date) : g_strdup ("");
      }
    case FIELD_RATE:
      {
        gint64 ppm = G_STRUCT_MEMBER (gint64, member, field->offset);
        return ppm >= 0 ? rate_text (ppm) : g_strdup ("");
      }
    case FIELD_CIVILITY:
    case FIELD_COUNSELOR:
    case FIELD_ENTRY_STATUS:
      return NULL;
    case FIELD_TEXT:
    default:
      text = G_STRUCT_MEMBER (char *, member, field->offset);
      if (text == NULL || text[0] == '\0')
        return g_strdup ("");
      if (g_str_equal (field->name, "nir"))
        return es_nir_format (text);
      if (g_str_equal (field->name, "phone"))
        return es_phone_format (text);
      return g_strdup (text);
    }
}

/* Reads the row of field into member; a message in words when it cannot be read. */
static char *
field_from_row (EsMemberForm *self, guint i, EsMember *member)
{
  const Field *field = &fields[i];
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint selected = 0;

  if (ADW_IS_COMBO_ROW (self->rows[i]))
    selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->rows[i]));
  else
    text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rows[i]))));

  switch (field->kind)
    {
    case FIELD_DATE:
      {
        GDate *date = &G_STRUCT_MEMBER (GDate, member, field->offset);

        if (text[0] == '\0')
          {
            g_date_clear (date, 1);
            return NULL;
          }
        if (!es_date_parse_user (text, date, &error))
          return g_strdup (error->message);
        return NULL;
      }

    case FIELD_RATE:
      {
        gint64 ppm;

        if (text[0] == '\0')
          ppm = -1;
        else if (!es_rate_parse (text, &ppm, &error))
          return g_strdup (error->message);
        G_STRUCT_MEMBER (gint64, member, field->offset) = ppm;
        return NULL;
      }

    case FIELD_CIVILITY:
      g_free (member->civility);
      member->civility
          = g_strdup (selected < G_N_ELEMENTS (civilities) ? civilities[selected] : "");
      return NULL;

    case FIELD_COUNSELOR:
      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION
          || selected > self->counselor_ids->len)
        member->counselor_id = 0;
      else
        member->counselor_id = g_array_index (self->counselor_ids, gint64, selected - 1);
      return NULL;

    case FIELD_ENTRY_STATUS:
      member->entry_status = selected < ES_ENTRY_N_STATUSES ? selected : ES_ENTRY_OTHER;
      return NULL;

    case FIELD_TEXT:
    default:
      {
        char **slot = &G_STRUCT_MEMBER (char *, member, field->offset);

        g_free (*slot);
        /* An empty NIR is no NIR. */
        if (g_str_equal (field->name, "nir") && text[0] == '\0')
          *slot = NULL;
        else
          *slot = g_steal_pointer (&text);
        return NULL;
      }
    }
}

/* Marks the rows named in self->errors and lists the messages under each group. */
static void
show_errors (EsMemberForm *self)
{
  GString *lists[N_GROUPS] = { NULL };

  for (guint i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *row = self->rows[i];
      const char *message = g_hash_table_lookup (self->errors, fields[i].name);
      GString **list = &lists[fields[i].group];

      es_field_mark (row, self->error_icons[i], message, list);
    }

  for (guint g = 0; g < N_GROUPS; g++)
    {
      gtk_label_set_text (self->group_errors[g], lists[g] != NULL ? lists[g]->str : "");
      gtk_widget_set_visible (GTK_WIDGET (self->group_errors[g]), lists[g] != NULL);
      if (lists[g] != NULL)
        g_string_free (lists[g], TRUE);
    }
}

static void
show_problem (EsMemberForm *self, const char *message)
{
  gtk_label_set_text (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->problem_box, message != NULL);
}

static void
fill_combos (EsMemberForm *self)
{
  g_autoptr (GPtrArray) staff = es_staff_store_list (self->db, NULL);
  GtkStringList *list;
  gint64 current = self->original != NULL ? self->original->counselor_id : 0;

  list = gtk_string_list_new (NULL);
  gtk_string_list_append (list, _ ("Not given"));
  for (guint i = 1; i < G_N_ELEMENTS (civilities); i++)
    gtk_string_list_append (list, es_civility_label (civilities[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->rows[0]), G_LIST_MODEL (list));
  g_object_unref (list);

  list = gtk_string_list_new (NULL);
  gtk_string_list_append (list, _ ("No counselor"));
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      EsStaff *person = g_ptr_array_index (staff, i);

      /* Former staff only for the member who still has them. */
      if (!person->active && person->id != current)
        continue;
      gtk_string_list_append (list, person->name);
      g_array_append_val (self->counselor_ids, person->id);
    }
  for (guint i = 0; i < N_FIELDS; i++)
    if (fields[i].kind == FIELD_COUNSELOR)
      adw_combo_row_set_model (ADW_COMBO_ROW (self->rows[i]), G_LIST_MODEL (list));
  g_object_unref (list);

  list = gtk_string_list_new (NULL);
  for (guint s = 0; s < ES_ENTRY_N_STATUSES; s++)
    gtk_string_list_append (list, es_entry_status_label (s));
  for (guint i = 0; i < N_FIELDS; i++)
    if (fields[i].kind == FIELD_ENTRY_STATUS)
      adw_combo_row_set_model (ADW_COMBO_ROW (self->rows[i]), G_LIST_MODEL (list));
  g_object_unref (list);
}

static void
fill_rows (EsMemberForm *self)
{
  g_autoptr (EsMember) blank = es_member_new ();
  EsMember *member = self->original != NULL ? self->original : blank;

  self->filling = TRUE;
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *text = field_to_text (&fields[i], member);
      guint selected = 0;

      if (text != NULL)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), text);
          continue;
        }
      switch (fields[i].kind)
        {
        case FIELD_CIVILITY:
          for (guint c = 0; c < G_N_ELEMENTS (civilities); c++)
            if (g_strcmp0 (member->civility, civilities[c]) == 0)
              selected = c;
          break;
        case FIELD_COUNSELOR:
          for (guint c = 0; c < self->counselor_ids->len; c++)
            if (g_array_index (self->counselor_ids, gint64, c) == member->counselor_id)
              selected = c + 1;
          break;
        case FIELD_ENTRY_STATUS:
          selected = member->entry_status;
          break;
        case FIELD_TEXT:
        case FIELD_DATE:
        case FIELD_RATE:
        default:
          break;
        }
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->rows[i]), selected);
    }
  self->filling = FALSE;
}

static void
forget_error (EsMemberForm *self, GtkWidget *row)
{
  if (self->filling)
    return;
  for (guint i = 0; i < N_FIELDS; i++)
    if (self->rows[i] == row && g_hash_table_remove (self->errors, fields[i].name))
      show_errors (self);
}

/* Callbacks */

static void
row_changed_cb (EsMemberForm *self, GtkEditable *editable)
{
  forget_error (self, GTK_WIDGET (editable));
}

static void
combo_changed_cb (EsMemberForm *self, GParamSpec *pspec, AdwComboRow *row)
{
  forget_error (self, GTK_WIDGET (row));
}

static void
row_activated_cb (EsMemberForm *self, AdwEntryRow *row)
{
  es_member_form_save (self);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  es_member_form_save (ES_MEMBER_FORM (widget));
}

static void
es_member_form_dispose (GObject *object)
{
  EsMemberForm *self = ES_MEMBER_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ES_TYPE_MEMBER_FORM);
  g_clear_object (&self->db);
  g_clear_object (&self->original);

  G_OBJECT_CLASS (es_member_form_parent_class)->dispose (object);
}

static void
es_member_form_finalize (GObject *object)
{
  EsMemberForm *self = ES_MEMBER_FORM (object);

  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->counselor_ids, g_array_unref);

  G_OBJECT_CLASS (es_member_form_parent_class)->finalize (object);
}

static void
es_member_form_class_init (EsMemberFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = es_member_form_dispose;
  object_class->finalize = es_member_form_finalize;

  /**
   * EsMemberForm::saved:
   * @member_id: the member written
   * @created: whether the member was added
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/coop/essaim/Essaim/ui/es-member-form.ui");
  gtk_widget_class_bind_template_child (widget_class, EsMemberForm, window_title);
  gtk_widget_class_bind_template_child (widget_class, EsMemberForm, problem_box);
  gtk_widget_class_bind_template_child (widget_class, EsMemberForm, problem_label);
  gtk_widget_class_bind_template_child (widget_class, EsMemberForm, page);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *name = g_strconcat (fields[i].name, "_row", NULL);

      gtk_widget_class_bind_template_child_full (
          widget_class, name, FALSE, G_STRUCT_OFFSET (EsMemberForm, rows) + i * sizeof (gpointer));
    }
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_autofree char *name = g_strconcat (group_names[g], "_errors", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, name, FALSE,
                                                 G_STRUCT_OFFSET (EsMemberForm, group_errors)
                                                     + g * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, combo_changed_cb);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
es_member_form_init (EsMemberForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->counselor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const char *title = es_member_field_label (fields[i].name);
      g_autofree char *with_unit = NULL;

      if (fields[i].kind == FIELD_RATE)
        title = with_unit = g_strdup_printf ("%s (%%)", title);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[i]), title);

      self->error_icons[i] = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_set_visible (self->error_icons[i], FALSE);
      gtk_widget_add_css_class (self->error_icons[i], "error");
      if (ADW_IS_ENTRY_ROW (self->rows[i]))
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->rows[i]), self->error_icons[i]);
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (self->rows[i]), self->error_icons[i]);
    }
}

EsMemberForm *
es_member_form_new (GtkWindow *parent, EsDb *db, EsMember *member, const GDate *today)
{
  EsMemberForm *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ES_IS_DB (db), NULL);
  g_return_val_if_fail (member == NULL || ES_IS_MEMBER (member), NULL);

  self = g_object_new (ES_TYPE_MEMBER_FORM, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->original = member != NULL ? es_member_copy (member) : NULL;
  self->today = today != NULL && g_date_valid (today) ? *today : es_date_today ();

  if (member != NULL)
    {
      name = es_member_dup_display_name (member);
      adw_window_title_set_title (self->window_title, _ ("Edit the Member"));
      adw_window_title_set_subtitle (self->window_title, name);
      gtk_window_set_title (GTK_WINDOW (self), _ ("Edit the Member"));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _ ("New Member"));
      gtk_window_set_title (GTK_WINDOW (self), _ ("New Member"));
    }

  fill_combos (self);
  fill_rows (self);
  return self;
}

gboolean
es_member_form_save (EsMemberForm *self)
{
  g_autoptr (EsMember) member = NULL;
  g_autoptr (GHashTable) problems = NULL;
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean created;
  gint64 id;

  g_return_val_if_fail (ES_IS_MEMBER_FORM (self), FALSE);

  member = self->original != NULL ? es_member_copy (self->original) : es_member_new ();
  g_hash_table_remove_all (self->errors);
  show_problem (self, NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    {
      char *message = field_from_row (self, i, member);

      if (message != NULL)
        g_hash_table_insert (self->errors, g_strdup (fields[i].name), message);
    }

  /* What could not even be read keeps its own message. */
  problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  es_member_validate (member, &self->today, problems);
  g_hash_table_iter_init (&iter, problems);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (self->errors, key))
        continue;
      g_hash_table_iter_steal (&iter);
      g_hash_table_insert (self->errors, key, value);
    }

  if (g_hash_table_size (self->errors) == 0)
    {
      created = self->original == NULL;
      if (created)
        id = es_member_store_insert (self->db, member, &error);
      else
        id = es_member_store_update (self->db, member, &error) ? member->id : 0;

      if (id != 0)
        {
          show_errors (self);
          g_signal_emit (self, signals[SAVED], 0, id, created);
          gtk_window_close (GTK_WINDOW (self));
          return TRUE;
        }

      /* The one rule only the database knows: a NIR already used by someone else. */
      if (g_error_matches (error, ES_VALIDATION_ERROR, ES_VALIDATION_ERROR_RULE))
        g_hash_table_insert (self->errors, g_strdup ("nir"),
                             g_strdup (_ ("This social security number is already recorded for "
                                          "another member.")));
      else
        show_problem (self, error->message);
    }

  show_errors (self);
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_hash_table_contains (self->errors, fields[i].name))
      {
        gtk_widget_grab_focus (self->rows[i]);
        break;
      }
  return FALSE;
}
