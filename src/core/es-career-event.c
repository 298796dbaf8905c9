/* es-career-event.c — one dated step of a member's pipeline (parcours).
 *
 * The kind-specific fields travel as a small JSON object (the career_event.data column):
 * only the fields that mean something for the kind are written, and reading checks every
 * field's type before touching the event, so that a bad row leaves the event unchanged.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "es-career-event.h"
#include "es-date.h"
#include "es-money.h"

GQuark
es_career_event_error_quark (void)
{
  return g_quark_from_static_string ("es-career-event-error-quark");
}

G_DEFINE_BOXED_TYPE (EsCareerEvent, es_career_event, es_career_event_copy, es_career_event_free)

/* ---------------------------------------------------------------------------------------
 * Codes and labels
 * ------------------------------------------------------------------------------------- */

typedef struct
{
  const char *code;
  const char *label; /* msgid, translated on use */
} CodeLabel;

static const CodeLabel kinds[ES_EVENT_N_KINDS] = {
  [ES_EVENT_INFO_MEETING] = { "info_meeting", N_ ("Information meeting") },
  [ES_EVENT_DIAGNOSTIC] = { "diagnostic", N_ ("Diagnostic") },
  [ES_EVENT_CAPE_SIGNED] = { "cape_signed", N_ ("CAPE signed") },
  [ES_EVENT_CAPE_RENEWED] = { "cape_renewed", N_ ("CAPE renewed") },
  [ES_EVENT_CAPE_ENDED] = { "cape_ended", N_ ("CAPE ended") },
  [ES_EVENT_CONTRACT_SIGNED] = { "contract_signed", N_ ("Contract signed") },
  [ES_EVENT_AMENDMENT] = { "amendment", N_ ("Amendment") },
  [ES_EVENT_ASSOCIATE] = { "associate", N_ ("Became associate") },
  [ES_EVENT_EXIT] = { "exit", N_ ("Exit") },
  [ES_EVENT_CANCELLATION] = { "cancellation", N_ ("Cancellation") },
};

static const CodeLabel reasons[ES_EXIT_N_REASONS] = {
  [ES_EXIT_OWN_COMPANY] = { "own_company", N_ ("Created their own company") },
  [ES_EXIT_SALARIED_JOB] = { "salaried_job", N_ ("Salaried job elsewhere") },
  [ES_EXIT_PROJECT_STOPPED] = { "project_stopped", N_ ("Project stopped") },
  [ES_EXIT_NOT_ADMITTED] = { "not_admitted", N_ ("Not admitted after the diagnostic") },
  [ES_EXIT_CAPE_END] = { "cape_end", N_ ("End of the CAPE without follow-up") },
  [ES_EXIT_RESIGNATION] = { "resignation", N_ ("Resignation") },
  [ES_EXIT_MUTUAL_AGREEMENT]
  = { "mutual_agreement", N_ ("Mutual termination (rupture conventionnelle)") },
  [ES_EXIT_DISMISSAL] = { "dismissal", N_ ("Dismissal") },
  [ES_EXIT_ASSOCIATE_DEADLINE]
  = { "associate_deadline", N_ ("Contract ended at the associate deadline") },
  [ES_EXIT_OTHER] = { "other", N_ ("Other reason") },
};

