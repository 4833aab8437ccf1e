#!/usr/bin/env bash
# Build a demo store in a temporary folder and print its agenda.
# Usage: bash examples/demo.sh      (needs jobhunt on PATH)
set -euo pipefail
demo_dir=$(mktemp -d)
trap 'rm -rf "$demo_dir"' EXIT
export JOBHUNT_DB="$demo_dir/demo.db"
export JOBHUNT_TODAY="${JOBHUNT_TODAY:-2026-11-27}"
jh() { jobhunt "$@" >/dev/null; }

jh add "Acme Corp" "Data Analyst" --applied 2026-11-16 --source "job board" --skill SQL --skill Excel
jh add "Initech" "BI Developer" --applied 2026-11-10 --source referral --skill SQL --skill Python
jh log 2 --via email --on 2026-11-17
jh contact add "Dana Reyes" --company Initech --kind hiring-manager
jh interview 2 --on 2026-11-20 --with "Dana Reyes"
jh add "Globex" "Analytics Engineer" --applied 2026-10-20 --skill dbt
jh log 3 --via email --on 2026-10-27
jh add "Umbrella" "Reporting Analyst" --saved
jh add "Hooli" "Data Engineer" --applied 2026-11-25 --type contract

echo "Agenda for $JOBHUNT_TODAY, from a demo store in $demo_dir:"
jobhunt today
