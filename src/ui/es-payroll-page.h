/* es-payroll-page.h — the Payroll section of the main window. */
#pragma once

#include <adwaita.h>

#include "es-db.h"

G_BEGIN_DECLS

#define ES_TYPE_PAYROLL_PAGE (es_payroll_page_get_type ())
G_DECLARE_FINAL_TYPE (EsPayrollPage, es_payroll_page, ES, PAYROLL_PAGE, AdwBin)

EsDb *es_payroll_page_get_db (EsPayrollPage *self);
void es_payroll_page_set_db (EsPayrollPage *self, EsDb *db);

G_END_DECLS
