-- 013: 民主測評 and 公示. The bureau's calendar (weekdays off and weekend days worked); the
-- year's ballot tallies per person assessed and voter class, kept apart by where they came from
-- (paper tallies entered by the personnel section, ballots cast with one-time codes); the codes
-- not yet used, by year and class only; and the year's 公示 of the 優秀 candidates with its
-- objections. No table names a voter: a code is removed when its ballot is cast, and a cast
-- ballot only adds to counts. The voter classes and the minimum of ballots are settings (meta).

CREATE TABLE calendar_day (
    day  TEXT PRIMARY KEY CHECK (date(day) IS day),
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 40)
) STRICT, WITHOUT ROWID;

CREATE TABLE ballot_tally (
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    official_id INTEGER NOT NULL REFERENCES official(id),
    class       TEXT NOT NULL CHECK (length(class) BETWEEN 1 AND 20),
    source      TEXT NOT NULL CHECK (source IN ('paper', 'cast')),
    excellent   INTEGER NOT NULL CHECK (excellent BETWEEN 0 AND 100000),
    competent   INTEGER NOT NULL CHECK (competent BETWEEN 0 AND 100000),
    basic       INTEGER NOT NULL CHECK (basic BETWEEN 0 AND 100000),
    incompetent INTEGER NOT NULL CHECK (incompetent BETWEEN 0 AND 100000),
    PRIMARY KEY (year, official_id, class, source)
) STRICT, WITHOUT ROWID;
CREATE INDEX ballot_tally_official ON ballot_tally(official_id);

-- A one-time code given out on a ballot slip: its hash, the year, the voter class and the unit
-- whose people the ballot assesses (NULL: the whole bureau), nothing else.
CREATE TABLE ballot_code (
    code_hash TEXT PRIMARY KEY CHECK (length(code_hash) = 64),
    year      INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    class     TEXT NOT NULL CHECK (length(class) BETWEEN 1 AND 20),
    unit_id   INTEGER REFERENCES unit(id)
) STRICT, WITHOUT ROWID;

CREATE TABLE publicity (
    year       INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    uuid       TEXT NOT NULL UNIQUE,
    start_day  TEXT NOT NULL CHECK (date(start_day) IS start_day),
    end_day    TEXT NOT NULL CHECK (date(end_day) IS end_day AND end_day >= start_day),
    body       TEXT NOT NULL CHECK (json_valid(body))
) STRICT;
