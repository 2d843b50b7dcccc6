#!/usr/bin/env bash
# Publication by serve nodes sharing one PostgreSQL database: 1,000 releases falling due within
# one minute, published by one node, by two nodes, and by two nodes of which one is killed
# (kill -9) half-way through. Every number comes from the publications table of that run:
# lateness is published_at - publish_at of each release; throughput is releases published per
# second between the first and the last publication. A throw-away PostgreSQL server on a free
# loopback port holds the databases and is removed at the end.
# With 'world', a world's year as the plan of record instead (bench/cluster-world.sh); with
# 'burst', only its burst of 2,000 drops at one instant. SCHEDULER_DLL runs another build (the
# commit before, say) instead of this tree's.
# Usage: bench/cluster.sh [world|burst]
set -euo pipefail
cd "$(dirname "$0")/.."

.ci/setup
if [ -z "${SCHEDULER_DLL:-}" ]; then
  dotnet build -c Release src/Scheduler.Cli -v quiet -nologo >/dev/null
  SCHEDULER_DLL="$PWD/src/Scheduler.Cli/bin/Release/net10.0/scheduler.dll"
fi
scheduler=(dotnet "$SCHEDULER_DLL")
source bench/postgres.sh
start_postgres
if [ "${1:-}" = world ] || [ "${1:-}" = burst ]; then
  source bench/cluster-world.sh
  exit 0
fi

count=1000
echo "| nodes | killed | published | by node | throughput /s | lateness p50 s | p99 s | max s |"
echo "|---|---|---|---|---|---|---|---|"
for case in "1 no" "2 no" "2 yes"; do
  read -r n killed <<<"$case"
  db="burst_${n}_${killed}"
  sql postgres "CREATE DATABASE $db" >/dev/null
  uri="postgres://postgres@127.0.0.1:$port/$db"
  "${scheduler[@]}" runs --db "$uri" >/dev/null   # creates and migrates the schema

  # A plan of record of $count releases, the first due in 15 s, then one every 60 ms.
  sql "$db" "
    INSERT INTO scenarios (sha256, name, submitted_at, content) VALUES ('burst', 'Burst', '2026-01-01T00:00:00Z', '\x7b7d');
    INSERT INTO runs (scenario_id, trigger, started_at, finished_at, engine, status, seconds, verified, release_count)
      VALUES (1, 'cli', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'bench', 'optimal', 0, 1, $count);
    INSERT INTO releases (run_id, title, region, date, publish_at, mode, value)
      SELECT 1, 't' || lpad(i::text, 4, '0'), 'us', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
             to_char((now() + interval '15 seconds' + i * interval '60 milliseconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),
             'staggered', 1
      FROM generate_series(0, $count - 1) AS i;
    INSERT INTO plan_of_record (id, run_id, adopted_at) VALUES (1, 1, '2026-01-01T00:00:00Z');
    INSERT INTO plan_of_record_drops (title, region, drop_index, run_id, drops, date, publish_at, publish_ms, mode, published)
      SELECT title, region, 0, run_id, 1, date, publish_at, round(extract(epoch FROM publish_at::timestamptz) * 1000)::bigint, mode, 0
      FROM releases WHERE run_id = 1;" >/dev/null

  nodes=()
  for i in $(seq 1 "$n"); do
    "${scheduler[@]}" serve --db "$uri" --node "node-$i" --sink "$work/$db-$i.jsonl" --replan-cron none >"$work/$db-$i.log" 2>&1 &
    nodes+=("$!")
  done

  deadline=$((SECONDS + 240))
  while [ "$(sql "$db" "SELECT count(*) FROM publications")" -lt "$count" ] && [ "$SECONDS" -lt "$deadline" ]; do
    if [ "$killed" = yes ] && [ "${#nodes[@]}" -eq 2 ] && [ "$(sql "$db" "SELECT count(*) FROM publications")" -ge $((count / 2)) ]; then
      kill -9 "${nodes[0]}"; wait "${nodes[0]}" 2>/dev/null || true
      nodes=("${nodes[1]}")
    fi
    sleep 0.2
  done
  for pid in "${nodes[@]}"; do kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; done
  nodes=()

  sql "$db" "
    SELECT '| $n | $killed | ' || count(*) || ' | ' ||
           (SELECT string_agg(node || ' ' || c, ', ' ORDER BY node) FROM (SELECT node, count(*) AS c FROM publications GROUP BY node) AS per) || ' | ' ||
           round((count(*) / nullif(extract(epoch FROM max(published_at::timestamptz) - min(published_at::timestamptz)), 0))::numeric, 1) || ' | ' ||
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness_seconds)::numeric, 3) || ' | ' ||
           round(percentile_cont(0.99) WITHIN GROUP (ORDER BY lateness_seconds)::numeric, 3) || ' | ' ||
           round(max(lateness_seconds)::numeric, 3) || ' |'
    FROM publications"
done
