#!/usr/bin/env bash
# Measures how stable what-if diffs are: for every variant of the bundled scenarios, how many
# titles move with the default (anchored on the base plan) and when each variant is planned on
# its own (--independent). Prints a markdown table; both columns come from the same invocation pair.
set -euo pipefail
cd "$(dirname "$0")/.."

.ci/setup
command -v jq >/dev/null || { echo "bench/compare.sh needs jq (apt-get install jq)" >&2; exit 2; }
dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
scheduler=(dotnet src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| scenario | variant | titles moved (anchored) | releases moved (anchored) | objective change (anchored) | titles moved (independent) | releases moved (independent) | objective change (independent) |"
echo "|---|---|---|---|---|---|---|---|"
for scenario in scenarios/demo.json scenarios/staggered-licensing-2027.json scenarios/global-slate-2027.json; do
  "${scheduler[@]}" compare "$scenario" --json --no-save --time-limit 30 >"$work/anchored.json" || true
  "${scheduler[@]}" compare "$scenario" --json --no-save --time-limit 30 --independent >"$work/independent.json" || true
  jq -r --arg scenario "$(basename "$scenario")" --slurpfile other "$work/independent.json" '
    def moved(v): if v.moved == null then "n/a" else (v.moved | map(.title) | unique | length | tostring) end;
    def releases(v): if v.moved == null then "n/a" else (v.moved | length | tostring) end;
    def change(v): if v.delta == null then "n/a" else (v.delta.objective * 1000 | round / 1000 | tostring) end;
    .variants[] as $a | ($other[0].variants[] | select(.id == $a.id)) as $i |
    "| \($scenario) | \($a.id) | \(moved($a)) | \(releases($a)) | \(change($a)) | \(moved($i)) | \(releases($i)) | \(change($i)) |"
  ' "$work/anchored.json"
done
