#!/usr/bin/env bash
# Benchmarks planning on contended slates: the generator's S, M, L and XL at high contention
# (seed 2027) and the two shared slates given as arguments or found in ../shared/bench. One
# `scheduler plan` process per row (Release build), every number of a row from that one run: the
# plan file's solver line, its diagnostics and progress trace, and GNU time for wall time and peak
# memory. "best greedy" is a separate `--engine greedy` run on the same file (the best of the
# greedy orders that places every title, or n/a when none does); "construction" is the plan the
# run started from (greedy orders with repairs). Writes the incumbent and bound over time of L
# to bench/L-progress.svg.
# Usage: bench/run.sh [SIZE...]   (default: S M L XL 70 300)
set -euo pipefail
cd "$(dirname "$0")/.."

.ci/setup
command -v jq >/dev/null || { echo "bench/run.sh needs jq (apt-get install jq)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/run.sh needs GNU time (apt-get install time)" >&2; exit 2; }
dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
scheduler=(dotnet src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
shared=${SHARED_BENCH:-../shared/bench}

# name: titles regions years release-days time-limit target-gap (or a file for the shared slates)
declare -A sizes=(
  [S]="20 4 1 1 60 0.001"
  [M]="100 12 1 1 60 0.001"
  [L]="300 16 2 2 120 0.01"
  [XL]="1000 30 2 1 150 0.02"
  [70]="$shared/contended-2027.json 60 0.001"
  [300]="$shared/contended-large.json 120 0.01"
)

echo "| slate | engine | candidates | first plan s | objective at 30 s | at 60 s | at 120 s | final objective | best greedy | construction | above greedy | bound | gap | target gap reached s | neighbourhoods (better) | wall s | peak MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for name in ${@:-S M L XL 70 300}; do
  read -r -a spec <<<"${sizes[$name]}"
  if [ "${#spec[@]}" -eq 3 ]; then
    scenario=${spec[0]}; limit=${spec[1]}; target=${spec[2]}; label="$(basename "$scenario" .json) (shared)"
  else
    scenario="$work/$name.json"; limit=${spec[4]}; target=${spec[5]}
    label="$name ${spec[0]}x${spec[1]}x${spec[2]}, ${spec[3]} days/week"
    "${scheduler[@]}" generate --titles "${spec[0]}" --regions "${spec[1]}" --years "${spec[2]}" --release-days "${spec[3]}" --seed 2027 --contention high --out "$scenario"
  fi

  greedy=$("${scheduler[@]}" plan "$scenario" --engine greedy --no-save --json 2>/dev/null | jq '.solver.objective' || echo null)
  plan="$work/$name-plan.json"
  /usr/bin/time -f "%M %e" -o "$work/time" "${scheduler[@]}" plan "$scenario" --gap 0 --time-limit "$limit" --no-save --out "$plan" >/dev/null
  read -r peak wall < <(tail -n 1 "$work/time")
  jq -r --arg slate "$label" --arg greedy "$greedy" --arg target "$target" --arg peak "$peak" --arg wall "$wall" '
    def r(n): if . == null then "n/a" else (. * pow(10; n) | round) / pow(10; n) | tostring end;
    def at(t): [.diagnostics.progress[] | select(.seconds <= t and .objective != null)] | last | .objective;
    ($greedy | fromjson) as $g | .solver as $s | .diagnostics as $d |
    ([$d.progress[] | select(.objective != null)] | first | .seconds) as $first |
    ([$d.progress[] | select(.objective != null and .bound != null and (.bound - .objective) / ([1, (.objective | fabs)] | max) <= ($target | tonumber))] | first | .seconds) as $reached |
    "| \($slate) | \($s.engine), \($s.status) | \($d.candidates) | \($first | r(1)) | \(at(30) | r(2)) | \(at(60) | r(2)) | \(at(120) | r(2)) | \($s.objective | r(2)) | \($g | r(2)) | \($d.constructionObjective | r(2)) | \(if $g == null then "n/a" else (($s.objective - $g) / $g * 100 | r(2) | . + "%") end) | \($s.bound | r(2)) | \(if $s.gap == null then "n/a" else ($s.gap * 100 | r(3) | . + "%") end) | \($reached | r(1)) | \(if $d.neighbourhoodsTried == null then "n/a" else "\($d.neighbourhoodsTried) (\($d.neighbourhoodsImproved))" end) | \($wall) | \(($peak | tonumber) / 1024 | round) |"
  ' "$plan"

  if [ "$name" = "L" ]; then
    jq -r '.diagnostics.progress[] | "\(.seconds) \(.objective // "") \(.bound // "")"' "$plan" | bench/plot.awk -v title="L: incumbent and bound over time" >bench/L-progress.svg
  fi
done
