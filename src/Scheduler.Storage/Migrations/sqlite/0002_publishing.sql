-- Each (title, region) goes live once, ever: the primary key is what makes publication happen
-- exactly once, whatever fires twice, restarts or runs in a second process.
CREATE TABLE publications (
    title            TEXT NOT NULL,
    region           TEXT NOT NULL,
    run_id           INTEGER NOT NULL REFERENCES runs (id),
    date             TEXT NOT NULL,          -- local date, YYYY-MM-DD
    publish_at       TEXT NOT NULL,          -- the promised instant, UTC ISO-8601
    published_at     TEXT NOT NULL,          -- the actual instant, UTC ISO-8601
    lateness_seconds REAL NOT NULL,
    PRIMARY KEY (title, region)
) WITHOUT ROWID;

-- The outbox: one notification per publication, delivered to the sink after the commit.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    region          TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    payload         TEXT NOT NULL,           -- JSON
    created_at      TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    delivered_at    TEXT,
    last_error      TEXT
);
CREATE INDEX notifications_pending ON notifications (status, id);
