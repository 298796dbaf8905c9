/* es-demo.c — a realistic cooperative, generated from a seed.
 *
 * Every career event goes through es_member_store_add_event(), so the demo obeys the same
 * pipeline rules as a user would; the whole generation is one transaction.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "es-cooperative-store.h"
#include "es-date.h"
#include "es-demo.h"
#include "es-member-store.h"
#include "es-pipeline.h"

/* Bump when the generator changes what it makes: the demo file is then made anew. */
#define DEMO_GENERATOR_VERSION 1

static const char *const women[] = {
  "Camille",  "Léa",      "Manon",   "Chloé",    "Inès",    "Sarah",   "Julie",
  "Emma",     "Anaïs",    "Lucie",   "Clara",    "Marion",  "Élodie",  "Aurélie",
  "Nadia",    "Fatima",   "Amina",   "Sophie",   "Claire",  "Hélène",  "Mathilde",
  "Pauline",  "Justine",  "Laure",   "Agathe",   "Margaux", "Yasmine", "Céline",
  "Isabelle", "Nathalie", "Valérie", "Sandrine", "Maëlle",  "Solène",  "Aïcha",
};
static const char *const men[] = {
  "Lucas",   "Hugo",     "Louis",    "Nathan", "Théo",      "Thomas",  "Julien",  "Nicolas",
  "Antoine", "Maxime",   "Karim",    "Mehdi",  "Youssef",   "Pierre",  "Olivier", "Sébastien",
  "Jérôme",  "François", "Baptiste", "Romain", "Guillaume", "Mathieu", "Adrien",  "Clément",
  "Bastien", "Yann",     "Gaël",     "Rachid", "Samuel",    "Benoît",
};
static const char *const surnames[] = {
  "Martin",    "Bernard",  "Dubois",   "Thomas",   "Robert",   "Richard",  "Petit",   "Durand",
  "Leroy",     "Moreau",   "Simon",    "Laurent",  "Lefèvre",  "Michel",   "Garcia",  "David",
  "Bertrand",  "Roux",     "Vincent",  "Fournier", "Morel",    "Girard",   "André",   "Lefebvre",
  "Mercier",   "Dupont",   "Lambert",  "Bonnet",   "François", "Martinez", "Legrand", "Garnier",
  "Faure",     "Rousseau", "Blanc",    "Guérin",   "Muller",   "Henry",    "Roussel", "Nicolas",
  "Perrin",    "Morin",    "Mathieu",  "Clément",  "Gauthier", "Dumont",   "Lopez",   "Fontaine",
  "Chevalier", "Robin",    "Masson",   "Sanchez",  "Boyer",    "Denis",    "Lemaire", "Duval",
  "Joly",      "Gautier",  "Roger",    "Roche",    "Benali",   "Haddad",   "Nguyen",  "Diallo",
  "Traoré",    "Kowalski", "Da Silva", "Ferreira", "Le Goff",  "Le Gall",  "Bouvier", "Marchand",
  "Barbier",   "Brun",     "Arnaud",   "Aubert",
};

typedef struct
{
  const char *trade_pattern; /* %s: the last name */
  const char *activity;
  const char *naf;
} Activity;

