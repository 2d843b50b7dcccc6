#!/usr/bin/env bash
# The planner's loop over HTTP: how fast 'serve --http' answers a move check and a fit on a
# planned slate. The slate (default ../shared/bench/contended-large.json, 300 titles x 16 regions;
# 'generated' for the generator's 1000 titles x 30 regions x 2 years) is uploaded and planned for
# 60 s; then 21 checks of one move each (a release a week later in its region, titles taken in the
# plan's order) and 6 fits of a new title (top 5; a drama of demand 80 in every region) are timed
# by curl as a client sees them. The first check loads the run's scenario and plan; the others find
# them kept. Each fit loads the scenario with the title in it.
# Usage: bench/interactive.sh [SCENARIO|generated]   prints the first, median and slowest of each.
# SCHEDULER_DLL runs another build. Needs python3 and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
slate=${1:-$(cd .. && pwd)/shared/bench/contended-large.json}
if [ -z "${SCHEDULER_DLL:-}" ]; then
  dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
  SCHEDULER_DLL="$PWD/src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll"
fi
scheduler=(dotnet "$SCHEDULER_DLL")
work=$(mktemp -d)
if [ "$slate" = generated ]; then
  "${scheduler[@]}" generate --titles 1000 --regions 30 --years 2 --seed 11 --contention medium --out "$work/generated-1000x30.json" >/dev/null
  slate="$work/generated-1000x30.json"
fi
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"${scheduler[@]}" serve --db "$work/s.db" --sink "$work/p.jsonl" --replan-cron none --http "$base" >"$work/serve.log" 2>&1 &
server=$!
until curl -sf "$base/healthz" >/dev/null 2>&1; do sleep 0.5; done
token=$("${scheduler[@]}" token add bench --role planner --db "$work/s.db")
auth=(-H "Authorization: Bearer $token")
id() { python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }

scenario=$(curl -sf "${auth[@]}" --data-binary "@$slate" "$base/api/scenarios" | id)
run=$(curl -sf "${auth[@]}" -H 'Content-Type: application/json' -d "{\"scenarioId\": $scenario, \"timeLimitSeconds\": 60}" "$base/api/runs" | id)
until curl -sf "${auth[@]}" "$base/api/runs/$run" -o "$work/run.json" \
  && python3 -c "import json,sys; sys.exit(0 if json.load(open('$work/run.json'))['state'] in ('done', 'failed', 'cancelled') else 1)"; do
  sleep 2
done

python3 - "$work/run.json" "$work" <<'PY'
import datetime, json, sys
run = json.load(open(sys.argv[1]))
seen = set()
n = 0
for release in run['plan']['releases']:
    if release['title'] in seen:
        continue
    seen.add(release['title'])
    date = datetime.date.fromisoformat(release['date']) + datetime.timedelta(days=7)
    move = {'moves': [{'title': release['title'], 'region': release['region'], 'date': date.isoformat()}]}
    json.dump(move, open(f"{sys.argv[2]}/move-{n}.json", 'w'))
    n += 1
    if n == 21:
        break
PY
for n in $(seq 0 20); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${auth[@]}" -H 'Content-Type: application/json' \
    --data-binary "@$work/move-$n.json" "$base/api/runs/$run/check" >>"$work/times"
done
echo '{"title": {"id": "bench-special", "name": "Bench special", "genres": ["drama"], "demand": 80}, "top": 5}' >"$work/fit.json"
for n in $(seq 0 5); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "${auth[@]}" -H 'Content-Type: application/json' \
    --data-binary "@$work/fit.json" "$base/api/runs/$run/fit" >>"$work/fits"
done
python3 - "$work/times" "$work/fits" "$(basename "$slate")" <<'PY'
import statistics, sys
for name, path in (('check', sys.argv[1]), ('fit (top 5)', sys.argv[2])):
    rows = [line.split() for line in open(path)]
    assert all(code == '200' for code, _ in rows), rows
    ms = [float(t) * 1000 for _, t in rows]
    rest = ms[1:]
    print(f"| {sys.argv[3]} | {name}, first | {ms[0]:.0f} ms |")
    print(f"| {sys.argv[3]} | {name}, median of the next {len(rest)} | {statistics.median(rest):.0f} ms |")
    print(f"| {sys.argv[3]} | {name}, slowest of the next {len(rest)} | {max(rest):.0f} ms |")
PY
