#!/usr/bin/env bash
# Benchmarks planning on synthetic scenarios of sizes S, M, L and XL (see README.md beside this
# file). Prints one markdown table row per run; every number of a row comes from the same run.
# Usage: bench/run.sh [SIZE...]   (default: S M L XL)
set -euo pipefail
cd "$(dirname "$0")/.."

.ci/setup
command -v jq >/dev/null || { echo "bench/run.sh needs jq (apt-get install jq)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/run.sh needs GNU time (apt-get install time)" >&2; exit 2; }
dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
scheduler=(dotnet src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name titles regions years release-days target-gap time-limit
declare -A sizes=(
  [S]="20 4 1 1 0.001 60"
  [M]="100 10 1 1 0.001 60"
  [L]="300 16 2 2 0.005 60"
  [XL]="1000 30 2 1 0.02 300"
)

echo "| size | run | candidates | variables | constraints | build s | solve s | wall s | objective | bound | gap | greedy | uplift over greedy | peak MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for size in "${@:-S M L XL}"; do
  for name in $size; do
    read -r titles regions years days gap limit <<<"${sizes[$name]}"
    scenario="$work/$name.json"
    "${scheduler[@]}" generate --titles "$titles" --regions "$regions" --years "$years" --release-days "$days" --seed 2027 --out "$scenario"
    model=$("${scheduler[@]}" export-model "$scenario" --format mps --out "$work/$name.mps")
    variables=$(sed -n 's/.*: \([0-9]*\) variables.*/\1/p' <<<"$model")
    constraints=$(sed -n 's/.*, \([0-9]*\) constraints.*/\1/p' <<<"$model")
    for run in "target gap $gap" "exact (gap 0.0001)" "greedy"; do
      case "$run" in
        target*) args=(--gap "$gap" --time-limit "$limit") ;;
        exact*) args=(--gap 0.0001 --time-limit "$limit") ;;
        greedy) args=(--engine greedy) ;;
      esac
      plan="$work/$name-plan.json"
      /usr/bin/time -f "%M %e" -o "$work/time" "${scheduler[@]}" plan "$scenario" "${args[@]}" --no-save --out "$plan" >/dev/null
      read -r peak wall <"$work/time"
      jq -r --arg size "$name" --arg run "$run" --arg vars "$variables" --arg rows "$constraints" \
            --arg peak "$peak" --arg wall "$wall" '
        def r(n): if . == null then "n/a" else (. * pow(10; n) | round) / pow(10; n) | tostring end;
        .diagnostics as $d | .solver as $s |
        "| \($size) | \($run) (\($s.engine), \($s.status)) | \($d.candidates) | \($vars) | \($rows) | \($d.buildSeconds | r(2)) | \($d.solveSeconds | r(2)) | \($wall) | \($s.objective | r(2)) | \($s.bound | r(2)) | \(if $s.gap == null then "n/a" else ($s.gap * 100 | r(3) | . + "%") end) | \($d.greedyObjective | r(2)) | \(if $d.greedyObjective == null then "n/a" else (($s.objective - $d.greedyObjective) / $d.greedyObjective * 100 | r(3) | . + "%") end) | \(($peak | tonumber) / 1024 | round) |"
      ' "$plan"
    done
  done
done
