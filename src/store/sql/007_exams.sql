-- 007: tests also record exams: the 五基達標考試 and other exams, beside the post and spot tests
-- of the self-check. SQLite changes a CHECK by rebuilding the table; the scores keep pointing
-- at it by name.

CREATE TABLE capability_test_new (
    id        INTEGER PRIMARY KEY,
    uuid      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    kind      TEXT NOT NULL CHECK (kind IN ('post', 'spot', 'five_basics', 'exam')),
    date      TEXT NOT NULL,
    pass_mark REAL NOT NULL CHECK (pass_mark BETWEEN 0 AND 1000)
) STRICT;
INSERT INTO capability_test_new (id, uuid, name, kind, date, pass_mark) SELECT id, uuid, name, kind, date, pass_mark FROM capability_test;
DROP TABLE capability_test;
ALTER TABLE capability_test_new RENAME TO capability_test;
