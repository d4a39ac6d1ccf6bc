-- 006: the training register: the bureau's session and study types, the annual study plan's
-- topics, sessions with their audience, attendance with the 學時 credited, study outside the
-- sessions, the quota rules (kept as data), and the yearly tally per official and type that
-- quotas are measured on (kept in step with attendance and study records by the store).

CREATE TABLE training_kind (
    code     TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 40),
    position INTEGER NOT NULL,
    name_tc  TEXT NOT NULL,
    name_sc  TEXT NOT NULL,
    name_en  TEXT NOT NULL
) STRICT;

CREATE TABLE study_topic (
    id        INTEGER PRIMARY KEY,
    uuid      TEXT NOT NULL UNIQUE,
    year      INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    title     TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 100),
    points    TEXT NOT NULL DEFAULT '' CHECK (length(points) <= 20000),
    organiser TEXT NOT NULL DEFAULT '',
    lead      TEXT NOT NULL DEFAULT '',
    audience  TEXT NOT NULL DEFAULT '{"units":[],"tiers":[]}',
    schedule  TEXT NOT NULL DEFAULT '',
    kind      TEXT NOT NULL REFERENCES training_kind(code)
) STRICT;

CREATE TABLE training_session (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    topic_id     INTEGER REFERENCES study_topic(id),
    title        TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 100),
    kind         TEXT NOT NULL REFERENCES training_kind(code),
    date         TEXT NOT NULL,
    time         TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL DEFAULT '',
    hours        REAL NOT NULL CHECK (hours > 0 AND hours <= 500),
    organiser    TEXT NOT NULL DEFAULT '',
    lead         TEXT NOT NULL DEFAULT '',
    audience     TEXT NOT NULL DEFAULT '{"units":[],"tiers":[]}',
    capabilities TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX training_session_date ON training_session(date);

CREATE TABLE session_plan_item (
    session_id   INTEGER NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
    plan_item_id INTEGER NOT NULL REFERENCES plan_item(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, plan_item_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE attendance (
    session_id  INTEGER NOT NULL REFERENCES training_session(id) ON DELETE CASCADE,
    official_id INTEGER NOT NULL REFERENCES official(id),
    mark        TEXT NOT NULL CHECK (mark IN ('present', 'late', 'leave', 'absent')),
    hours       REAL NOT NULL CHECK (hours >= 0 AND hours <= 500),
    walk_in     INTEGER NOT NULL DEFAULT 0 CHECK (walk_in IN (0, 1)),
    PRIMARY KEY (session_id, official_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX attendance_official ON attendance(official_id);

CREATE TABLE study_record (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    official_id INTEGER NOT NULL REFERENCES official(id),
    title       TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 100),
    kind        TEXT NOT NULL REFERENCES training_kind(code),
    start       TEXT NOT NULL,
    end         TEXT NOT NULL,
    hours       REAL NOT NULL CHECK (hours > 0 AND hours <= 500),
    organiser   TEXT NOT NULL DEFAULT '',
    place       TEXT NOT NULL DEFAULT '',
    mode        TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL DEFAULT '',
    certificate TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX study_record_official ON study_record(official_id);

CREATE TABLE quota_rule (
    id       INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    body     TEXT NOT NULL
) STRICT;

CREATE TABLE training_tally (
    official_id INTEGER NOT NULL REFERENCES official(id),
    year        INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    sessions    INTEGER NOT NULL,
    hours       REAL NOT NULL,
    months      INTEGER NOT NULL,
    PRIMARY KEY (official_id, year, kind)
) STRICT, WITHOUT ROWID;
CREATE INDEX training_tally_year ON training_tally(year);
