#!/usr/bin/env bash
# Memory of 'serve --http' through a burst of large uploads and plans, and after it. The burst:
# three generated scenarios of 12,000 titles in 190 regions (about 9 MB each) uploaded and
# validated, the world slate (../shared/bench/world-2027.json) uploaded and planned for 30 s, and
# the large contended slate planned for 20 s. Resident memory (VmRSS) is read before the burst
# (idle baseline, 30 s after start), at its highest (sampled every second), as it ends, and 1, 2, 3
# and 5 minutes later. SCHEDULER_DLL runs another build (the commit before, say); DOTNET_*
# settings in the environment (DOTNET_gcServer=1, DOTNET_GCConserveMemory=9) reach the server.
# Usage: bench/serve-memory.sh LABEL   prints one row of the table in bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
label=${1:-this build}

if [ -z "${SCHEDULER_DLL:-}" ]; then
  dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
  SCHEDULER_DLL="$PWD/src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll"
fi
scheduler=(dotnet "$SCHEDULER_DLL")
shared=$(cd .. && pwd)/shared/bench
work=$(mktemp -d)
server=""
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for seed in 1 2 3; do
  "${scheduler[@]}" generate --titles 12000 --regions 190 --seed "$seed" --out "$work/big-$seed.json" >/dev/null
done
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"${scheduler[@]}" serve --db "$work/s.db" --sink "$work/p.jsonl" --replan-cron none --http "$base" >"$work/serve.log" 2>&1 &
server=$!
until curl -sf "$base/healthz" >/dev/null 2>&1; do sleep 0.5; done
token=$("${scheduler[@]}" token add bench --role planner --db "$work/s.db")
rss() { awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$server/status"; }

sleep 30
baseline=$(rss)
( peak=0; while true; do now=$(rss); [ "$now" -gt "$peak" ] && peak=$now && echo "$peak" >"$work/peak"; sleep 1; done ) &
sampler=$!

upload() { curl -sf -H "Authorization: Bearer $token" --data-binary "@$1" "$base/api/scenarios" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'; }
plan() {
  local id
  id=$(curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"scenarioId\": $1, \"timeLimitSeconds\": $2}" "$base/api/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  # The list, not the run: a done run carries its whole plan, which is not what is measured here.
  until curl -sf -H "Authorization: Bearer $token" "$base/api/runs?limit=20" \
    | python3 -c "import json,sys; sys.exit(0 if any(r['id'] == $id and r['state'] in ('done', 'failed', 'cancelled') for r in json.load(sys.stdin)) else 1)"; do
    sleep 1
  done
}
for seed in 1 2 3; do upload "$work/big-$seed.json" >/dev/null; done
world=$(upload "$shared/world-2027.json")
large=$(upload "$shared/contended-large.json")
plan "$world" 30
plan "$large" 20
end=$(rss)
kill "$sampler"; sampler=""
peak=$(cat "$work/peak")

after=()
for minute in 1 2 3 5; do
  sleep $(( (minute - ${last:-0}) * 60 ))
  last=$minute
  after+=("$(rss)")
done
back=no
[ "${after[3]}" -le $((baseline + 150)) ] && back=yes
echo "| $label | $baseline | $peak | $end | ${after[0]} | ${after[1]} | ${after[2]} | ${after[3]} | $back |"