static const Activity activities[] = {
  { "Atelier %s", "Ébénisterie et restauration de meubles", "16.23Z" },
  { "%s Traductions", "Traduction technique anglais-français", "74.30Z" },
  { "Studio %s", "Graphisme et identité visuelle", "74.10Z" },
  { "%s Web", "Développement de sites et d'applications web", "62.01Z" },
  { "%s Photographie", "Photographie de reportage et de portrait", "74.20Z" },
  { "Cap Communication", "Conseil en communication pour les associations", "70.21Z" },
  { "%s Formation", "Formation professionnelle en bureautique", "85.59A" },
  { "Jardins de %s", "Création et entretien de jardins", "81.30Z" },
  { "Fil & Aiguille", "Couture sur mesure et retouches", "14.13Z" },
  { "%s Rénovation", "Rénovation intérieure et peinture", "43.34Z" },
  { "La Table de %s", "Traiteur bio et local", "56.21Z" },
  { "Yoga %s", "Cours de yoga et de relaxation", "85.51Z" },
  { "%s Illustrations", "Illustration jeunesse et édition", "90.03A" },
  { "Terre & Feu", "Céramique utilitaire et décorative", "23.41Z" },
  { "%s Bijoux", "Création de bijoux en argent recyclé", "32.12Z" },
  { "%s Vidéo", "Réalisation de films institutionnels", "59.11B" },
  { "Agro-Conseil %s", "Conseil en agroécologie et maraîchage", "74.90B" },
  { "Réussite %s", "Soutien scolaire et aide aux devoirs", "85.59B" },
  { "%s RH Conseil", "Conseil en ressources humaines pour TPE", "70.22Z" },
  { "Intérieurs %s", "Architecture d'intérieur et décoration", "74.10Z" },
  { "%s Plomberie", "Plomberie et chauffage", "43.22A" },
  { "Éco-Élec %s", "Électricité du bâtiment", "43.21A" },
  { "%s Mots", "Rédaction web et relecture", "90.03B" },
  { "Le Vélo de %s", "Réparation de vélos à domicile", "95.29Z" },
  { "%s Réflexologie", "Réflexologie plantaire", "96.04Z" },
  { "Data %s", "Analyse de données et tableaux de bord", "62.02A" },
  { "%s Musique", "Cours de musique et concerts", "90.01Z" },
  { "Les Savons de %s", "Savonnerie artisanale à froid", "20.42Z" },
};

typedef struct
{
  const char *postal_code;
  const char *city;
  const char *street;
} Place;

static const Place places[] = {
  { "69003", "Lyon", "rue Paul Bert" },
  { "69007", "Lyon", "avenue Jean Jaurès" },
  { "69100", "Villeurbanne", "cours Émile Zola" },
  { "38000", "Grenoble", "rue Très-Cloîtres" },
  { "42000", "Saint-Étienne", "rue de la République" },
  { "74000", "Annecy", "avenue de Genève" },
  { "26000", "Valence", "rue Madier de Montjau" },
  { "73000", "Chambéry", "rue de Boigne" },
  { "01000", "Bourg-en-Bresse", "boulevard Victor Hugo" },
  { "63000", "Clermont-Ferrand", "rue du Port" },
  { "38200", "Vienne", "quai Jean Jaurès" },
  { "69200", "Vénissieux", "avenue Marcel Houël" },
};

typedef struct
{
  const char *name;
  const char *dept; /* for the NIR */
} BirthPlace;

static const BirthPlace birth_places[] = {
  { "Lyon", "69" },     { "Paris", "75" },         { "Marseille", "13" },
  { "Grenoble", "38" }, { "Saint-Étienne", "42" }, { "Ajaccio", "2A" },
  { "Bastia", "2B" },   { "Lille", "59" },         { "Nantes", "44" },
  { "Toulouse", "31" }, { "Annecy", "74" },        { "Clermont-Ferrand", "63" },
};

static const char *const summaries[] = {
  "Point sur le chiffre d'affaires du trimestre et les relances clients.",
  "Préparation du passage en CESA : objectifs d'activité et rémunération fixe.",
  "Travail sur la grille tarifaire et le modèle de devis.",
  "Bilan de la période de test, prospection à renforcer.",
  "Point sur les dépenses et le compte d'activité ; plan d'action sur trois mois.",
  "Accompagnement à la réponse à un appel d'offres public.",
  "Atelier collectif : fixer ses prix et calculer sa rémunération.",
  "Échange sur le sociétariat et la souscription de parts sociales.",
  "Suivi : nouveau client important, point sur la trésorerie.",
  "Entretien annuel : objectifs de l'année et besoins de formation.",
};

static const char *const not_admitted_reasons[] = {
  "Projet pas encore assez mûr : revenir après une étude de marché.",
  "Activité réglementée qui ne peut pas être exercée dans la coopérative.",
  "Projet relevant d'une création de société avec associés.",
};

typedef struct
{
  GRand *rand;
  EsDb *db;
  GDate today;
  GArray *counselors; /* gint64 */
} Gen;

static const char *
pick (Gen *g, const char *const *list, guint n)
{
  return list[g_rand_int_range (g->rand, 0, (gint32)n)];
}

