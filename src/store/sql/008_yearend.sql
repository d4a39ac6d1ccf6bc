-- 008: the year-end record of each official (自查驗收, 個人總結, the sign-off chain and the grade)
-- for a programme year. The texts and opinions are one JSON body; the stage and grade are
-- columns so rosters and quotas read them directly.

CREATE TABLE yearend_record (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    official_id INTEGER NOT NULL REFERENCES official(id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    stage       TEXT NOT NULL CHECK (stage IN ('draft', 'submitted', 'commented', 'decided', 'locked')),
    grade       TEXT CHECK (grade IN ('excellent', 'competent', 'basic', 'incompetent', 'undetermined')),
    body        TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (official_id, year)
) STRICT;
