#!/usr/bin/env bash
# Compares this engine with the one of an earlier commit (by default the last one with the CBC
# engine) on the same contended files in one run: the generator's S, M and L at high contention
# (seed 2027) and the shared 70-title slate, each planned by both builds with the same gap and
# time limit. Prints one markdown row per (slate, engine). The earlier commit is checked out into
# a temporary worktree, set up with its own .ci/setup (CBC needs coinor-libcbc3), and removed.
# Usage: bench/engines.sh [COMMIT]
set -euo pipefail
cd "$(dirname "$0")/.."
baseline=${1:-0da06c7}

.ci/setup
command -v jq >/dev/null || { echo "bench/engines.sh needs jq (apt-get install jq)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/engines.sh needs GNU time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
tree="$work/baseline"
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$tree" "$baseline" >/dev/null 2>&1
(cd "$tree" && .ci/setup && dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null)
dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
current=(dotnet src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll)
earlier=(dotnet "$tree/src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll")
shared=${SHARED_BENCH:-../shared/bench}
gap=0.001
limit=60

"${current[@]}" generate --titles 20 --regions 4 --years 1 --seed 2027 --contention high --out "$work/S.json"
"${current[@]}" generate --titles 100 --regions 12 --years 1 --seed 2027 --contention high --out "$work/M.json"
"${current[@]}" generate --titles 300 --regions 16 --years 2 --release-days 2 --seed 2027 --contention high --out "$work/L.json"
cp "$shared/contended-2027.json" "$work/70.json"

echo "| slate | build | engine, status | objective | bound | gap | wall s | peak MB |"
echo "|---|---|---|---|---|---|---|---|"
for name in S M L 70; do
  for build in earlier current; do
    if [ "$build" = earlier ]; then command=("${earlier[@]}"); label="$baseline"; else command=("${current[@]}"); label="$(git rev-parse --short HEAD)"; fi
    plan="$work/$name-$build.json"
    rm -f "$plan"
    /usr/bin/time -f "%M %e" -o "$work/time" "${command[@]}" plan "$work/$name.json" --gap "$gap" --time-limit "$limit" --no-save --out "$plan" >"$work/out" 2>&1 || true
    read -r peak wall < <(tail -n 1 "$work/time")
    if [ -s "$plan" ]; then
      jq -r --arg name "$name" --arg build "$label" --arg peak "$peak" --arg wall "$wall" '
        def r(n): if . == null then "n/a" else (. * pow(10; n) | round) / pow(10; n) | tostring end;
        .solver as $s | "| \($name) | \($build) | \($s.engine), \($s.status) | \($s.objective | r(2)) | \($s.bound | r(2)) | \(if $s.gap == null then "n/a" else ($s.gap * 100 | r(3) | . + "%") end) | \($wall) | \(($peak | tonumber) / 1024 | round) |"' "$plan"
    else
      echo "| $name | $label | no plan: $(tail -n 1 "$work/out" | cut -c1-80) | n/a | n/a | n/a | $wall | $(( peak / 1024 )) |"
    fi
  done
done