static int
range (Gen *g, int lo, int hi)
{
  return g_rand_int_range (g->rand, lo, hi + 1);
}

static gboolean
chance (Gen *g, double p)
{
  return g_rand_double (g->rand) < p;
}

static char *
ascii_fold (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);
    else if (*p == ' ' || *p == '-')
      g_string_append_c (out, '-');
  return g_string_free (out, FALSE);
}

/* Luhn check digit that completes digits (without it). */
static int
luhn_digit (const char *digits)
{
  int sum = 0;
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      int d = digits[len - 1 - i] - '0';
      if (i % 2 == 0)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  return (10 - sum % 10) % 10;
}

static int
mod97 (const char *digits)
{
  int r = 0;
  for (const char *p = digits; *p; p++)
    r = (r * 10 + (*p - '0')) % 97;
  return r;
}

static char *
make_nir (Gen *g, gboolean woman, const GDate *birth, const BirthPlace *place, guint index)
{
  g_autofree char *number = NULL;
  g_autofree char *numeric = NULL;
  char dept_numeric[3];

  number = g_strdup_printf ("%d%02d%02d%s%03u%03u", woman ? 2 : 1, g_date_get_year (birth) % 100,
                            g_date_get_month (birth), place->dept, 101 + (index / 997) % 890,
                            1 + index % 997);
  /* Corsica counts as 19 (2A) and 18 (2B) in the key. */
  g_strlcpy (dept_numeric, place->dept, sizeof dept_numeric);
  if (g_str_equal (place->dept, "2A"))
    g_strlcpy (dept_numeric, "19", sizeof dept_numeric);
  else if (g_str_equal (place->dept, "2B"))
    g_strlcpy (dept_numeric, "18", sizeof dept_numeric);
  numeric = g_strdup (number);
  memcpy (numeric + 5, dept_numeric, 2);
  return g_strdup_printf ("%s%02d", number, 97 - (int)(g_ascii_strtoull (numeric, NULL, 10) % 97));
}

static gboolean
add_event (Gen *g, EsCareerEvent *event, GError **error)
{
  return es_member_store_add_event (g->db, event, &g->today, error) > 0;
}

static GDate
later (Gen *g, const GDate *from, int lo_days, int hi_days)
{
  return es_date_add_days (from, range (g, lo_days, hi_days));
}

static gboolean
past (Gen *g, const GDate *d)
{
  return es_date_compare (d, &g->today) > 0;
}

static gboolean
add_interviews (Gen *g, gint64 member_id, gint64 counselor, const GDate *from, const GDate *until,
                double diligence, GError **error)
{
  GDate d = later (g, from, 20, 60);

  while (es_date_compare (&d, until) <= 0 && es_date_compare (&d, &g->today) <= 0)
    {
      g_autoptr (EsInterview) interview = es_interview_new ();

      if (chance (g, diligence))
        {
          interview->member_id = member_id;
          interview->date = d;
          interview->staff_id = counselor;
          interview->kind = chance (g, 0.8) ? ES_INTERVIEW_INDIVIDUAL
                                            : (chance (g, 0.5) ? ES_INTERVIEW_COLLECTIVE
                                                               : ES_INTERVIEW_WORKSHOP);
          g_free (interview->summary);
          interview->summary = g_strdup (pick (g, summaries, G_N_ELEMENTS (summaries)));
          if (es_interview_store_add (g->db, interview, &g->today, error) == 0)
            return FALSE;
        }
      d = later (g, &d, 110, 200);
    }
  return TRUE;
}

