#!/usr/bin/env bash
# The decision rules on a contended slate: ../shared/bench/contended-2027.json as it is, and its twin
# with one spacing group (the true-crime titles at least 21 days apart in every region) and one
# monthly obligation per region (a series or documentary premiere every month), and that twin again
# with every third series offering three release formats for the plan to choose from (binge, weekly
# x 6 worth 8% more, two parts 28 days apart worth 4% more). One `scheduler plan`
# process per row (Release build, gap 0, the time limit given, default 60 s); each row's numbers come
# from that one run: model size, objective, bound, gap, the first time the gap was within 0.1%, and
# the best greedy plan (a separate `--engine greedy` run; n/a when no greedy order meets every rule)
# and the run's own seconds.
# Usage: bench/decisions.sh [LIMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v jq >/dev/null || { echo "bench/decisions.sh needs jq (apt-get install jq)" >&2; exit 2; }
dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
scheduler=(dotnet src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll)
limit=${1:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
base=${SHARED_BENCH:-../shared/bench}/contended-2027.json

jq '.name += " with decision rules"
  | .spacingGroups = [{ id: "true-crime", genres: ["true-crime"], minDays: 21 }]
  | .obligations = [.regions[] | { id: "monthly-\(.id)", regions: [.id], kinds: ["series", "documentary"], min: 1, per: "month" }]' \
  "$base" >"$work/decisions.json"

jq '.name += " and formats"
  | ([.titles | to_entries[] | select(.value.kind == "series") | .key] | to_entries | map(select(.key % 3 == 0) | .value)) as $chosen
  | .titles |= [to_entries[] | .key as $k | if ($chosen | index($k)) != null
      then .value | del(.drops, .dropIntervalDays)
        | .formats = [{ id: "binge" }, { id: "weekly", drops: 6, dropIntervalDays: 7, valueFactor: 1.08 }, { id: "two-parts", drops: 2, dropIntervalDays: 28, valueFactor: 1.04 }]
      else .value end]' \
  "$work/decisions.json" >"$work/formats.json"

echo "| slate | variables | constraints | candidates | objective | bound | gap | within 0.1% at s | best greedy | run s |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for slate in "$base" "$work/decisions.json" "$work/formats.json"; do
  greedy=$("${scheduler[@]}" plan "$slate" --engine greedy --no-save --json 2>/dev/null | jq '.solver.objective' || echo null)
  "${scheduler[@]}" plan "$slate" --gap 0 --time-limit "$limit" --no-save --out "$work/plan.json" >/dev/null
  jq -r --arg slate "$(jq -r .name "$slate")" --arg greedy "$greedy" '
    def r(n): if . == null then "n/a" else (. * pow(10; n) | round) / pow(10; n) | tostring end;
    .solver as $s | .diagnostics as $d |
    ([$d.progress[] | select(.objective != null and .bound != null and (.bound - .objective) / ([1, (.objective | fabs)] | max) <= 0.001)] | first | .seconds) as $reached |
    "| \($slate) | \($s.variables) | \($s.constraints) | \($d.candidates) | \($s.objective | r(2)) | \($s.bound | r(2)) | \(if $s.gap == null then "n/a" else ($s.gap * 100 | r(3) | . + "%") end) | \($reached | r(1)) | \($greedy | fromjson | r(2)) | \($s.seconds | r(1)) |"
  ' "$work/plan.json"
done
