#!/usr/bin/env bash
# What moves in a what-if, and why: for each contended benchmark slate, five single-change variants
# (the busiest day of a plan closed in its region, one title slipping a month, one event moving a week, the weekly
# marketing budget cut by a fifth, a no-op), compared at SECONDS each (default 30), once anchored
# on the base plan (the default) and once with --independent. Prints a markdown table: releases
# moved by cause (forced, displaced, improvement) against the moves of the independent plans.
# Usage: bench/whatif-causes.sh [SECONDS] [SLATE.json ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
slates=("$@")
[ ${#slates[@]} -gt 0 ] || slates=(../shared/bench/contended-2027.json ../shared/bench/contended-large.json)

.ci/setup
command -v jq >/dev/null || { echo "bench/whatif-causes.sh needs jq (apt-get install jq)" >&2; exit 2; }
dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
scheduler=(dotnet src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The five variants, drawn from the slate and a plan of it: the busiest (region, date) of that plan
# closed (a blackout date); the first unpinned title's earliest date a month later; the first event
# a week later; the marketing budget at four fifths.
variants='
  def day($d): $d | strptime("%Y-%m-%d") | mktime;
  def date($t): $t | strftime("%Y-%m-%d");
  . as $s
  | ([$s.titles[] | select(.pinned == null and .pins == null)][0]) as $title
  | ($s.events[0]) as $event
  | .variants = [
      { id: "day-closed", description: "\($region) closed on \($busiest)",
        changes: { regions: [ { id: $region, blackoutDates: ([($s.regions[] | select(.id == $region) | .blackoutDates // [])[]] + [$busiest]) } ] } },
      { id: "title-slips", description: "\($title.id) ready a month later",
        changes: { titles: [ { id: $title.id, earliest: date(day($title.earliest) + 31 * 86400) } ] } },
      { id: "event-moves", description: "\($event.id) a week later",
        changes: { events: [ { id: $event.id, start: date(day($event.start) + 7 * 86400), end: date(day($event.end) + 7 * 86400) } ] } },
      { id: "budget-cut", description: "marketing budget at four fifths",
        changes: { capacity: { marketingBudgetPerWeek: ($s.capacity.marketingBudgetPerWeek * 80 | round / 100) } } },
      { id: "no-op", description: "described again", changes: { description: "the same slate, described again" } }
    ]'

echo "| slate | variant | forced | displaced | improvement | moved (anchored) | objective change (anchored) | moved (independent) | objective change (independent) |"
echo "|---|---|---|---|---|---|---|---|---|"
for slate in "${slates[@]}"; do
  name=$(basename "$slate" .json)
  "${scheduler[@]}" plan "$slate" --json --no-save --time-limit "$seconds" >"$work/plan.json"
  read -r region busiest < <(jq -r '.releases | group_by([.region, .date]) | max_by(length) | .[0] | "\(.region) \(.date)"' "$work/plan.json")
  jq --arg region "$region" --arg busiest "$busiest" "$variants" "$slate" >"$work/$name.json"
  "${scheduler[@]}" compare "$work/$name.json" --json --no-save --time-limit "$seconds" >"$work/anchored.json" || true
  "${scheduler[@]}" compare "$work/$name.json" --json --no-save --time-limit "$seconds" --independent >"$work/independent.json" || true
  jq -r --arg slate "$name" --slurpfile other "$work/independent.json" '
    def count(v; c): if v.moved == null then "n/a" else ([v.moved[] | select(.cause == c)] | length | tostring) end;
    def moved(v): if v.moved == null then "n/a" else (v.moved | length | tostring) end;
    def change(v): if v.delta == null then "n/a" else (v.delta.objective * 1000 | round / 1000 | tostring) end;
    (if .base.improvedBy then "| \($slate) | (base took \(.base.improvedBy)) | | | | | | | |" else empty end),
    (.variants[] as $a | ($other[0].variants[] | select(.id == $a.id)) as $i |
     "| \($slate) | \($a.id)\(if $a.sameAsBase then " (same model)" elif $a.improvedByBase then " (took the base plan)" else "" end) | \(count($a; "forced")) | \(count($a; "displaced")) | \(count($a; "improvement")) | \(moved($a)) | \(change($a)) | \(moved($i)) | \(change($i)) |")
  ' "$work/anchored.json"
done
