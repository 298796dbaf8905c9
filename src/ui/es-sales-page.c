/* es-sales-page.c
 *
 * Copyright 2026 The Essaim contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "es-sales-page.h"

struct _EsSalesPage
{
  AdwBin parent_instance;

  EsDb *db;
};

G_DEFINE_FINAL_TYPE (EsSalesPage, es_sales_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_DB,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
es_sales_page_dispose (GObject *object)
{
  EsSalesPage *self = ES_SALES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ES_TYPE_SALES_PAGE);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (es_sales_page_parent_class)->dispose (object);
}

static void
es_sales_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  EsSalesPage *self = ES_SALES_PAGE (object);

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
es_sales_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  EsSalesPage *self = ES_SALES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DB:
      es_sales_page_set_db (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
es_sales_page_class_init (EsSalesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = es_sales_page_dispose;
  object_class->get_property = es_sales_page_get_property;
  object_class->set_property = es_sales_page_set_property;

  properties[PROP_DB]
      = g_param_spec_object ("db", NULL, NULL, ES_TYPE_DB,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/coop/essaim/Essaim/ui/es-sales-page.ui");
}

static void
es_sales_page_init (EsSalesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

EsDb *
es_sales_page_get_db (EsSalesPage *self)
{
  g_return_val_if_fail (ES_IS_SALES_PAGE (self), NULL);

  return self->db;
}

void
es_sales_page_set_db (EsSalesPage *self, EsDb *db)
{
  g_return_if_fail (ES_IS_SALES_PAGE (self));
  g_return_if_fail (db == NULL || ES_IS_DB (db));

  if (g_set_object (&self->db, db))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB]);
}