/* One member's whole journey, replayed forward from its first meeting up to today. */
static gboolean
generate_member (Gen *g, guint index, GError **error)
{
  g_autoptr (EsMember) m = es_member_new ();
  gboolean woman = chance (g, 0.55);
  const Activity *act = &activities[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (activities))];
  const Place *place = &places[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (places))];
  const BirthPlace *bp = &birth_places[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (birth_places))];
  g_autofree char *first_ascii = NULL;
  g_autofree char *last_ascii = NULL;
  gint64 counselor = g_array_index (g->counselors, gint64, range (g, 0, g->counselors->len - 1));
  GDate d, start, end_of_journey;
  gboolean foreign = chance (g, 0.08);
  double diligence = chance (g, 0.85) ? 0.95 : 0.3;
  gint64 contract_hours = 0, contract_gross = 0;
  gint64 id;

  g_free (m->civility);
  m->civility = g_strdup (woman ? "mme" : "m");
  g_free (m->first_name);
  m->first_name = g_strdup (woman ? pick (g, women, G_N_ELEMENTS (women))
                                  : pick (g, men, G_N_ELEMENTS (men)));
  g_free (m->last_name);
  m->last_name = g_strdup (pick (g, surnames, G_N_ELEMENTS (surnames)));
  m->birth_date = es_date_make (g_date_get_year (&g->today) - range (g, 23, 62), range (g, 1, 12),
                                range (g, 1, 28));
  g_free (m->birth_place);
  g_free (m->nationality);
  if (foreign)
    {
      m->birth_place = g_strdup (chance (g, 0.5) ? "Dakar (Sénégal)" : "Tunis (Tunisie)");
      m->nationality = g_strdup (chance (g, 0.5) ? "sénégalaise" : "tunisienne");
      m->permit_end = later (g, &g->today, -20, 400);
    }
  else
    {
      m->birth_place = g_strdup (bp->name);
      m->nationality = g_strdup ("française");
      m->nir = make_nir (g, woman, &m->birth_date, bp, index);
    }
  g_free (m->street);
  m->street = g_strdup_printf ("%d %s", range (g, 1, 120), place->street);
  g_free (m->postal_code);
  m->postal_code = g_strdup (place->postal_code);
  g_free (m->city);
  m->city = g_strdup (place->city);
  g_free (m->phone);
  m->phone = g_strdup_printf ("0%d%08d", chance (g, 0.8) ? 6 : 7, range (g, 0, 99999999));
  first_ascii = ascii_fold (m->first_name);
  last_ascii = ascii_fold (m->last_name);
  g_free (m->email);
  {
    /* Namesakes are common in a large cooperative: beyond the demo size, number them. */
    g_autofree char *suffix = index >= 60 ? g_strdup_printf ("%u", index) : g_strdup ("");
    m->email = g_strdup_printf ("%s.%s%s@%s", first_ascii, last_ascii, suffix,
                                chance (g, 0.5) ? "exemple.fr" : "courriel.fr");
  }
  g_free (m->trade_name);
  {
    g_auto (GStrv) parts = g_strsplit (act->trade_pattern, "%s", 2);
    m->trade_name = g_strjoinv (m->last_name, parts);
  }
  g_free (m->activity);
  m->activity = g_strdup (act->activity);
  g_free (m->naf_code);
  m->naf_code = g_strdup (act->naf);
  m->counselor_id = counselor;
  m->entry_status = chance (g, 0.6)   ? ES_ENTRY_JOB_SEEKER
                    : chance (g, 0.3) ? ES_ENTRY_RSA
                    : chance (g, 0.5) ? ES_ENTRY_EMPLOYEE
                                      : ES_ENTRY_OTHER;

  /* When the journey began: a few just arrived (reception), the others over six years. */
  if (chance (g, 0.1))
    start = es_date_add_days (&g->today, -range (g, 3, 40));
  else
    start = es_date_add_days (&g->today, -range (g, 40, 6 * 365));
  if (m->entry_status == ES_ENTRY_JOB_SEEKER)
    m->benefits_end = es_date_add_months (&start, range (g, 10, 24));

  id = es_member_store_insert (g->db, m, error);
  if (id == 0)
    return FALSE;
  end_of_journey = g->today;

  {
    g_autoptr (EsCareerEvent) e = es_career_event_new (ES_EVENT_INFO_MEETING, &start);
    e->member_id = id;
    if (!add_event (g, e, error))
      return FALSE;
  }
  d = later (g, &start, 5, 25);
  if (past (g, &d))
    goto interviews;
  {
    g_autoptr (EsCareerEvent) e = es_career_event_new (ES_EVENT_DIAGNOSTIC, &d);
    e->member_id = id;
    e->admitted = !chance (g, 0.07);
    if (!e->admitted)
      e->reason = g_strdup (pick (g, not_admitted_reasons, G_N_ELEMENTS (not_admitted_reasons)));
    if (!add_event (g, e, error))
      return FALSE;
    if (!e->admitted)
      {
        end_of_journey = d;
        goto interviews;
      }
  }

  if (chance (g, 0.85))
    {
      GDate cape_end;
      int renewals = 0;

      d = later (g, &d, 7, 30);
      if (past (g, &d))
        goto interviews;
      {
        g_autoptr (EsCareerEvent) e = es_career_event_new (ES_EVENT_CAPE_SIGNED, &d);
        GDate max = es_pipeline_cape_max_end (&d);
        e->member_id = id;
        e->end_date = es_date_add_days (&d, chance (g, 0.5) ? 182 : 364);
        if (es_date_compare (&e->end_date, &max) > 0)
          e->end_date = max;
        cape_end = e->end_date;
        if (!add_event (g, e, error))
          return FALSE;
      }
      while (renewals < 2 && chance (g, 0.35))
        {
          g_autoptr (EsCareerEvent) e = NULL;
          GDate when = es_date_add_days (&cape_end, -range (g, 5, 30));
          GDate max = es_pipeline_cape_max_end (&cape_end);
          if (past (g, &when))
            break;
          e = es_career_event_new (ES_EVENT_CAPE_RENEWED, &when);
          e->member_id = id;
          e->end_date = es_date_add_days (&cape_end, chance (g, 0.5) ? 182 : 365);
          if (es_date_compare (&e->end_date, &max) > 0)
            e->end_date = max;
          if (!add_event (g, e, error))
            return FALSE;
          cape_end = e->end_date;
          renewals++;
        }
      /* A few tests end without a contract. */
      if (chance (g, 0.12))
        {
          g_autoptr (EsCareerEvent) e = NULL;
          d = es_date_add_days (&cape_end, -range (g, 0, 60));
          if (past (g, &d))
            goto interviews;
          e = es_career_event_new (ES_EVENT_EXIT, &d);
          e->member_id = id;
          e->exit_reason = chance (g, 0.5) ? ES_EXIT_CAPE_END : ES_EXIT_SALARIED_JOB;
          if (!add_event (g, e, error))
            return FALSE;
          end_of_journey = d;
          goto interviews;
        }
      /* Most sign their contract a little before the end; a few forget, and their CAPE
       * end shows overdue. */
      d = es_date_add_days (&cape_end, -range (g, 0, 90));
      if (past (g, &d))
        goto interviews;
      /* Only a CAPE that ended these last weeks can still be waiting for its follow-up. */
      if (es_date_days_between (&cape_end, &g->today) < 45 && chance (g, 0.5))
        goto interviews;
    }
  else
    d = later (g, &d, 10, 45);

  if (past (g, &d))
    goto interviews;
  {
    g_autoptr (EsCareerEvent) e = es_career_event_new (ES_EVENT_CONTRACT_SIGNED, &d);
    static const gint64 hours[] = { 12000, 17500, 24000, 28000, 35000 };
    e->member_id = id;
    e->hours_milli = hours[range (g, 0, G_N_ELEMENTS (hours) - 1)];
    e->fixed_gross_cents = (gint64)range (g, 35, 110) * 2000;
    contract_hours = e->hours_milli;
    contract_gross = e->fixed_gross_cents;
    e->contribution_ppm = (gint64)range (g, 8, 15) * 10000;
    if (!add_event (g, e, error))
      return FALSE;
  }

  {
    EsPipelineState state;
    g_autoptr (GPtrArray) events = es_member_store_events (g->db, id, error);
    GDate deadline;

    if (events == NULL || !es_pipeline_derive (events, &state, error))
      return FALSE;
    deadline = state.associate_deadline;

    if (chance (g, 0.4))
      {
        g_autoptr (EsCareerEvent) e = NULL;
        GDate when = later (g, &d, 120, 500);
        if (!past (g, &when) && es_date_compare (&when, &deadline) < 0)
          {
            e = es_career_event_new (ES_EVENT_AMENDMENT, &when);
            e->member_id = id;
            /* Hours and pay grow with turnover. */
            e->hours_milli = contract_hours < 35000 ? 35000 : -1;
            e->fixed_gross_cents = contract_gross + (gint64)range (g, 10, 30) * 2000;
            e->contribution_ppm = -1;
            if (!add_event (g, e, error))
              return FALSE;
            d = when;
          }
      }
    if (chance (g, 0.1))
      {
        g_autoptr (EsCareerEvent) e = NULL;
        static const EsExitReason reasons[]
            = { ES_EXIT_OWN_COMPANY, ES_EXIT_SALARIED_JOB, ES_EXIT_RESIGNATION,
                ES_EXIT_MUTUAL_AGREEMENT, ES_EXIT_PROJECT_STOPPED };
        GDate when = later (g, &d, 60, 700);
        if (!past (g, &when) && es_date_compare (&when, &deadline) <= 0)
          {
            e = es_career_event_new (ES_EVENT_EXIT, &when);
            e->member_id = id;
            e->exit_reason = reasons[range (g, 0, G_N_ELEMENTS (reasons) - 1)];
            e->note = g_strdup ("Départ annoncé lors de l'entretien de suivi.");
            if (!add_event (g, e, error))
              return FALSE;
            end_of_journey = when;
            goto interviews;
          }
      }
    {
      /* Most become associates well before their deadline. */
      int span = es_date_days_between (&d, &deadline);
      GDate when = es_date_add_days (&d, span > 60 ? range (g, span / 3, span - 10) : span);
      GDate after = es_date_add_days (&deadline, 1);
      if (!past (g, &when) && chance (g, 0.9))
        {
          g_autoptr (EsCareerEvent) e = es_career_event_new (ES_EVENT_ASSOCIATE, &when);
          e->member_id = id;
          e->shares_subscribed = range (g, 1, 10);
          e->shares_paid_cents = e->shares_subscribed * 5000;
          if (!add_event (g, e, error))
            return FALSE;
        }
      else if (!past (g, &after))
        {
          /* Not associate by the deadline: the contract ends the day after (L7331-3). */
          g_autoptr (EsCareerEvent) e = es_career_event_new (ES_EVENT_EXIT, &after);
          e->member_id = id;
          e->exit_reason = ES_EXIT_ASSOCIATE_DEADLINE;
          if (!add_event (g, e, error))
            return FALSE;
          end_of_journey = after;
        }
    }
  }

