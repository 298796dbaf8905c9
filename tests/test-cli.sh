#!/bin/bash
# test-cli.sh — essaim-cli from the outside, as scripts use it. TAP output.
#
#   tests/test-cli.sh PATH/TO/essaim-cli [FIXTURES_DIR]
#
# FIXTURES_DIR defaults to $G_TEST_SRCDIR/data/csv (meson sets G_TEST_SRCDIR), else to
# data/csv beside this script. Needs python3 to read the JSON output.
set -u

CLI=${1:?usage: test-cli.sh PATH/TO/essaim-cli [FIXTURES_DIR]}
DATA=${2:-${G_TEST_SRCDIR:-$(dirname "$0")}/data/csv}
# Absolute paths: the tests run in a temporary directory.
CLI=$(cd "$(dirname "$CLI")" && pwd)/$(basename "$CLI")
DATA=$(cd "$DATA" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/essaim-cli-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1

# Never the user's own database, whatever happens.
export XDG_DATA_HOME="$TMP/xdg-data" XDG_CACHE_HOME="$TMP/xdg-cache"
export LC_ALL=C.UTF-8
unset LANGUAGE # the checks read the English messages

n=0
failures=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failures=$((failures + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/# /'
  done
}

# run ARGS…: runs essaim-cli, leaving its exit code in RC, its output in out and err.
run () {
  "$CLI" "$@" >out 2>err
  RC=$?
}

# expect CODE DESCRIPTION ARGS…
expect () {
  local want=$1 desc=$2
  shift 2
  run "$@"
  if [ "$RC" -eq "$want" ]; then
    ok "$desc"
  else
    not_ok "$desc (exit $RC, expected $want)" "stdout: $(head -c 1500 out)" \
      "stderr: $(head -c 1500 err)"
  fi
}

# check DESCRIPTION COMMAND…: a shell condition.
check () {
  local desc=$1
  shift
  if "$@"; then
    ok "$desc"
  else
    not_ok "$desc" "stdout: $(head -c 1500 out)" "stderr: $(head -c 1500 err)"
  fi
}

# json EXPRESSION: evaluates a Python expression over the JSON on stdout (as d).
json () {
  python3 -c "import json, sys
d = json.load(open('out'))
sys.exit(0 if ($1) else 1)"
}

members_count () {
  "$CLI" --database "$1" --json members list | python3 -c 'import json, sys; print(json.load(sys.stdin)["count"])'
}

DB=coop.db

# --- init, demo, check -----------------------------------------------------------------

expect 0 "init creates a database" --database new.db init
check "init wrote the file" test -s new.db
cp new.db new.db.before
expect 1 "init refuses an existing file" --database new.db init
check "init over an existing file says why" grep -q "already exists" err
check "the existing file is unchanged" cmp -s new.db new.db.before

expect 0 "demo --members 20 --seed 3" --database "$DB" demo --members 20 --seed 3
expect 0 "check a sound database" --database "$DB" check
expect 0 "check --json" --database "$DB" --json check
check "check --json parses and says ok" json 'd["ok"] is True and d["members"] == 20 and d["problems"] == []'

# --- members list / add / show ---------------------------------------------------------

expect 0 "members list --json" --database "$DB" --json members list
check "members list --json counts 20 members" json 'd["count"] == 20 and len(d["members"]) == 20'
check "members list --json has stable keys" \
  json 'all(set(["id", "first_name", "last_name", "stage", "stage_label", "counselor", "next_deadline"]) <= set(m) for m in d["members"])'
expect 0 "members list (text)" --database "$DB" members list
check "members list (text) ends with the count" grep -q "^20 members$" out
expect 0 "members list --stage cape" --database "$DB" --json members list --stage cape
check "--stage keeps that stage only" json 'd["count"] > 0 and all(m["stage"] == "cape" for m in d["members"])'
expect 2 "members list --stage with an unknown code" --database "$DB" members list --stage nowhere
expect 0 "members list --counselor" --database "$DB" --json members list --counselor "nadia BENALI"
check "--counselor keeps that counselor's members" json 'd["count"] > 0 and all(m["counselor"] == "Nadia Benali" for m in d["members"])'
expect 2 "members list --counselor with an unknown name" --database "$DB" members list --counselor "Personne"
check "an unknown counselor lists the known names" grep -q "Camille Berthier" err
expect 2 "members list --counselor with an empty name" --database "$DB" members list --counselor ""
check "an empty --counselor says why" grep -q -- "--counselor needs the name of a staff member" err

expect 4 "members add refuses a bad e-mail and a bad NIR key" --database "$DB" members add \
  --first-name Marie --last-name Dupont --email "marie@@exemple" --nir 284057512345600
check "the refusal names the fields" grep -q -- "--email:" err
check "the refusal names --nir" grep -q -- "--nir:" err
check "nothing was added" test "$(members_count "$DB")" -eq 20
expect 0 "members add" --database "$DB" --json members add --first-name Marie --last-name Dupont \
  --civility Mme --email marie.dupont@exemple.fr --birth-date 12/05/1984 \
  --nir "2 84 05 75 123 456 72" --trade-name "Atelier Dupont" --activity Graphisme --naf 7410Z \
  --counselor "Camille Berthier" --contribution 10
ID=$(python3 -c 'import json; print(json.load(open("out"))["id"])' 2>/dev/null || echo 0)
check "members add gives the new id" test "$ID" -gt 20
expect 4 "members add refuses a NIR already used" --database "$DB" members add \
  --first-name Marie --last-name Durand --nir 284057512345672
check "the NIR refusal names --nir" grep -q -- "--nir:" err

expect 0 "members show" --database "$DB" members show "$ID"
check "members show names the member" grep -q "Marie Dupont" out
check "members show masks the NIR" sh -c '! grep -q "123 456" out'
expect 0 "members show --show-nir" --database "$DB" members show "$ID" --show-nir
check "--show-nir shows it in full" grep -q "2 84 05 75 123 456 72" out
expect 0 "members show --json" --database "$DB" --json members show "$ID"
check "members show --json: stage, events, interviews, deadlines" \
  json 'd["stage"] == "reception" and d["events"] == [] and d["interviews"] == [] and d["nir_masked"] is True and d["contribution_ppm"] == 100000 and d["birth_date"] == "1984-05-12"'
expect 1 "members show an unknown member" --database "$DB" members show 9999
expect 2 "members show a non-number" --database "$DB" members show abc

# --- members event ---------------------------------------------------------------------

expect 0 "event info_meeting" --database "$DB" members event "$ID" info_meeting --date 2026-01-10
expect 0 "event diagnostic --admitted" --database "$DB" members event "$ID" diagnostic \
  --date 20/01/2026 --admitted
expect 0 "event cape_signed" --database "$DB" --json members event "$ID" cape_signed \
  --date 2026-02-01 --end-date 2027-01-31
check "the member is now in CAPE" json 'd["stage"] == "cape" and d["kind"] == "cape_signed"'
expect 4 "a refused transition (associate from CAPE) exits 4" --database "$DB" members event \
  "$ID" associate --date 2026-03-01 --shares 4 --paid 100,00
check "the pipeline's reason is printed" test -s err
expect 0 "members show --json after the events" --database "$DB" --json members show "$ID"
check "the refused event was not recorded" json 'len(d["events"]) == 3 and d["stage"] == "cape"'
expect 4 "a CAPE longer than 12 months is refused" --database "$DB" members event "$ID" \
  cape_renewed --date 2027-01-15 --end-date 2029-01-15
expect 2 "an unknown kind of event" --database "$DB" members event "$ID" party --date 2026-03-01
expect 4 "an impossible date" --database "$DB" members event "$ID" cape_ended --date 31/02/2026

# Options that do not apply to the kind are refused, not left unread (a new member at
# reception, where an information meeting is possible).
expect 0 "members add (for the event options)" --database "$DB" --json members add \
  --first-name Paul --last-name Options
ID2=$(python3 -c 'import json; print(json.load(open("out"))["id"])' 2>/dev/null || echo 0)
expect 2 "info_meeting refuses --exit-reason, --shares and --not-admitted" --database "$DB" \
  members event "$ID2" info_meeting --date 02/01/2026 --exit-reason dismissal --shares 5 \
  --not-admitted
check "each option that does not apply is named with the kind" sh -c \
  'grep -q -- "--exit-reason does not apply to an event of kind info_meeting" err &&
   grep -q -- "--shares does not apply to an event of kind info_meeting" err &&
   grep -q -- "--not-admitted does not apply to an event of kind info_meeting" err'
expect 2 "info_meeting refuses --hours" --database "$DB" members event "$ID2" info_meeting \
  --date 02/01/2026 --hours 10
check "the refusal of --hours says which kinds take it" \
  grep -q -- "--hours does not apply to an event of kind info_meeting, only to contract_signed" err
expect 2 "cape_ended refuses --end-date" --database "$DB" members event "$ID2" cape_ended \
  --date 02/01/2026 --end-date 03/01/2026
expect 2 "cancellation refuses --exit-reason" --database "$DB" members event "$ID2" \
  cancellation --date 02/01/2026 --corrects 1 --exit-reason other
expect 2 "an admitted diagnostic refuses --reason" --database "$DB" members event "$ID2" \
  diagnostic --date 02/01/2026 --admitted --reason "pourquoi pas"
expect 2 "--corrects 0 is refused" --database "$DB" members event "$ID2" info_meeting \
  --date 02/01/2026 --corrects 0
check "--corrects 0 says why" grep -q -- "--corrects takes the number of an event" err
expect 2 "--corrects -3 is refused" --database "$DB" members event "$ID2" info_meeting \
  --date 02/01/2026 --corrects=-3
expect 2 "--shares -1 is refused" --database "$DB" members event "$ID2" associate \
  --date 02/01/2026 --shares -1 --paid 0
check "--shares -1 says why" grep -q -- "--shares takes a number of shares" err
expect 0 "members show --json after the refused options" --database "$DB" --json members show "$ID2"
check "no event was recorded by the refused command lines" json 'd["events"] == []'
expect 0 "the same info_meeting without the options is recorded" --database "$DB" members event \
  "$ID2" info_meeting --date 02/01/2026 --note "Réunion de janvier"

# What a new event must hold to, whatever the history before it.
expect 4 "a date in the year 9999 is refused" --database "$DB" members event "$ID2" \
  info_meeting --date 01/01/9999
check "the refusal says to check the year" grep -q "check the year" err
expect 4 "a date in 1900 is refused" --database "$DB" members event "$ID2" info_meeting \
  --date 01/01/1900
expect 4 "a diagnostic that does not admit needs a reason" --database "$DB" members event \
  "$ID2" diagnostic --date 05/01/2026 --not-admitted
expect 4 "a blank reason is no reason" --database "$DB" members event "$ID2" diagnostic \
  --date 05/01/2026 --not-admitted --reason "   "
check "the refusal asks for the reason" grep -q "needs the reason, in words" err
expect 2 "correcting a diagnostic says admitted or not" --database "$DB" members event "$ID2" \
  diagnostic --date 05/01/2026 --corrects 1
expect 4 "dismissal is no reason to leave at the reception" --database "$DB" members event \
  "$ID2" exit --date 06/01/2026 --exit-reason dismissal
check "the refusal names the reason and the stage" \
  grep -q "“Dismissal” is not a reason to leave at the stage" err
expect 0 "members show --json after the refused events" --database "$DB" --json members show "$ID2"
check "only the information meeting was recorded" json 'len(d["events"]) == 1'
expect 4 "'not admitted' is the diagnostic's to say, not an exit's" --database "$DB" members \
  event "$ID2" exit --date 06/01/2026 --exit-reason not_admitted
expect 4 "a name of no-break spaces is no name" --database "$DB" members add \
  --first-name $'\u00a0' --last-name $'\u2003\u200b'
expect 0 "members add, born in 2010" --database "$DB" --json members add --first-name Jeune \
  --last-name Pousse --birth-date 15/03/2010
ID3=$(python3 -c 'import json; print(json.load(open("out"))["id"])' 2>/dev/null || echo 0)
expect 4 "no step before the 16th birthday" --database "$DB" members event "$ID3" info_meeting \
  --date 14/03/2026
check "the refusal gives the birth date" grep -q "born on 15/03/2010, was not yet 16" err
expect 0 "from the 16th birthday on" --database "$DB" members event "$ID3" info_meeting \
  --date 15/03/2026

# --- interviews, deadlines --------------------------------------------------------------

expect 0 "interviews add" --database "$DB" interviews add "$ID" --date 2026-02-15 \
  --kind individual --summary "Premier point : objectifs de prospection."
expect 4 "interviews add refuses a date in the future" --database "$DB" interviews add "$ID" \
  --date 2099-01-01 --summary "Plus tard"
expect 4 "interviews add refuses an empty summary" --database "$DB" interviews add "$ID" \
  --date 2026-02-16 --summary " "
expect 0 "interviews list --json" --database "$DB" --json interviews list "$ID"
check "one interview, with the member's counselor" \
  json 'd["count"] == 1 and d["interviews"][0]["counselor"] == "Camille Berthier" and d["interviews"][0]["date"] == "2026-02-15"'
expect 1 "interviews list of an unknown member" --database "$DB" interviews list 9999

expect 0 "deadlines --within 90" --database "$DB" deadlines --within 90
expect 0 "deadlines --within 90 --json" --database "$DB" --json deadlines --within 90
check "deadlines are within 90 days and sorted by date" \
  json 'all(x["days_left"] <= 90 for x in d["deadlines"]) and [x["date"] for x in d["deadlines"]] == sorted(x["date"] for x in d["deadlines"]) and d["count"] == len(d["deadlines"])'
expect 2 "deadlines --within=-1 is refused" --database "$DB" deadlines --within=-1
check "--within=-1 says why" grep -q -- "--within takes a number of days between 0 and 100000" err
check "--within=-1 lists nothing" test ! -s out
expect 2 "deadlines --within -1 is refused" --database "$DB" deadlines --within -1
expect 2 "deadlines --within=-2 is refused" --database "$DB" deadlines --within=-2
expect 2 "deadlines --within abc is refused" --database "$DB" deadlines --within abc
check "--within abc says why" grep -q -- "--within takes a number of days" err
expect 0 "deadlines --within 010 --json" --database "$DB" --json deadlines --within 010
check "--within is read in base 10" json 'd["within"] == 10'
expect 0 "deadlines (all)" --database "$DB" --json deadlines
check "without --within, within is null" json 'd["within"] is None'
check "all deadlines include the new member's CAPE end" \
  json 'any(x["member_id"] == '"$ID"' and x["kind"] == "cape_end" and x["date"] == "2027-01-31" for x in d["deadlines"])'

# --- import / export --------------------------------------------------------------------

before=$(members_count "$DB")
cp "$DB" before-import.db
expect 4 "import of a CSV with bad rows exits 4" --database "$DB" members import "$DATA/members-bad.csv"
check "each bad row is reported with line and column" grep -q "line 2, column « NIR »" err
check "the unknown counselor is reported" grep -q "line 5, column « Accompagnateur »" err
check "nothing was imported" test "$(members_count "$DB")" -eq "$before"
expect 4 "import of random bytes exits 4" --database "$DB" members import "$CLI"
check "nothing was imported from random bytes" test "$(members_count "$DB")" -eq "$before"
expect 0 "import --skip-invalid --dry-run" --database "$DB" --json members import \
  "$DATA/members-bad.csv" --skip-invalid --dry-run
check "the dry run counts 2 valid rows and writes nothing" \
  json 'd["valid_rows"] == 2 and d["imported"] == 0 and d["invalid_rows"] == 5'
check "nothing was written by the dry run" test "$(members_count "$DB")" -eq "$before"
expect 0 "import --skip-invalid" --database "$DB" members import "$DATA/members-bad.csv" --skip-invalid
check "the 2 valid rows were imported" test "$(members_count "$DB")" -eq $((before + 2))
expect 4 "an empty CSV file is refused" --database "$DB" members import "$DATA/members-empty.csv"
check "an empty CSV says there is no member" grep -q "no member" err

expect 0 "members export" --database "$DB" members export all.csv
printf '\357\273\277N°;Civilité;Nom;Prénom;' > expected-head
check "the export starts with a BOM and French headers" \
  sh -c 'head -c "$(wc -c < expected-head)" all.csv | cmp -s - expected-head'
expect 1 "members export does not overwrite" --database "$DB" members export all.csv
expect 0 "members export --force overwrites" --database "$DB" members export all.csv --force
expect 1 "members export refuses the database itself" --database "$DB" members export "$DB" --force
expect 2 "members export refuses an empty file name" --database "$DB" members export ""
check "an empty export file name says why" grep -q "members export takes one argument" err
expect 2 "members import refuses an empty file name" --database "$DB" members import ""
check "an empty import file name says why" grep -q "members import takes one argument" err

# Round trip between two new databases (no staff, so no counselors).
expect 0 "init a.db" --database a.db init
expect 0 "import a Windows-1252 file" --database a.db members import "$DATA/members-cp1252.csv"
expect 0 "add a member with every field" --database a.db members add --first-name Éric \
  --last-name "Martin" --civility M. --birth-date 1990-12-01 --birth-place "Lyon 2e" \
  --nationality française --nir 190126938801265 --street "3 place Bellecour; bât. A" \
  --postal-code 69002 --city Lyon --phone "04 78 00 00 00" --email eric.martin@exemple.fr \
  --entry-status salarié --trade-name 'Martin "Conseil"' --activity "Conseil" --naf 70.22Z \
  --contribution 8,5 --permit-end 31/12/2030 --benefits-end 30/06/2027
expect 0 "export a.db" --database a.db members export a.csv
expect 0 "init b.db" --database b.db init
expect 0 "import the export into b.db" --database b.db members import a.csv
expect 0 "export b.db" --database b.db members export b.csv
check "the two exports are the same but for the numbers" \
  sh -c 'cut -d";" -f2- a.csv > a.cut && cut -d";" -f2- b.csv > b.cut && cmp -s a.cut b.cut'

# --- backup ----------------------------------------------------------------------------

expect 2 "backup refuses an empty file name" --database "$DB" backup ""
check "an empty backup file name says why" grep -q "backup takes one argument" err
expect 0 "backup" --database "$DB" backup copy.db
expect 0 "check the copy" --database copy.db check
check "the copy has the same members" test "$(members_count copy.db)" -eq "$(members_count "$DB")"

# --- files that are not databases --------------------------------------------------------

printf 'Notes de réunion\nrien à voir\n' > notes.txt
cp notes.txt notes.txt.before
expect 1 "a text file as --database (read)" --database notes.txt members list
check "it says why" grep -q "notes.txt" err
expect 1 "a text file as --database (write)" --database notes.txt members add \
  --first-name A --last-name B
expect 1 "a text file as --database (check)" --database notes.txt check
check "the text file is unchanged" cmp -s notes.txt notes.txt.before
: > empty.db
expect 1 "an empty file as --database (read)" --database empty.db members list
check "it says why" test -s err
expect 1 "an empty file as --database (import)" --database empty.db members import \
  "$DATA/members-comma.csv"
check "the empty file is still empty" test ! -s empty.db
expect 1 "a missing database" --database missing.db members list
check "a missing database is not created" test ! -e missing.db

# --- usage ------------------------------------------------------------------------------

expect 0 "--help" --help
check "--help lists the members command" grep -q "members" out
expect 0 "--version" --version
expect 0 "members --help" members --help
expect 0 "members import --help" members import --help
expect 2 "an unknown command" --database "$DB" frobnicate
expect 2 "an unknown members command" --database "$DB" members frobnicate
expect 2 "members without a command" --database "$DB" members
expect 2 "an unknown option" --database "$DB" members list --frobnicate

echo "1..$n"
[ "$failures" -eq 0 ]
