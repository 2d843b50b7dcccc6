#!/usr/bin/env bash
# Slates that cannot fit: how fast `plan` proves it on 190-country slates.
#   bench/world-fit.sh [RUNS]
# Generates a world slate of its own (one region per country of tzdata's zone.tab, each with its
# IANA zone; 420 titles, 250 global, 100 regional, 70 licensed and staggered; Wednesdays to
# Fridays), once fitting (budget 30 a week) and once over-committed (budget 12 a week), and times
#   validate --deep on the fitting one (the rule checks alone, on every region),
#   plan on the over-committed one, and on ../shared/bench/world-over.json,
#   plan on a generated contended 300x16x2 slate with a pin conflict added,
# each RUNS times (default 3) with farm-bench when it is there, on a Release build it makes;
# then, once each (a two-minute search), plan --best-effort on both over-committed slates, with
# the titles it leaves out and the rules that keep them out.
# Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
cli=src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll
dotnet build -c Release src/Scheduler.Cli > /dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

python3 - "$out" <<'PY'
import json, random, sys
out = sys.argv[1]
zones = {}
for line in open('/usr/share/zoneinfo/zone.tab'):
    if line.startswith('#'):
        continue
    code, _, zone = line.split('\t')[:3]
    zones.setdefault(code.lower(), zone.strip())
codes = sorted(zones)[:190]
rng = random.Random(2027)
regions = [{"id": c, "name": c.upper(), "timeZone": zones[c], "audience": round(rng.uniform(0.2, 8), 2)} for c in codes]
genres = ["drama", "comedy", "thriller", "action", "horror", "kids", "romance", "sci-fi", "documentary", "anime"]
titles = []
def day(d):
    import datetime
    return (datetime.date(2027, 1, 1) + datetime.timedelta(days=d)).isoformat()
for i in range(420):
    first = rng.randrange(0, 300)
    span = rng.randrange(21, 90)
    title = {"id": f"g{i:03}", "name": f"Generated title {i}", "genres": rng.sample(genres, 2), "demand": round(rng.uniform(2, 20), 2),
             "earliest": day(first), "latest": day(min(364, first + span)), "marketingCost": round(rng.uniform(0.5, 3.2), 2)}
    if i < 250:
        title["release"] = "global"
    elif i < 350:
        title["release"] = "either"
        title["regions"] = rng.sample(codes, 20)
    else:
        title["release"] = "staggered"
        title["regions"] = rng.sample(codes, 40)
        title["latest"] = day(min(364, first + span + 60))
    if i % 40 == 0:
        title["tentpole"] = True
    titles.append(title)
for budget, name in ((30, "fits"), (12, "over")):
    slate = {"name": f"generated world 2027 ({name})", "horizon": {"start": "2027-01-01", "end": "2027-12-31"},
             "releaseDays": ["wednesday", "thursday", "friday"], "regions": regions, "titles": titles,
             "capacity": {"perDay": 3, "tentpolesPerDay": 1, "tentpoleSpacingDays": 7, "marketingBudgetPerWeek": budget}}
    json.dump(slate, open(f"{out}/world-{name}.json", "w"))
print(f"{len(regions)} regions, {len(titles)} titles, marketing cost {sum(t['marketingCost'] for t in titles):.1f}", file=sys.stderr)
PY

time_it() {
  local label=$1; shift
  if command -v farm-bench > /dev/null; then
    echo "== $label"
    farm-bench -n "$runs" --warmup 0 --timeout 900 -- "$@" || true
  else
    for _ in $(seq "$runs"); do /usr/bin/time -f "$label: %e s, %M KB" "$@" > /dev/null 2>&1 || true; done
  fi
  local said code=0
  said=$("$@" 2>&1) || code=$?
  grep -E '^- |Deep check|cannot be planned' <<< "$said" | cut -c1-220 || true
  echo "exit $code"
}

# A contended 300-title x 16-region x 2-year slate with one pin conflict added: one more title
# pinned to a Friday in us than perDay allows, each of them free to release there that day.
dotnet "$cli" generate --titles 300 --regions 16 --years 2 --seed 7 --contention high --out "$out/contended-300.json" > /dev/null
python3 - "$out" <<'PY'
import datetime, json, sys
out = sys.argv[1]
slate = json.load(open(f"{out}/contended-300.json"))
per_day = slate["capacity"]["perDay"]
def free_on(title, day):
    ready = title.get("readiness", {}).get("us", title["earliest"])
    return (not title.get("optional")) and "us" in title.get("regions", ["us"]) and max(title["earliest"], ready) <= day <= title["latest"] and "pinned" not in title
day = datetime.date(2027, 1, 1)
while True:
    if day.weekday() == 4:
        free = [t for t in slate["titles"] if free_on(t, day.isoformat())]
        if len(free) > per_day:
            break
    day += datetime.timedelta(days=1)
for title in free[:per_day + 1]:
    title["pinned"] = {"us": day.isoformat()}
slate["name"] += " with a pin conflict"
json.dump(slate, open(f"{out}/contended-300-pins.json", "w"))
PY

time_it "plan, contended 300x16x2 with a pin conflict" dotnet "$cli" plan "$out/contended-300-pins.json" --no-save --time-limit 120
time_it "validate --deep, generated world (fits)" dotnet "$cli" validate --deep "$out/world-fits.json"
time_it "plan, generated world (over-committed)" dotnet "$cli" plan "$out/world-over.json" --no-save --time-limit 120
time_it "plan, ../shared/bench/world-over.json" dotnet "$cli" plan ../shared/bench/world-over.json --no-save --time-limit 120

# Best effort: the part of each over-committed slate that fits, once each (the search uses its limit).
best_effort() {
  local label=$1 slate=$2 code=0
  echo "== $label"
  /usr/bin/time -f "wall %e s, peak %M KB" dotnet "$cli" plan "$slate" --best-effort --no-save --time-limit 120 --out "$out/partial.json" > /dev/null 2> "$out/said" || code=$?
  grep -E 'wall|leaving out' "$out/said" | cut -c1-220 || true
  echo "exit $code"
  python3 - "$out/partial.json" "$slate" <<'PY'
import collections, json, sys
plan, slate = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
cost = {t["id"]: t.get("marketingCost", 0) for t in slate["titles"]}
must = sum(c for t, c in cost.items() if not next(x for x in slate["titles"] if x["id"] == t).get("optional"))
budget = slate["capacity"]["marketingBudgetPerWeek"] * 53
left = plan.get("leftOut", [])
print(f"status {plan['solver']['status']}, objective {plan['solver']['objective']:.2f}, {plan['kpis']['titlesScheduled']} titles placed, "
      f"{len(left)} left out carrying {sum(cost[l['title']] for l in left):.2f} of marketing cost (the slate is {must - budget:.2f} over the year's budget), "
      f"rules {dict(collections.Counter(l['rule'] for l in left))}")
PY
}

best_effort "plan --best-effort, generated world (over-committed)" "$out/world-over.json"
best_effort "plan --best-effort, ../shared/bench/world-over.json" ../shared/bench/world-over.json