interviews:
  return add_interviews (g, id, counselor, &start, &end_of_journey, diligence, error);
}

static gboolean
generate_cooperative (Gen *g, GError **error)
{
  g_autoptr (EsCooperative) coop = es_cooperative_new ();
  g_autofree char *siren8 = g_strdup_printf ("%08d", 81000000 + (g_rand_int (g->rand) % 8999999));
  g_autofree char *siren = g_strdup_printf ("%s%d", siren8, luhn_digit (siren8));
  g_autofree char *siret13 = g_strdup_printf ("%s0001", siren);
  g_autofree char *bban = g_strdup_printf ("3000400828%011d%02d", range (g, 0, 99999999), 0);
  g_autofree char *check = NULL;
  int key;

  coop->legal_name = (g_free (coop->legal_name), g_strdup ("Coopérative Essaim Démo"));
  coop->legal_form = (g_free (coop->legal_form), g_strdup ("SCOP SA à capital variable"));
  coop->share_capital_cents = 4520000;
  coop->siren = (g_free (coop->siren), g_strdup (siren));
  coop->siret = (g_free (coop->siret), g_strdup_printf ("%s%d", siret13, luhn_digit (siret13)));
  coop->rcs_city = (g_free (coop->rcs_city), g_strdup ("Lyon"));
  key = (12 + 3 * (mod97 (siren))) % 97;
  coop->vat_number = (g_free (coop->vat_number), g_strdup_printf ("FR%02d%s", key, siren));
  coop->ape_code = (g_free (coop->ape_code), g_strdup ("70.22Z"));
  coop->street = (g_free (coop->street), g_strdup ("12 rue de la Ruche"));
  coop->postal_code = (g_free (coop->postal_code), g_strdup ("69003"));
  coop->city = (g_free (coop->city), g_strdup ("Lyon"));
  coop->email = (g_free (coop->email), g_strdup ("contact@essaim-demo.coop"));
  coop->phone = (g_free (coop->phone), g_strdup ("0472000000"));
  /* FR IBAN: check digits 98 − (BBAN + "FR00" as digits mod 97). */
  check = g_strdup_printf ("%s152700", bban);
  coop->iban = (g_free (coop->iban), g_strdup_printf ("FR%02d%s", 98 - mod97 (check), bban));
  coop->bic = (g_free (coop->bic), g_strdup ("CCOPFRPPXXX"));
  return es_cooperative_store_save (g->db, coop, error);
}

