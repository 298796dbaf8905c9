/* es-cli.h — what every essaim-cli command shares. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "es-db.h"

G_BEGIN_DECLS

/* Exit codes, documented in essaim-cli --help and README.md. */
enum
{
  ES_CLI_OK = 0,
  ES_CLI_FAILED = 1,   /* the command could not be done: the message says why */
  ES_CLI_USAGE = 2,    /* the command line is wrong */
  ES_CLI_PROBLEMS = 3, /* check: the database has problems */
  ES_CLI_INVALID = 4,  /* input data refused (import, add): nothing was written */
};

typedef struct
{
  char *database; /* the --database FILE, or the user's default database */
  gboolean json;
} EsCli;

typedef int (*EsCliFunc) (EsCli *cli, int argc, char **argv);

typedef struct
{
  const char *name;
  EsCliFunc func;
  const char *summary; /* translatable, English */
} EsCliCommand;

/* Opens cli->database; prints the error and returns NULL on failure. */
EsDb *es_cli_open (EsCli *cli, EsDbOpenFlags flags);
/* Opened read-only for a command that reads members: NULL, said, if the file is in an
 * older format (reading never migrates). */
EsDb *es_cli_open_for_reading (EsCli *cli);
/* Prints "essaim-cli: message" on stderr. */
void es_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Parses a command's options; on error prints it and returns FALSE. */
gboolean es_cli_parse (GOptionContext *context, int *argc, char ***argv);
/* Prints a JSON node on stdout, pretty. */
void es_cli_print_json (JsonNode *node);
/* Prints one builder's root. */
void es_cli_print_builder (JsonBuilder *builder);

/* Command groups, one file each. */
int es_cli_members (EsCli *cli, int argc, char **argv);
int es_cli_interviews (EsCli *cli, int argc, char **argv);
int es_cli_deadlines (EsCli *cli, int argc, char **argv);
int es_cli_bench (EsCli *cli, int argc, char **argv);

G_END_DECLS
