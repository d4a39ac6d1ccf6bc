-- 012: 平時考核 and 專項考核. The year's periods (quarters or months, each with a deadline), one
-- 平時 record per official and period (the stage and result as columns for the quota and the
-- summaries, the 個人小結, ratings, attendance and sign-offs as a JSON body), the units whose
-- period is closed, and 專項考核 events with each participant's result. The 好 quota's settings
-- and the rule sets are the bureau's settings (meta).

CREATE TABLE routine_period (
    id       INTEGER PRIMARY KEY,
    uuid     TEXT NOT NULL UNIQUE,
    year     INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    cadence  TEXT NOT NULL CHECK (cadence IN ('quarterly', 'monthly')),
    number   INTEGER NOT NULL CHECK (number BETWEEN 1 AND 12 AND (cadence = 'monthly' OR number <= 4)),
    deadline TEXT NOT NULL CHECK (date(deadline) IS deadline),
    UNIQUE (year, cadence, number)
) STRICT;

CREATE TABLE routine_record (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    period_id   INTEGER NOT NULL REFERENCES routine_period(id),
    official_id INTEGER NOT NULL REFERENCES official(id),
    stage       TEXT NOT NULL CHECK (stage IN ('draft', 'submitted', 'rated', 'acknowledged')),
    result      TEXT CHECK (result IN ('good', 'fairly_good', 'average', 'poor')),
    body        TEXT NOT NULL CHECK (json_valid(body)),
    UNIQUE (period_id, official_id),
    CHECK (result IS NULL OR stage IN ('rated', 'acknowledged'))
) STRICT;
CREATE INDEX routine_record_official ON routine_record(official_id);

-- A unit's period handed in (closed): nobody of it is left unrated.
CREATE TABLE routine_closed (
    period_id INTEGER NOT NULL REFERENCES routine_period(id),
    unit_id   INTEGER NOT NULL REFERENCES unit(id),
    closed_by TEXT NOT NULL,
    closed_on TEXT NOT NULL CHECK (date(closed_on) IS closed_on),
    PRIMARY KEY (period_id, unit_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE special_event (
    id       INTEGER PRIMARY KEY,
    uuid     TEXT NOT NULL UNIQUE,
    date     TEXT NOT NULL CHECK (date(date) IS date),
    task     TEXT NOT NULL CHECK (length(trim(task)) BETWEEN 1 AND 200),
    evidence TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 20000)
) STRICT;

CREATE TABLE special_result (
    event_id    INTEGER NOT NULL REFERENCES special_event(id) ON DELETE CASCADE,
    official_id INTEGER NOT NULL REFERENCES official(id),
    result      TEXT CHECK (result IN ('good', 'fairly_good', 'average', 'poor')),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 20000),
    PRIMARY KEY (event_id, official_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX special_result_official ON special_result(official_id);