static gboolean
generate_staff (Gen *g, GError **error)
{
  static const struct
  {
    const char *name, *email, *role;
  } staff[] = {
    { "Camille Berthier", "camille.berthier@essaim-demo.coop", "counselor" },
    { "Nadia Benali", "nadia.benali@essaim-demo.coop", "counselor" },
    { "Julien Morel", "julien.morel@essaim-demo.coop", "counselor" },
    { "Sophie Lemaire", "sophie.lemaire@essaim-demo.coop", "counselor" },
    { "Hélène Marchand", "helene.marchand@essaim-demo.coop", "payroll" },
    { "Karim Haddad", "karim.haddad@essaim-demo.coop", "accountant" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      g_autoptr (EsStaff) s = es_staff_new (staff[i].name, staff[i].email, staff[i].role);
      gint64 id = es_staff_store_add (g->db, s, error);
      if (id == 0)
        return FALSE;
      if (g_str_equal (staff[i].role, "counselor"))
        g_array_append_val (g->counselors, id);
    }
  return TRUE;
}

void
es_demo_options_init (EsDemoOptions *options)
{
  memset (options, 0, sizeof *options);
  options->seed = 1;
  options->n_members = 60;
  g_date_clear (&options->today, 1);
}

gboolean
es_demo_generate (EsDb *db, const EsDemoOptions *options, EsProgressFunc progress,
                  gpointer progress_data, GCancellable *cancellable, GError **error)
{
  Gen g = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (ES_IS_DB (db), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (es_member_store_count (db, error) > 0)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_EXISTS,
                   _ ("This database already has members: demo data goes only into an empty "
                      "one."));
      return FALSE;
    }

  g.rand = g_rand_new_with_seed (options->seed ? options->seed : 1);
  g.db = db;
  g.today = g_date_valid (&options->today) ? options->today : es_date_today ();
  g.counselors = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!es_db_begin (db, error))
    goto out;
  if (!generate_cooperative (&g, error) || !generate_staff (&g, error))
    goto rollback;
  for (guint i = 0; i < options->n_members; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto rollback;
      if (!generate_member (&g, i, error))
        goto rollback;
      if (progress != NULL && (i % 50 == 0 || i + 1 == options->n_members))
        progress ((double)(i + 1) / options->n_members, progress_data);
    }
  ok = es_db_commit (db, error);
  goto out;