static gboolean
code_lookup (const CodeLabel *table, guint n, const char *code, guint *out)
{
  guint i;

  if (code == NULL)
    return FALSE;
  for (i = 0; i < n; i++)
    if (strcmp (table[i].code, code) == 0)
      {
        if (out != NULL)
          *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
es_event_kind_to_code (EsEventKind kind)
{
  g_return_val_if_fail ((guint)kind < ES_EVENT_N_KINDS, NULL);
  return kinds[kind].code;
}

gboolean
es_event_kind_from_code (const char *code, EsEventKind *out)
{
  guint i;

  if (!code_lookup (kinds, ES_EVENT_N_KINDS, code, &i))
    return FALSE;
  if (out != NULL)
    *out = (EsEventKind)i;
  return TRUE;
}

const char *
es_event_kind_label (EsEventKind kind)
{
  g_return_val_if_fail ((guint)kind < ES_EVENT_N_KINDS, NULL);
  return _ (kinds[kind].label);
}

const char *
es_event_kind_action (EsEventKind kind)
{
  /* What a menu or a button does, as a verb: the kind's label says what was done. */
  static const char *const actions[ES_EVENT_N_KINDS] = {
    [ES_EVENT_INFO_MEETING] = N_ ("Record an Information Meeting"),
    [ES_EVENT_DIAGNOSTIC] = N_ ("Record the Diagnostic"),
    [ES_EVENT_CAPE_SIGNED] = N_ ("Sign a CAPE"),
    [ES_EVENT_CAPE_RENEWED] = N_ ("Renew the CAPE"),
    [ES_EVENT_CAPE_ENDED] = N_ ("End the CAPE"),
    [ES_EVENT_CONTRACT_SIGNED] = N_ ("Sign the Contract"),
    [ES_EVENT_AMENDMENT] = N_ ("Amend the Contract"),
    [ES_EVENT_ASSOCIATE] = N_ ("Admit as Associate"),
    [ES_EVENT_EXIT] = N_ ("Record an Exit"),
    [ES_EVENT_CANCELLATION] = N_ ("Cancel a Step"),
  };

  g_return_val_if_fail ((guint)kind < ES_EVENT_N_KINDS, NULL);
  return _ (actions[kind]);
}

const char *
es_exit_reason_to_code (EsExitReason reason)
{
  g_return_val_if_fail ((guint)reason < ES_EXIT_N_REASONS, NULL);
  return reasons[reason].code;
}

gboolean
es_exit_reason_from_code (const char *code, EsExitReason *out)
{
  guint i;

  if (!code_lookup (reasons, ES_EXIT_N_REASONS, code, &i))
    return FALSE;
  if (out != NULL)
    *out = (EsExitReason)i;
  return TRUE;
}

const char *
es_exit_reason_label (EsExitReason reason)
{
  g_return_val_if_fail ((guint)reason < ES_EXIT_N_REASONS, NULL);
  return _ (reasons[reason].label);
}

/* ---------------------------------------------------------------------------------------
 * Life cycle
 * ------------------------------------------------------------------------------------- */

EsCareerEvent *
es_career_event_new (EsEventKind kind, const GDate *date)
{
  EsCareerEvent *event;

  g_return_val_if_fail ((guint)kind < ES_EVENT_N_KINDS, NULL);

  event = g_new0 (EsCareerEvent, 1);
  event->kind = kind;
  if (date != NULL)
    event->date = *date;
  else
    g_date_clear (&event->date, 1);
  g_date_clear (&event->end_date, 1);
  event->hours_milli = -1;
  event->fixed_gross_cents = -1;
  event->contribution_ppm = -1;
  event->exit_reason = ES_EXIT_OTHER;
  return event;
}

EsCareerEvent *
es_career_event_copy (const EsCareerEvent *event)
{
  EsCareerEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = g_new (EsCareerEvent, 1);
  *copy = *event;
  copy->reason = g_strdup (event->reason);
  copy->note = g_strdup (event->note);
  copy->author = g_strdup (event->author);
  copy->created_at = g_strdup (event->created_at);
  return copy;
}

void
es_career_event_free (EsCareerEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->reason);
  g_free (event->note);
  g_free (event->author);
  g_free (event->created_at);
  g_free (event);
}

/* ---------------------------------------------------------------------------------------
 * JSON
 * ------------------------------------------------------------------------------------- */

static void
add_text (JsonBuilder *builder, const char *name, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_date (JsonBuilder *builder, const char *name, const GDate *date)
{
  g_autofree char *iso = es_date_to_iso (date);

  if (iso == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, iso);
}

char *
es_career_event_data_to_json (const EsCareerEvent *event)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  switch (event->kind)
    {
    case ES_EVENT_DIAGNOSTIC:
      json_builder_set_member_name (builder, "admitted");
      json_builder_add_boolean_value (builder, event->admitted);
      add_text (builder, "reason", event->reason);
      break;
    case ES_EVENT_CAPE_SIGNED:
    case ES_EVENT_CAPE_RENEWED:
      add_date (builder, "end_date", &event->end_date);
      break;
    case ES_EVENT_CONTRACT_SIGNED:
      add_int (builder, "hours_milli", event->hours_milli);
      add_int (builder, "fixed_gross_cents", event->fixed_gross_cents);
      add_int (builder, "contribution_ppm", event->contribution_ppm);
      break;
    case ES_EVENT_AMENDMENT:
      if (event->hours_milli != -1)
        add_int (builder, "hours_milli", event->hours_milli);
      if (event->fixed_gross_cents != -1)
        add_int (builder, "fixed_gross_cents", event->fixed_gross_cents);
      if (event->contribution_ppm != -1)
        add_int (builder, "contribution_ppm", event->contribution_ppm);
      break;
    case ES_EVENT_ASSOCIATE:
      add_int (builder, "shares_subscribed", event->shares_subscribed);
      add_int (builder, "shares_paid_cents", event->shares_paid_cents);
      break;
    case ES_EVENT_EXIT:
      if ((guint)event->exit_reason < ES_EXIT_N_REASONS)
        {
          json_builder_set_member_name (builder, "exit_reason");
          json_builder_add_string_value (builder, reasons[event->exit_reason].code);
        }
      break;
    case ES_EVENT_CANCELLATION:
      add_text (builder, "reason", event->reason);
      break;
    case ES_EVENT_INFO_MEETING:
    case ES_EVENT_CAPE_ENDED:
    case ES_EVENT_N_KINDS:
    default:
      break;
    }
  add_text (builder, "note", event->note);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (ES_CAREER_EVENT_ERROR, ES_CAREER_EVENT_ERROR_INVALID_DATA, format,
                                 args);
  va_end (args);
  return FALSE;
}

/* The member's value node, NULL when absent or null. */
static JsonNode *
member_node (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

/* Reads an optional integer: TRUE and *out untouched when absent. */
static gboolean
read_int (JsonObject *object, const char *name, gboolean required, gint64 *out, GError **error)
{
  JsonNode *node = member_node (object, name);

  if (node == NULL)
    {
      if (required)
        return invalid (error, _ ("The field “%s” is missing from the event data."), name);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, _ ("The field “%s” of the event data must be a whole number."), name);
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
read_bool (JsonObject *object, const char *name, gboolean *out, GError **error)
{
  JsonNode *node = member_node (object, name);

  if (node == NULL)
    return invalid (error, _ ("The field “%s” is missing from the event data."), name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, _ ("The field “%s” of the event data must be true or false."), name);
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Reads an optional text: *out set to a copy, or NULL when absent. */
static gboolean
read_text (JsonObject *object, const char *name, char **out, GError **error)
{
  JsonNode *node = member_node (object, name);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, _ ("The field “%s” of the event data must be text."), name);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_date (JsonObject *object, const char *name, GDate *out, GError **error)
{
  JsonNode *node = member_node (object, name);
  const char *text;

  if (node == NULL)
    return invalid (error, _ ("The field “%s” is missing from the event data."), name);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (
        error, _ ("The field “%s” of the event data must be a date written YYYY-MM-DD."), name);
  text = json_node_get_string (node);
  if (!es_date_parse_iso (text, out))
    return invalid (error,
                    _ ("The field “%s” of the event data must be a date written "
                       "YYYY-MM-DD, not “%s”."),
                    name, text);
  return TRUE;
}

gboolean
es_career_event_data_from_json (EsCareerEvent *event, const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *note = NULL;
  JsonNode *root;
  JsonObject *object;
  /* Read into a scratch copy of the fields, committed only when everything is right. */
  gboolean admitted = FALSE;
  GDate end_date;
  gint64 hours = -1, fixed = -1, rate = -1, subscribed = 0, paid = 0;
  EsExitReason exit_reason = ES_EXIT_OTHER;

  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_date_clear (&end_date, 1);
  if (json == NULL || *json == '\0')
    json = "{}";

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    return invalid (error, _ ("The event data is not valid JSON: %s"), parse_error->message);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, _ ("The event data must be a JSON object."));
  object = json_node_get_object (root);

  switch (event->kind)
    {
    case ES_EVENT_DIAGNOSTIC:
      if (!read_bool (object, "admitted", &admitted, error)
          || !read_text (object, "reason", &reason, error))
        return FALSE;
      break;
    case ES_EVENT_CAPE_SIGNED:
    case ES_EVENT_CAPE_RENEWED:
      if (!read_date (object, "end_date", &end_date, error))
        return FALSE;
      break;
    case ES_EVENT_CONTRACT_SIGNED:
    case ES_EVENT_AMENDMENT:
      {
        gboolean required = event->kind == ES_EVENT_CONTRACT_SIGNED;

        if (!read_int (object, "hours_milli", required, &hours, error)
            || !read_int (object, "fixed_gross_cents", required, &fixed, error)
            || !read_int (object, "contribution_ppm", required, &rate, error))
          return FALSE;
      }
      break;
    case ES_EVENT_ASSOCIATE:
      if (!read_int (object, "shares_subscribed", TRUE, &subscribed, error)
          || !read_int (object, "shares_paid_cents", TRUE, &paid, error))
        return FALSE;
      break;
    case ES_EVENT_EXIT:
      {
        g_autofree char *code = NULL;

        if (!read_text (object, "exit_reason", &code, error))
          return FALSE;
        if (code == NULL)
          return invalid (error, _ ("The field “%s” is missing from the event data."),
                          "exit_reason");
        if (!es_exit_reason_from_code (code, &exit_reason))
          return invalid (error, _ ("“%s” is not a known exit reason."), code);
      }
      break;
    case ES_EVENT_CANCELLATION:
      if (!read_text (object, "reason", &reason, error))
        return FALSE;
      break;
    case ES_EVENT_INFO_MEETING:
    case ES_EVENT_CAPE_ENDED:
    case ES_EVENT_N_KINDS:
    default:
      break;
    }
  if (!read_text (object, "note", &note, error))
    return FALSE;

  event->admitted = admitted;
  g_free (event->reason);
  event->reason = g_steal_pointer (&reason);
  event->end_date = end_date;
  event->hours_milli = hours;
  event->fixed_gross_cents = fixed;
  event->contribution_ppm = rate;
  event->shares_subscribed = subscribed;
  event->shares_paid_cents = paid;
  event->exit_reason = exit_reason;
  g_free (event->note);
  event->note = g_steal_pointer (&note);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------
 * Description
 * ------------------------------------------------------------------------------------- */

char *
es_hours_format (gint64 hours_milli)
{
  GString *out = g_string_new (NULL);
  guint64 magnitude;
  guint frac;

  if (hours_milli < 0)
    g_string_append_c (out, '-');
  magnitude = hours_milli < 0 ? (guint64)0 - (guint64)hours_milli : (guint64)hours_milli;
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, magnitude / 1000);
  frac = (guint)(magnitude % 1000);
  if (frac != 0)
    {
      char digits[4];

      g_snprintf (digits, sizeof digits, "%03u", frac);
      if (digits[2] == '0')
        digits[2] = '\0';
      if (digits[1] == '0' && digits[2] == '\0')
        digits[1] = '\0';
      g_string_append_printf (out, ",%s", digits);
    }
  return g_string_free (out, FALSE);
}

/* "24 h/week, 1 200,00 € fixed, contribution 10 %": the given fields (-1 = left out). */
static char *
describe_terms (const EsCareerEvent *event)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (event->hours_milli != -1)
    {
      g_autofree char *hours = es_hours_format (event->hours_milli);
      /* Translators: weekly hours of a contract, "%s" is a number such as 24 or 17,5. */
      g_ptr_array_add (parts, g_strdup_printf (_ ("%s h/week"), hours));
    }
  if (event->fixed_gross_cents != -1)
    {
      g_autofree char *money = es_money_format (event->fixed_gross_cents);
      /* Translators: the fixed monthly gross pay of a contract, "%s" is an amount. */
      g_ptr_array_add (parts, g_strdup_printf (_ ("%s fixed"), money));
    }
  if (event->contribution_ppm != -1)
    {
      g_autofree char *rate = es_rate_format (event->contribution_ppm);
      /* Translators: the cooperative contribution rate, "%s" is a percentage. */
      g_ptr_array_add (parts, g_strdup_printf (_ ("contribution %s"), rate));
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  /* Translators: separator between the terms of a contract in a timeline line. */
  return g_strjoinv (_ (", "), (char **)parts->pdata);
}

static char *
describe_plain (const EsCareerEvent *event)
{
  switch (event->kind)
    {
    case ES_EVENT_INFO_MEETING:
      return g_strdup (_ ("Information meeting"));

    case ES_EVENT_DIAGNOSTIC:
      if (event->admitted)
        return g_strdup (_ ("Diagnostic: admitted"));
      if (event->reason != NULL && *event->reason != '\0')
        /* Translators: "%s" is the reason given, in the worker's own words. */
        return g_strdup_printf (_ ("Diagnostic: not admitted (%s)"), event->reason);
      return g_strdup (_ ("Diagnostic: not admitted"));

    case ES_EVENT_CAPE_SIGNED:
    case ES_EVENT_CAPE_RENEWED:
      {
        g_autofree char *end = es_date_format_short (&event->end_date);

        if (end == NULL)
          return g_strdup (es_event_kind_label (event->kind));
        if (event->kind == ES_EVENT_CAPE_SIGNED)
          /* Translators: "%s" is the planned last day of the CAPE, 31/03/2027. */
          return g_strdup_printf (_ ("CAPE signed until %s"), end);
        /* Translators: "%s" is the new planned last day of the CAPE, 31/03/2027. */
        return g_strdup_printf (_ ("CAPE renewed until %s"), end);
      }

    case ES_EVENT_CAPE_ENDED:
      return g_strdup (_ ("CAPE ended"));

    case ES_EVENT_CONTRACT_SIGNED:
    case ES_EVENT_AMENDMENT:
      {
        g_autofree char *terms = describe_terms (event);

        if (terms == NULL)
          return g_strdup (es_event_kind_label (event->kind));
        if (event->kind == ES_EVENT_CONTRACT_SIGNED)
          /* Translators: "%s" lists the terms: "24 h/week, 1 200,00 € fixed, contribution 10 %". */
          return g_strdup_printf (_ ("Contract signed: %s"), terms);
        /* Translators: "%s" lists what the amendment changes: "28 h/week, 1 500,00 € fixed". */
        return g_strdup_printf (_ ("Amendment: %s"), terms);
      }

    case ES_EVENT_ASSOCIATE:
      {
        g_autofree char *paid = es_money_format (event->shares_paid_cents);
        g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, event->shares_subscribed);
        gulong n
            = event->shares_subscribed < 0 ? 0 : (gulong)MIN (event->shares_subscribed, 1000000);

        /* Translators: the first "%s" is a number of shares, the second an amount paid. */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Became associate: %s share subscribed, %s paid",
                                             "Became associate: %s shares subscribed, %s paid", n),
                                count, paid);
      }

    case ES_EVENT_EXIT:
      if ((guint)event->exit_reason < ES_EXIT_N_REASONS)
        /* Translators: "%s" is the exit reason, "Resignation". */
        return g_strdup_printf (_ ("Exit: %s"), es_exit_reason_label (event->exit_reason));
      return g_strdup (_ ("Exit"));

    case ES_EVENT_CANCELLATION:
      if (event->reason != NULL && *event->reason != '\0')
        /* Translators: "%s" is why, in the worker's own words. */
        return g_strdup_printf (_ ("Cancels an earlier event: %s"), event->reason);
      return g_strdup (_ ("Cancels an earlier event"));

    case ES_EVENT_N_KINDS:
    default:
      return g_strdup ("?");
    }
}

char *
es_career_event_describe (const EsCareerEvent *event)
{
  g_autofree char *line = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  line = describe_plain (event);
  if (event->corrects_id != 0 && event->kind != ES_EVENT_CANCELLATION)
    /* Translators: "%s" describes an event that corrects an earlier one. */
    return g_strdup_printf (_ ("%s (correction)"), line);
  return g_steal_pointer (&line);
}
