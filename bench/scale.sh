#!/usr/bin/env bash
# Slates by the million: how soon `plan` has a plan, how close it gets, and what memory it takes.
#   bench/scale.sh [NAME...]   (default: XL-wide XXL world; LIMIT=60 bench/scale.sh XL-wide for a
#   shorter run: its wall time is when the verified plan was written)
# XL-wide: the generator's 1000 titles x 30 regions x 2 years (Mondays, Wednesdays, Fridays...
# two release days a week, medium contention, seed 11), each title's window then widened to a
# random length of up to 52 weeks (licensed titles available most of the year), about 1.2M
# candidates. XXL: 3000 x 60 x 2, windows up to 32 weeks, about 5M candidates. Widening a window
# keeps the generator's witness plan, so both slates have a plan. world: ../shared/bench/world-2027.json
# (190 countries with their IANA zones, 420 titles), or $SHARED_BENCH/world-2027.json.
# One `plan --time-limit 300 --gap 0` each (LIMIT sets the time limit) (Release build, GNU time for wall and peak memory;
# --max-memory 40GB, so that the estimate refuses nothing here: the run measures what it needs).
# Prints a row per slate: candidates (by the count, then after propagation), first plan, the
# objective, bound and gap at 60, 150 and 300 s, wall, peak and bytes a candidate (process included).
# Needs python3, jq and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq >/dev/null || { echo "bench/scale.sh needs jq (apt-get install jq)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/scale.sh needs GNU time (apt-get install time)" >&2; exit 2; }
dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
scheduler=(dotnet src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shared=${SHARED_BENCH:-../shared/bench}

# name: titles regions years weeks-at-most
declare -A sizes=(
  [XL-wide]="1000 30 2 52"
  [XXL]="3000 60 2 32"
)

widen() {
  python3 - "$1" "$2" "$3" <<'PY'
import datetime, json, random, sys
source, target, most = sys.argv[1], sys.argv[2], int(sys.argv[3])
scenario = json.load(open(source))
rng = random.Random(7)
start, end = (datetime.date.fromisoformat(scenario['horizon'][k]) for k in ('start', 'end'))
for title in scenario['titles']:
    first, last = (datetime.date.fromisoformat(title[k]) for k in ('earliest', 'latest'))
    weeks = (last - first).days // 7
    extra = rng.randint(weeks, max(weeks, most)) * 7 - (last - first).days
    if extra > 0:
        before = rng.randint(0, extra)
        title['earliest'] = max(start, first - datetime.timedelta(days=before)).isoformat()
        title['latest'] = min(end, last + datetime.timedelta(days=extra - before)).isoformat()
scenario['name'] += f', windows up to {most} weeks'
json.dump(scenario, open(target, 'w'), indent=1)
PY
}

echo "| slate | candidates (count / after propagation) | first plan s | at 60 s: objective, bound, gap | at 150 s | at 300 s | status | wall s | peak MB | bytes a candidate |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for name in ${@:-XL-wide XXL world}; do
  if [ "$name" = world ]; then
    cp "$shared/world-2027.json" "$work/$name.json"
    label="world-2027 (shared), 190 regions"
  else
    read -r titles regions years weeks <<<"${sizes[$name]}"
    "${scheduler[@]}" generate --titles "$titles" --regions "$regions" --years "$years" --release-days 2 --seed 11 --contention medium --out "$work/narrow.json"
    widen "$work/narrow.json" "$work/$name.json" "$weeks"
    label="$name ${titles}x${regions}x${years}, windows up to $weeks weeks"
  fi
  count=$({ "${scheduler[@]}" plan "$work/$name.json" --no-save --max-memory 1MB 2>&1 || true; } | sed -n 's/.* implies \([0-9,]*\) candidate releases.*/\1/p')
  plan="$work/$name-plan.json"
  /usr/bin/time -f "%M %e" -o "$work/time" "${scheduler[@]}" plan "$work/$name.json" --gap 0 --time-limit "${LIMIT:-300}" --max-memory 40GB --no-save --out "$plan" >/dev/null || true
  read -r peak wall < <(tail -n 1 "$work/time")
  jq -r --arg slate "$label" --arg count "$count" --arg peak "$peak" --arg wall "$wall" '
    def r(n): if . == null then "n/a" else (. * pow(10; n) | round) / pow(10; n) | tostring end;
    def objective(t): [.diagnostics.progress[] | select(.seconds <= t and .objective != null)] | last | .objective;
    def bound(t): [.diagnostics.progress[] | select(.seconds <= t and .bound != null)] | last | .bound;
    def at(t): objective(t) as $o | bound(t) as $b |
      if $o == null then "no plan" else "\($o | r(2)), \($b | r(2)), \(if $b == null then "n/a" else (($b - $o) / $o * 100 | r(2) | . + "%") end)" end;
    .diagnostics as $d |
    ([$d.progress[] | select(.objective != null)] | first | .seconds) as $first |
    "| \($slate) | \($count) / \($d.candidates) | \($first | r(1)) | \(at(60)) | \(at(150)) | \(at(300)) | \(.solver.status) | \($wall) | \(($peak | tonumber) / 1024 | round) | \(($peak | tonumber) * 1024 / $d.candidates | round) |"
  ' "$plan"
done
