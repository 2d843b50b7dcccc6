#!/usr/bin/env bash
# Workbooks at the planners' scale: a generated 1000-title x 30-region slate (low contention, so
# that the greedy engine plans it at once) written as a slate workbook and imported back, and its
# 30,000-release plan exported as a plan workbook by a stored run. Each command is timed as a
# whole process (start-up, scenario checks and database included) by farm-bench, 5 runs after a
# warm-up; the median is the figure. Usage: bench/workbooks.sh. SCHEDULER_DLL runs another build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SCHEDULER_DLL:-}" ]; then
  dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
  SCHEDULER_DLL="$PWD/src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll"
fi
scheduler=(dotnet "$SCHEDULER_DLL")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"${scheduler[@]}" generate --titles 1000 --regions 30 --seed 3 --contention low --out "$work/slate.json" >/dev/null
"${scheduler[@]}" export-scenario "$work/slate.json" --out "$work/slate.xlsx" >/dev/null
"${scheduler[@]}" plan "$work/slate.json" --engine greedy --db "$work/b.db" >/dev/null
echo "slate workbook: $(stat -c %s "$work/slate.xlsx") bytes"

echo "== validate the JSON slate (the checks every import also runs)"
farm-bench -- "${scheduler[@]}" validate "$work/slate.json"
echo "== import the 1000-title slate workbook"
farm-bench -- "${scheduler[@]}" import "$work/slate.xlsx" --out "$work/imported.json"
echo "== export-scenario: the 1000-title slate as a workbook"
farm-bench -- "${scheduler[@]}" export-scenario "$work/slate.json" --out "$work/exported.xlsx"
echo "== export RUN --xlsx: the 1000 x 30 plan as a workbook"
farm-bench -- "${scheduler[@]}" export 1 --xlsx "$work/plan.xlsx" --db "$work/b.db"
echo "== export RUN --out: the same plan as JSON (the database and start-up alone)"
farm-bench -- "${scheduler[@]}" export 1 --out "$work/plan.json" --db "$work/b.db"
