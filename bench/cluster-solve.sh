#!/usr/bin/env bash
# A what-if campaign solved by serve nodes sharing one PostgreSQL database: the base and 8 variants
# of ../shared/bench/contended-large.json (capacity, budget, tentpole spacing and clash cost moved
# up and down), queued with `compare --on-cluster`, on one node and then on two. Each node has one
# solve slot and each solve one thread, so that on a 2-core machine a node stands for a 1-core
# machine. Prints the wall time of each campaign and every run's objective, gap and node.
# Usage: bench/cluster-solve.sh [SECONDS_PER_SOLVE]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."

limit=${1:-30}
.ci/setup
dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
scheduler=(dotnet "$PWD/src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll")
source bench/postgres.sh
start_postgres

# The slate with 8 variants appended (its last line is the closing brace).
slate="$work/contended-large-8.json"
{
  sed '$d' ../shared/bench/contended-large.json
  cat <<'JSON'
  ,"variants": [
    { "id": "capacity-3", "changes": { "capacity": { "perDay": 3 } } },
    { "id": "capacity-5", "changes": { "capacity": { "perDay": 5 } } },
    { "id": "budget-20", "changes": { "capacity": { "marketingBudgetPerWeek": 20.0 } } },
    { "id": "budget-30", "changes": { "capacity": { "marketingBudgetPerWeek": 30.0 } } },
    { "id": "spacing-14", "changes": { "capacity": { "tentpoleSpacingDays": 14 } } },
    { "id": "spacing-3", "changes": { "capacity": { "tentpoleSpacingDays": 3 } } },
    { "id": "clash-2", "changes": { "objective": { "genreClashCost": 2.0 } } },
    { "id": "clash-0.5", "changes": { "objective": { "genreClashCost": 0.5 } } }
  ]
}
JSON
} >"$slate"
"${scheduler[@]}" validate "$slate" >/dev/null

for n in 1 2; do
  db="campaign_$n"
  sql postgres "CREATE DATABASE $db" >/dev/null
  uri="postgres://postgres@127.0.0.1:$port/$db"
  "${scheduler[@]}" runs --db "$uri" >/dev/null   # creates and migrates the schema
  nodes=()
  for i in $(seq 1 "$n"); do
    "${scheduler[@]}" serve --db "$uri" --node "node-$i" --sink "$work/$db-$i.jsonl" --replan-cron none --solve-slots 1 >"$work/$db-$i.log" 2>&1 &
    nodes+=("$!")
  done
  sleep 5
  started=$(date +%s.%N)
  "${scheduler[@]}" compare "$slate" --db "$uri" --on-cluster --time-limit "$limit" --threads 1 --json >"$work/$db.json" 2>"$work/$db.err"
  ended=$(date +%s.%N)
  for pid in "${nodes[@]}"; do kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; done
  nodes=()

  echo
  echo "$n node(s): $(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.1f", b - a }') s wall time for the base and 8 variants, $limit s each"
  echo
  echo "| run | variant | node | objective | bound | gap | seconds |"
  echo "|---|---|---|---|---|---|---|"
  sql "$db" "
    SELECT '| ' || id || ' | ' || COALESCE(variant, 'base') || ' | ' || node || ' | ' || round(objective::numeric, 2) || ' | ' ||
           round(bound::numeric, 2) || ' | ' || round((gap * 100)::numeric, 3) || '% | ' || round(seconds::numeric, 1) || ' |'
    FROM runs ORDER BY id"
done
