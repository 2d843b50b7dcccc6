# Sourced by bench/cluster.sh world|burst. A world's year as the plan of record on PostgreSQL: 420
# titles in 148 regions (62,160 drops), title i on day i*365/420 from now at midnight in one of 40
# zones half an hour apart, plus a burst of 2,000 drops due at one instant a minute after the
# start; with 'burst', the burst alone. On one node and on two, it measures the time from starting
# the nodes to the window's triggers (publication_window follows the adoption), the triggers in
# place, each node's CPU while idle (30 s, once the burst's
# notifications are delivered and the replan followed), the wall time of 'status --limit 50', the
# burst's lateness, the time from a replan that moves 1.2% of the drops (titles 100 to 104, an
# hour from now) to its triggers, and each node's peak memory. A build of the commit before, which
# knows no window, is measured for the burst alone ('burst'; ready is then when its triggers for
# the burst are in place).
mode=$1
burst=2000
echo "| mode | nodes | drops | ready s | triggers | idle CPU % | status s | burst p50 s | p99 s | max s | resync s | peak MB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
stamp_sql="SELECT count(*) FROM publication_window w JOIN plan_of_record p ON w.stamp = p.run_id::text || '@' || p.adopted_at"
has_window() { [ "$(sql "$1" "SELECT to_regclass('publication_window') IS NOT NULL")" = t ]; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
for n in 1 2; do
  db="${mode}_$n"
  sql postgres "CREATE DATABASE $db" >/dev/null
  uri="postgres://postgres@127.0.0.1:$port/$db"
  "${scheduler[@]}" runs --db "$uri" >/dev/null
  world=$([ "$mode" = world ] && echo 1 || echo 0)
  sql "$db" "
    INSERT INTO scenarios (sha256, name, submitted_at, content) VALUES ('world', 'World', '2026-01-01T00:00:00Z', '\x7b7d');
    INSERT INTO runs (scenario_id, trigger, started_at, finished_at, engine, status, seconds, verified, release_count)
      VALUES (1, 'cli', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'bench', 'optimal', 0, 1, 0);
    INSERT INTO releases (run_id, title, region, date, publish_at, mode, value)
      SELECT 1, 't' || lpad(i::text, 4, '0'), 'r' || lpad(r::text, 3, '0'), '2027-01-01',
             to_char((date_trunc('minute', now()) + interval '10 minutes' + (i * 365 / 420) * interval '1 day' + (r % 40) * interval '30 minutes') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),
             'staggered', 1
      FROM generate_series(0, 419) AS i, generate_series(0, 147) AS r WHERE $world = 1;
    INSERT INTO releases (run_id, title, region, date, publish_at, mode, value)
      SELECT 1, 'b' || lpad(i::text, 4, '0'), 'us', '2027-01-01',
             to_char((date_trunc('second', now()) + interval '60 seconds') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), 'staggered', 1
      FROM generate_series(0, $burst - 1) AS i;
    INSERT INTO plan_of_record (id, run_id, adopted_at) VALUES (1, 1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'));" >/dev/null
  if has_window "$db"; then
    sql "$db" "INSERT INTO plan_of_record_drops (title, region, drop_index, run_id, drops, date, publish_at, publish_ms, mode, published)
      SELECT title, region, 0, run_id, 1, date, publish_at, round(extract(epoch FROM publish_at::timestamptz) * 1000)::bigint, mode, 0 FROM releases WHERE run_id = 1" >/dev/null
  fi
  drops=$(sql "$db" "SELECT count(*) FROM releases WHERE run_id = 1")

  t0=$(date +%s.%N)
  for i in $(seq 1 "$n"); do
    "${scheduler[@]}" serve --db "$uri" --node "node-$i" --sink "$work/$db-$i.jsonl" --replan-cron none >"$work/$db-$i.log" 2>&1 &
    nodes+=("$!")
  done
  deadline=$((SECONDS + 900))
  if has_window "$db"; then
    until [ "$(sql "$db" "$stamp_sql")" = 1 ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.1; done
  else
    until [ "$(sql "$db" "SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'releases'")" -ge "$burst" ] 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.1; done
  fi
  ready=$(echo "$(date +%s.%N) - $t0" | bc)
  triggers=$(sql "$db" "SELECT count(*) FROM qrtz_triggers WHERE trigger_group IN ('instants', 'releases')")

  s0=$(date +%s.%N)
  "${scheduler[@]}" status --db "$uri" --limit 50 >/dev/null 2>&1 || true
  status=$(echo "$(date +%s.%N) - $s0" | bc)

  until [ "$(sql "$db" "SELECT count(*) FROM publications WHERE title LIKE 'b%'")" -ge "$burst" ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.2; done
  lateness=$(sql "$db" "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness_seconds)::numeric, 3) || ' | ' ||
      round(percentile_cont(0.99) WITHIN GROUP (ORDER BY lateness_seconds)::numeric, 3) || ' | ' || round(max(lateness_seconds)::numeric, 3)
    FROM publications WHERE title LIKE 'b%'")

  resync="-"
  if [ "$mode" = world ] && has_window "$db"; then
    sql "$db" "
      INSERT INTO runs (scenario_id, trigger, started_at, finished_at, engine, status, seconds, verified, release_count)
        VALUES (1, 'cli', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'bench', 'optimal', 0, 1, 0);
      INSERT INTO releases (run_id, title, region, date, publish_at, mode, value)
        SELECT 2, title, region, date,
               CASE WHEN title BETWEEN 't0100' AND 't0104' THEN to_char((date_trunc('minute', now()) + interval '1 hour') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') ELSE publish_at END,
               mode, value FROM releases WHERE run_id = 1;" >/dev/null
    r0=$(date +%s.%N)
    sql "$db" "
      BEGIN;
      UPDATE plan_of_record SET run_id = 2, adopted_at = to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"');
      DELETE FROM plan_of_record_drops;
      INSERT INTO plan_of_record_drops (title, region, drop_index, run_id, drops, date, publish_at, publish_ms, mode, published)
        SELECT x.title, x.region, 0, 2, 1, x.date, x.publish_at, round(extract(epoch FROM x.publish_at::timestamptz) * 1000)::bigint, x.mode,
               CASE WHEN p.title IS NULL THEN 0 ELSE 1 END
        FROM releases x LEFT JOIN publications p ON p.title = x.title AND p.region = x.region AND p.drop_index = 0 WHERE x.run_id = 2;
      COMMIT;" >/dev/null
    until [ "$(sql "$db" "$stamp_sql")" = 1 ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.05; done
    resync=$(printf '%.1f' "$(echo "$(date +%s.%N) - $r0" | bc)")
  fi

  idle="-"
  if [ "$mode" = world ]; then
    until [ "$(sql "$db" "SELECT count(*) FROM notifications WHERE status = 'pending'")" = 0 ] || [ "$SECONDS" -ge "$deadline" ]; do sleep 0.5; done
    sleep 5
    before=(); for pid in "${nodes[@]}"; do before+=("$(ticks "$pid")"); done
    sleep 30
    idle=""; k=0
    for pid in "${nodes[@]}"; do idle="$idle$(echo "scale=1; ($(ticks "$pid") - ${before[k]}) * 100 / (30 * $(getconf CLK_TCK))" | bc) "; k=$((k + 1)); done
  fi

  peak=""
  for pid in "${nodes[@]}"; do peak="$peak$(( $(awk '/VmHWM/ { print $2 }' "/proc/$pid/status") / 1024 )) "; done
  for pid in "${nodes[@]}"; do kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; done
  nodes=()
  printf '| %s | %s | %s | %.1f | %s | %s| %.2f | %s | %s | %s|\n' "$mode" "$n" "$drops" "$ready" "$triggers" "$idle" "$status" "$lateness" "$resync" "$peak"
done
