-- 009: the personnel section's 檢查驗收 of each unit for a programme year against the five unit
-- standards (機構和崗位職責明確 … 社會評價良好): met / partly / not with notes, as one JSON body.

CREATE TABLE yearend_unit_review (
    id      INTEGER PRIMARY KEY,
    uuid    TEXT NOT NULL UNIQUE,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    year    INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    body    TEXT NOT NULL,
    UNIQUE (unit_id, year)
) STRICT;
