#!/usr/bin/env bash
# Fuzzes the scenario loader with AFL++ through SharpFuzz, for a bounded time, seeded with the
# bundled scenarios (valid and invalid). Usage: bench/fuzz/run.sh [SECONDS] (default 300).
# Installs afl++ (apt) and the sharpfuzz instrumentation tool (dotnet tool) when missing.
# Findings (inputs that made the loader throw anything but its validation error) are copied to
# tests/Scheduler.Core.Tests/Loading/FuzzFindings/, where FuzzFindingsTests keeps each as a test,
# and replayed once each, printing the exception to fix.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v afl-fuzz >/dev/null || { apt-get update -qq && apt-get install -y -qq afl++ >/dev/null; }
tools="$work/tools"
dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null

out="$work/harness"
dotnet publish bench/fuzz/Scheduler.Fuzz -c Release -o "$out" >/dev/null
"$tools/sharpfuzz" "$out/Scheduler.Core.dll" >/dev/null

mkdir -p "$work/seeds"
for f in scenarios/*.json scenarios/invalid/*.json; do
  # AFL++ wants small seeds; the large bundled slates add nothing the small ones lack.
  [ "$(stat -c %s "$f")" -lt 65536 ] && cp "$f" "$work/seeds/"
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
afl-fuzz -i "$work/seeds" -o "$work/findings" -t 10000 -m none -V "$seconds" -- dotnet "$out/Scheduler.Fuzz.dll" >"$work/afl.log" 2>&1 || true
grep -E "execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time" "$work/findings/default/fuzzer_stats" || tail -20 "$work/afl.log"

crashes=$(find "$work/findings/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "findings: $crashes"
if [ "$crashes" -gt 0 ]; then
  mkdir -p tests/Scheduler.Core.Tests/Loading/FuzzFindings
  for c in "$work"/findings/default/crashes/id:*; do
    name="finding-$(sha256sum "$c" | cut -c1-12).json"
    cp "$c" "tests/Scheduler.Core.Tests/Loading/FuzzFindings/$name"
    echo "== $name"
    dotnet "$out/Scheduler.Fuzz.dll" < "$c" 2>&1 | head -5 || true
  done
fi
