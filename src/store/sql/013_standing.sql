-- 013: what the year-end rules read of an official (處分 and 組織處理, 立案審查, leave days by kind
-- and year, the end of probation, months on secondment), the bureau's working days per year,
-- and the 優秀 quota's 名額分配表 per year and pool. The eligibility rules and the quota's
-- settings are the bureau's settings (meta). Nothing existing changes.

CREATE TABLE official_sanction (
    id          INTEGER PRIMARY KEY,
    official_id INTEGER NOT NULL REFERENCES official(id),
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    kind        TEXT NOT NULL CHECK (kind IN ('warning', 'demerit', 'major_demerit', 'demotion', 'removal', 'expulsion',
                                              'party_warning', 'party_serious_warning', 'party_removal', 'party_probation',
                                              'party_expulsion', 'admonition', 'reassignment', 'dismissal')),
    doc_no      TEXT NOT NULL DEFAULT '' CHECK (length(doc_no) <= 200),
    effective   TEXT NOT NULL CHECK (date(effective) IS effective),
    ends        TEXT CHECK (ends IS NULL OR (date(ends) IS ends AND ends >= effective)),
    UNIQUE (official_id, seq)
) STRICT;

CREATE TABLE official_investigation (
    id          INTEGER PRIMARY KEY,
    official_id INTEGER NOT NULL REFERENCES official(id),
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    opened      TEXT NOT NULL CHECK (date(opened) IS opened),
    closed      TEXT CHECK (closed IS NULL OR (date(closed) IS closed AND closed >= opened)),
    outcome     TEXT CHECK (outcome IN ('no_penalty', 'warning', 'penalty')),
    CHECK (outcome IS NULL OR closed IS NOT NULL),
    UNIQUE (official_id, seq)
) STRICT;

CREATE TABLE official_leave (
    official_id INTEGER NOT NULL REFERENCES official(id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind        TEXT NOT NULL CHECK (kind IN ('sick', 'personal', 'other')),
    days        INTEGER NOT NULL CHECK (days BETWEEN 0 AND 366),
    PRIMARY KEY (official_id, year, kind)
) STRICT, WITHOUT ROWID;

CREATE TABLE official_secondment (
    official_id INTEGER NOT NULL REFERENCES official(id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    months      INTEGER NOT NULL CHECK (months BETWEEN 1 AND 12),
    PRIMARY KEY (official_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE official_probation (
    official_id INTEGER PRIMARY KEY REFERENCES official(id),
    ends        TEXT NOT NULL CHECK (date(ends) IS ends)
) STRICT;

CREATE TABLE working_days (
    year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 366)
) STRICT;

-- 名額分配表: the places each unit is given in a pool ('' is the bureau outside every pool).
CREATE TABLE excellent_allocation (
    year    INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    pool    TEXT NOT NULL CHECK (length(pool) <= 200),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    places  INTEGER NOT NULL CHECK (places BETWEEN 0 AND 10000),
    PRIMARY KEY (year, pool, unit_id)
) STRICT, WITHOUT ROWID;
