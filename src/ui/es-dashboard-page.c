/* es-dashboard-page.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "es-dashboard-page.h"

struct _EsDashboardPage
{
  AdwBin parent_instance;

  EsDb *db;
};

G_DEFINE_FINAL_TYPE (EsDashboardPage, es_dashboard_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
es_dashboard_page_dispose (GObject *object)
{
  EsDashboardPage *self = ES_DASHBOARD_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ES_TYPE_DASHBOARD_PAGE);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (es_dashboard_page_parent_class)->dispose (object);
}

static void
es_dashboard_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EsDashboardPage *self = ES_DASHBOARD_PAGE (object);

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
es_dashboard_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  EsDashboardPage *self = ES_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB:
      es_dashboard_page_set_db (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_dashboard_page_class_init (EsDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = es_dashboard_page_dispose;
  object_class->get_property = es_dashboard_page_get_property;
  object_class->set_property = es_dashboard_page_set_property;

  properties[PROP_DB]
      = g_param_spec_object ("db", NULL, NULL, ES_TYPE_DB,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/coop/essaim/Essaim/ui/es-dashboard-page.ui");
}

static void
es_dashboard_page_init (EsDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EsDb *
es_dashboard_page_get_db (EsDashboardPage *self)
{
  g_return_val_if_fail (ES_IS_DASHBOARD_PAGE (self), NULL);

  return self->db;
}

void
es_dashboard_page_set_db (EsDashboardPage *self, EsDb *db)
{
  g_return_if_fail (ES_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (db == NULL || ES_IS_DB (db));

  if (g_set_object (&self->db, db))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}
