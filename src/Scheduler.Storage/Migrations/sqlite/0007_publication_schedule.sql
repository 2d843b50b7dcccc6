-- The same change as postgres/0007_publication_schedule.sql. Tables and indexes are added; the
-- schedule is filled from the plan of record in place, if there is one.

-- The plan of record's drops, written out again at each adoption (PlanOfRecordStore), so that
-- publishing reads what falls due next by an index on the instant instead of joining every
-- release of the run with every publication. publish_ms is publish_at as a number: text puts
-- "00:00:00.5Z" before "00:00:00Z", and a range needs the true order. published mirrors the
-- publications table, written in the same transaction as the publication itself.
CREATE TABLE plan_of_record_drops (
    title      TEXT NOT NULL,
    region     TEXT NOT NULL,
    drop_index INTEGER NOT NULL CHECK (drop_index >= 0),
    run_id     INTEGER NOT NULL REFERENCES runs (id),
    drops      INTEGER NOT NULL CHECK (drops >= 1),
    date       TEXT NOT NULL,                -- local date, YYYY-MM-DD
    publish_at TEXT NOT NULL,                -- UTC ISO-8601
    publish_ms INTEGER NOT NULL,             -- the same instant, milliseconds since 1970-01-01T00:00Z
    mode       TEXT NOT NULL,
    published  INTEGER NOT NULL CHECK (published IN (0, 1)),
    PRIMARY KEY (title, region, drop_index)
) WITHOUT ROWID;

-- What falls due next, and the listing in publication order (status, the API).
CREATE INDEX plan_of_record_drops_due ON plan_of_record_drops (published, publish_ms);
CREATE INDEX plan_of_record_drops_order ON plan_of_record_drops (publish_ms, region, title, drop_index);

-- A drop's notification, looked up for its state (failed) without reading the outbox.
CREATE INDEX notifications_drop ON notifications (title, region, drop_index);

-- The last filling of the window of publication triggers: the adoption it followed, the instant it
-- reached, when and by which node. Nodes read it to fill the window once per adoption.
CREATE TABLE publication_window (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    stamp       TEXT NOT NULL,               -- the plan of record's stamp (run and adoption instant)
    through     TEXT NOT NULL,               -- UTC ISO-8601: drops due until then have triggers
    refilled_at TEXT NOT NULL,               -- UTC ISO-8601
    node        TEXT NOT NULL,
    instants    INTEGER NOT NULL,            -- triggers in place after the filling
    drops       INTEGER NOT NULL             -- unpublished drops they publish
);

INSERT INTO plan_of_record_drops (title, region, drop_index, run_id, drops, date, publish_at, publish_ms, mode, published)
SELECT x.title, x.region, x.drop_index, x.run_id, x.drops, x.date, x.publish_at,
       CAST(round((julianday(x.publish_at) - 2440587.5) * 86400000.0) AS INTEGER), x.mode,
       CASE WHEN p.title IS NULL THEN 0 ELSE 1 END
FROM (
    SELECT run_id, title, region, 0 AS drop_index, drops, date, publish_at, mode
    FROM releases WHERE run_id = (SELECT run_id FROM plan_of_record WHERE id = 1)
    UNION ALL
    SELECT d.run_id, d.title, d.region, d.drop_index, r.drops, d.date, d.publish_at, r.mode
    FROM release_drops d JOIN releases r ON r.run_id = d.run_id AND r.title = d.title AND r.region = d.region
    WHERE d.run_id = (SELECT run_id FROM plan_of_record WHERE id = 1)
) x
LEFT JOIN publications p ON p.title = x.title AND p.region = x.region AND p.drop_index = x.drop_index;
