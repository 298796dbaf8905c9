/* es-preferences-window.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cooperative's details as a form. Saving reads every row, parses amounts, rates and
 * days, then lets core check and normalise the whole (es_cooperative_validate): when any
 * field is wrong nothing is written, each wrong row turns red with an icon whose tooltip
 * says why, and the list of problems shows under its group. What was typed stays as it
 * was. Closing with unsaved changes asks first.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "es-field-mark.h"
#include "es-cooperative-store.h"
#include "es-money.h"
#include "es-preferences-window.h"
#include "es-validate.h"

typedef enum
{
  FIELD_TEXT,
  FIELD_IBAN,
  FIELD_PHONE,
  FIELD_MONEY,
  FIELD_RATE,
  FIELD_DAYS,
} FieldKind;

typedef enum
{
  GROUP_IDENTITY,
  GROUP_ADDRESS,
  GROUP_BANK,
  GROUP_DEFAULTS,
  N_GROUPS
} Group;

typedef struct
{
  const char *name; /* the EsCooperative member, as es_cooperative_validate names it */
  FieldKind kind;
  gsize offset;
  Group group;
} Field;

/* clang-format off */
#define FIELD(member, kind, group) \
  { #member, kind, G_STRUCT_OFFSET (EsCooperative, member), group }
/* clang-format on */

/* In the order of the rows on screen. Each has a row "<name>_row" in the template. */
static const Field fields[] = {
  FIELD (legal_name, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (legal_form, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (share_capital_cents, FIELD_MONEY, GROUP_IDENTITY),
  FIELD (siren, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (siret, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (rcs_city, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (vat_number, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (ape_code, FIELD_TEXT, GROUP_IDENTITY),
  FIELD (street, FIELD_TEXT, GROUP_ADDRESS),
  FIELD (postal_code, FIELD_TEXT, GROUP_ADDRESS),
  FIELD (city, FIELD_TEXT, GROUP_ADDRESS),
  FIELD (email, FIELD_TEXT, GROUP_ADDRESS),
  FIELD (phone, FIELD_PHONE, GROUP_ADDRESS),
  FIELD (iban, FIELD_IBAN, GROUP_BANK),
  FIELD (bic, FIELD_TEXT, GROUP_BANK),
  FIELD (default_contribution_ppm, FIELD_RATE, GROUP_DEFAULTS),
  FIELD (payment_days, FIELD_DAYS, GROUP_DEFAULTS),
  FIELD (penalty_rate_ppm, FIELD_RATE, GROUP_DEFAULTS),
};

#define N_FIELDS 18
G_STATIC_ASSERT (G_N_ELEMENTS (fields) == N_FIELDS);

/* Each group has a label "<name>_errors" under its rows. */
static const char *const group_names[N_GROUPS] = { "identity", "address", "bank", "defaults" };

struct _EsPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  EsDb *db;
  /* the cooperative as last loaded or saved, and the text each row showed then */
  EsCooperative *saved;
  char *shown[N_FIELDS];
  /* field name → message, for the rows marked wrong */
  GHashTable *errors;
  /* TRUE while the rows are being filled, so that it does not count as typing */
  gboolean filling;

  AdwEntryRow *rows[N_FIELDS];
  GtkImage *error_icons[N_FIELDS];
  GtkLabel *group_errors[N_GROUPS];
};

G_DEFINE_FINAL_TYPE (EsPreferencesWindow, es_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
field_to_text (const Field *field, const EsCooperative *coop)
{
  const char *text;

  switch (field->kind)
    {
    case FIELD_MONEY:
      return es_money_format_plain (G_STRUCT_MEMBER (gint64, coop, field->offset));

    case FIELD_RATE:
      return es_rate_format (G_STRUCT_MEMBER (gint64, coop, field->offset));

    case FIELD_DAYS:
      return g_strdup_printf ("%d", G_STRUCT_MEMBER (int, coop, field->offset));

    case FIELD_IBAN:
    case FIELD_PHONE:
    case FIELD_TEXT:
    default:
      text = G_STRUCT_MEMBER (char *, coop, field->offset);
      if (text == NULL || text[0] == '\0')
        return g_strdup ("");
      if (field->kind == FIELD_IBAN)
        return es_iban_format (text);
      if (field->kind == FIELD_PHONE)
        return es_phone_format (text);
      return g_strdup (text);
    }
}

/* Reads text into the field of coop. On failure returns a message in words and leaves
 * coop as it was. */
static char *
field_from_text (const Field *field, const char *text, EsCooperative *coop)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gint64 value;

  switch (field->kind)
    {
    case FIELD_MONEY:
      if (!es_money_parse (stripped, &value, &error))
        return g_strdup (error->message);
      G_STRUCT_MEMBER (gint64, coop, field->offset) = value;
      return NULL;

    case FIELD_RATE:
      if (!es_rate_parse (stripped, &value, &error))
        return g_strdup (error->message);
      G_STRUCT_MEMBER (gint64, coop, field->offset) = value;
      return NULL;

    case FIELD_DAYS:
      if (!g_ascii_string_to_signed (stripped, 10, 0, G_MAXINT, &value, NULL))
        return g_strdup (_ ("Enter a whole number of days, such as 30."));
      G_STRUCT_MEMBER (int, coop, field->offset) = (int)value;
      return NULL;

    case FIELD_IBAN:
    case FIELD_PHONE:
    case FIELD_TEXT:
    default:
      g_free (G_STRUCT_MEMBER (char *, coop, field->offset));
      G_STRUCT_MEMBER (char *, coop, field->offset) = g_steal_pointer (&stripped);
      return NULL;
    }
}

static int
field_index (EsPreferencesWindow *self, AdwEntryRow *row)
{
  for (int i = 0; i < N_FIELDS; i++)
    if (self->rows[i] == row)
      return i;

  return -1;
}

static gboolean
is_dirty (EsPreferencesWindow *self)
{
  for (int i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->rows[i])), self->shown[i]) != 0)
      return TRUE;

  return FALSE;
}

static void
update_save_action (EsPreferencesWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.save", is_dirty (self));
}

/* Marks the rows named in self->errors and lists the messages under each group. */
static void
show_errors (EsPreferencesWindow *self)
{
  GString *lists[N_GROUPS] = { NULL };

  for (int i = 0; i < N_FIELDS; i++)
    {
      GtkWidget *row = GTK_WIDGET (self->rows[i]);
      const char *message = g_hash_table_lookup (self->errors, fields[i].name);
      GString **list = &lists[fields[i].group];

      es_field_mark (row, GTK_WIDGET (self->error_icons[i]), message, list);
    }

  for (int g = 0; g < N_GROUPS; g++)
    {
      gtk_label_set_text (self->group_errors[g], lists[g] != NULL ? lists[g]->str : "");
      gtk_widget_set_visible (GTK_WIDGET (self->group_errors[g]), lists[g] != NULL);
      if (lists[g] != NULL)
        g_string_free (lists[g], TRUE);
    }
}

static void
fill_rows (EsPreferencesWindow *self)
{
  self->filling = TRUE;
  for (int i = 0; i < N_FIELDS; i++)
    {
      g_free (self->shown[i]);
      self->shown[i] = field_to_text (&fields[i], self->saved);
      if (self->shown[i] == NULL)
        self->shown[i] = g_strdup ("");
      gtk_editable_set_text (GTK_EDITABLE (self->rows[i]), self->shown[i]);
    }
  self->filling = FALSE;

  g_hash_table_remove_all (self->errors);
  show_errors (self);
  update_save_action (self);
}

/* Shows text (not markup) in a toast. */
static void
add_toast (EsPreferencesWindow *self, const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (markup));
}

static void
row_changed_cb (EsPreferencesWindow *self, AdwEntryRow *row)
{
  int i;

  if (self->filling)
    return;

  /* What is being corrected is no longer shown as wrong. */
  i = field_index (self, row);
  if (i >= 0 && g_hash_table_remove (self->errors, fields[i].name))
    show_errors (self);

  update_save_action (self);
}

static void
row_activated_cb (EsPreferencesWindow *self, AdwEntryRow *row)
{
  if (is_dirty (self))
    es_preferences_window_save (self);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  es_preferences_window_save (ES_PREFERENCES_WINDOW (widget));
}

static void
close_response_cb (AdwMessageDialog *dialog, const char *response, EsPreferencesWindow *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
  else if (g_strcmp0 (response, "save") == 0 && es_preferences_window_save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
es_preferences_window_close_request (GtkWindow *window)
{
  EsPreferencesWindow *self = ES_PREFERENCES_WINDOW (window);
  GtkWidget *dialog;

  if (!is_dirty (self))
    return GTK_WINDOW_CLASS (es_preferences_window_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _ ("Save the Changes?"),
                                   _ ("The cooperative’s details were changed but not saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "discard",
                                    _ ("_Discard"), "save", _ ("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
es_preferences_window_constructed (GObject *object)
{
  EsPreferencesWindow *self = ES_PREFERENCES_WINDOW (object);
  g_autoptr (GError) error = NULL;

  G_OBJECT_CLASS (es_preferences_window_parent_class)->constructed (object);

  if (self->db != NULL)
    self->saved = es_cooperative_store_load (self->db, &error);
  if (self->saved == NULL)
    {
      self->saved = es_cooperative_new ();
      if (error != NULL)
        add_toast (self, error->message);
    }

  fill_rows (self);
}

static void
es_preferences_window_dispose (GObject *object)
{
  EsPreferencesWindow *self = ES_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ES_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (es_preferences_window_parent_class)->dispose (object);
}

static void
es_preferences_window_finalize (GObject *object)
{
  EsPreferencesWindow *self = ES_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->saved, es_cooperative_free);
  g_clear_pointer (&self->errors, g_hash_table_unref);
  for (int i = 0; i < N_FIELDS; i++)
    g_free (self->shown[i]);

  G_OBJECT_CLASS (es_preferences_window_parent_class)->finalize (object);
}

static void
es_preferences_window_get_property (GObject *object, guint prop_id, GValue *value,
                                    GParamSpec *pspec)
{
  EsPreferencesWindow *self = ES_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB:
      g_value_set_object (value, self->db);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_preferences_window_set_property (GObject *object, guint prop_id, const GValue *value,
                                    GParamSpec *pspec)
{
  EsPreferencesWindow *self = ES_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB:
      self->db = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_preferences_window_class_init (EsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = es_preferences_window_constructed;
  object_class->dispose = es_preferences_window_dispose;
  object_class->finalize = es_preferences_window_finalize;
  object_class->get_property = es_preferences_window_get_property;
  object_class->set_property = es_preferences_window_set_property;
  window_class->close_request = es_preferences_window_close_request;

  properties[PROP_DB]
      = g_param_spec_object ("db", NULL, NULL, ES_TYPE_DB,
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/coop/essaim/Essaim/ui/es-preferences-window.ui");
  for (int i = 0; i < N_FIELDS; i++)
    {
      g_autofree char *name = g_strconcat (fields[i].name, "_row", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, name, FALSE,
                                                 G_STRUCT_OFFSET (EsPreferencesWindow, rows)
                                                     + i * sizeof (gpointer));
    }
  for (int g = 0; g < N_GROUPS; g++)
    {
      g_autofree char *name = g_strconcat (group_names[g], "_errors", NULL);

      gtk_widget_class_bind_template_child_full (widget_class, name, FALSE,
                                                 G_STRUCT_OFFSET (EsPreferencesWindow, group_errors)
                                                     + g * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "prefs.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "prefs.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
es_preferences_window_init (EsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (int i = 0; i < N_FIELDS; i++)
    {
      self->error_icons[i] = GTK_IMAGE (gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_set_visible (GTK_WIDGET (self->error_icons[i]), FALSE);
      gtk_widget_add_css_class (GTK_WIDGET (self->error_icons[i]), "error");
      adw_entry_row_add_suffix (self->rows[i], GTK_WIDGET (self->error_icons[i]));
    }
}

EsPreferencesWindow *
es_preferences_window_new (GtkWindow *parent, EsDb *db)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ES_IS_DB (db), NULL);

  return g_object_new (ES_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "db", db, NULL);
}

gboolean
es_preferences_window_save (EsPreferencesWindow *self)
{
  g_autoptr (EsCooperative) coop = NULL;
  g_autoptr (EsCooperative) reloaded = NULL;
  g_autoptr (GHashTable) problems = NULL;
  g_autoptr (GString) unplaced = NULL;
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (ES_IS_PREFERENCES_WINDOW (self), FALSE);

  coop = es_cooperative_copy (self->saved);
  g_hash_table_remove_all (self->errors);

  for (int i = 0; i < N_FIELDS; i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->rows[i]));
      char *message = field_from_text (&fields[i], text, coop);

      if (message != NULL)
        g_hash_table_insert (self->errors, g_strdup (fields[i].name), message);
    }

  /* What could not even be read keeps its own message. */
  problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  es_cooperative_validate (coop, problems);
  g_hash_table_iter_init (&iter, problems);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_hash_table_contains (self->errors, key))
        continue;
      g_hash_table_iter_steal (&iter);
      g_hash_table_insert (self->errors, key, value);
    }

  if (g_hash_table_size (self->errors) > 0)
    {
      gboolean focused = FALSE;

      show_errors (self);

      /* Problems with a field that has no row here go to a toast. */
      g_hash_table_iter_init (&iter, self->errors);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gboolean placed = FALSE;

          for (int i = 0; i < N_FIELDS && !placed; i++)
            placed = g_str_equal (fields[i].name, key);
          if (placed)
            continue;
          if (unplaced == NULL)
            unplaced = g_string_new (value);
          else
            g_string_append_printf (unplaced, " %s", (const char *)value);
        }
      if (unplaced != NULL)
        add_toast (self, unplaced->str);

      for (int i = 0; i < N_FIELDS && !focused; i++)
        if (g_hash_table_contains (self->errors, fields[i].name))
          {
            GtkWidget *page
                = gtk_widget_get_ancestor (GTK_WIDGET (self->rows[i]), ADW_TYPE_PREFERENCES_PAGE);

            if (page != NULL)
              adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self),
                                                       ADW_PREFERENCES_PAGE (page));
            focused = gtk_widget_grab_focus (GTK_WIDGET (self->rows[i]));
          }

      return FALSE;
    }

  if (!es_cooperative_store_save (self->db, coop, &error))
    {
      add_toast (self, error->message);
      return FALSE;
    }

  reloaded = es_cooperative_store_load (self->db, NULL);
  es_cooperative_free (self->saved);
  self->saved = reloaded != NULL ? g_steal_pointer (&reloaded) : g_steal_pointer (&coop);
  fill_rows (self);
  add_toast (self, _ ("Cooperative saved"));

  return TRUE;
}
