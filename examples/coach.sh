#!/usr/bin/env bash
# A career coach keeps each client's job hunt apart with profiles, and reads every
# client's agenda in the morning. The same script works on a shared PostgreSQL
# database: export JOBHUNT_DB=postgresql://coach@db.example.org/clients first.
set -euo pipefail

export JOBHUNT_DB=${JOBHUNT_DB:-"$(mktemp -d)/clients.db"}
export JOBHUNT_TODAY=${JOBHUNT_TODAY:-2026-11-27}   # a fixed day, so the output is stable

jobhunt --profile ann add "Acme Corp" "Data Analyst" --applied 2026-11-16 --skill SQL >/dev/null
jobhunt --profile ann contact add "Priya Shah" --company "Acme Corp" --kind hiring-manager >/dev/null
jobhunt --profile ann interview 1 --on 2026-11-24 --with "Priya Shah" >/dev/null
jobhunt --profile bo add "Initech" "QA Engineer" --applied 2026-11-25 >/dev/null
jobhunt --profile bo contact add "Sam Ortiz" --company Initech --kind recruiter >/dev/null

echo "Profiles (applications, contacts, events, courses):"
jobhunt profiles

for client in $(jobhunt profiles --json | python3 -c \
    'import json, sys; print(*(p["profile"] for p in json.load(sys.stdin)["profiles"]))'); do
    echo
    echo "== $client =="
    jobhunt --profile "$client" today
done
