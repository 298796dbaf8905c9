/* es-member-card.h — one member on the pipeline board. */
#pragma once

#include <adwaita.h>

#include "es-member.h"

G_BEGIN_DECLS

#define ES_TYPE_MEMBER_CARD (es_member_card_get_type ())
G_DECLARE_FINAL_TYPE (EsMemberCard, es_member_card, ES, MEMBER_CARD, AdwBin)

GtkWidget *es_member_card_new (void);

/* Shows member (or nothing when NULL) as of today. */
void es_member_card_set_member (EsMemberCard *self, EsMember *member, const GDate *today);
EsMember *es_member_card_get_member (EsMemberCard *self);

/* Opens the card's menu of steps, as its button or the keyboard does. */
void es_member_card_popup_menu (EsMemberCard *self);

/* The steps the menu offers, as a menu model of "pipeline.add-event" items with a
 * (member id, event kind code) target, the natural next step first, then
 * "pipeline.open-member". */
GMenuModel *es_member_card_build_menu (EsMember *member);

G_END_DECLS