rollback:
  es_db_rollback (db);
out:
  g_array_unref (g.counselors);
  g_rand_free (g.rand);
  return ok;
}

char *
es_demo_ensure_file (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "essaim", NULL);
  g_autofree char *name = g_strdup_printf ("demo-%d.db", DEMO_GENERATOR_VERSION);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (EsDb) db = NULL;
  g_autoptr (GError) local_error = NULL;
  EsDemoOptions options;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, ES_DB_ERROR, ES_DB_ERROR_IO, _ ("Cannot create the folder “%s”."), dir);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      db = es_db_open (path, ES_DB_OPEN_DEFAULT, &local_error);
      if (db != NULL)
        return g_steal_pointer (&path);
      /* A damaged or stale demo is only a cache: make it anew. */
      g_clear_error (&local_error);
      for (const char *suffix = ""; suffix != NULL;
           suffix = *suffix ? (*suffix == '-' && suffix[1] == 'w' ? "-shm" : NULL) : "-wal")
        {
          g_autofree char *f = g_strconcat (path, suffix, NULL);
          g_unlink (f);
        }
    }
  db = es_db_open (path, ES_DB_OPEN_CREATE_NEW, error);
  if (db == NULL)
    return NULL;
  es_demo_options_init (&options);
  if (!es_demo_generate (db, &options, NULL, NULL, NULL, error))
    {
      g_clear_object (&db);
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}
