-- 003: the programme as it runs each year. The catalogue's phases and tasks stay the template;
-- a programme copies them with its own dates, and its milestones carry who, when and how far.

CREATE TABLE programme (
    id      INTEGER PRIMARY KEY,
    uuid    TEXT NOT NULL UNIQUE,
    year    INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    name_tc TEXT NOT NULL CHECK (length(name_tc) BETWEEN 1 AND 100),
    name_sc TEXT NOT NULL CHECK (length(name_sc) BETWEEN 1 AND 100),
    name_en TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200)
) STRICT;

CREATE TABLE programme_phase (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position BETWEEN 1 AND 99),
    name_tc      TEXT NOT NULL CHECK (length(name_tc) BETWEEN 1 AND 100),
    name_sc      TEXT NOT NULL CHECK (length(name_sc) BETWEEN 1 AND 100),
    name_en      TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
    start_date   TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date     TEXT NOT NULL CHECK (date(end_date) IS end_date),
    CHECK (end_date >= start_date),
    UNIQUE (programme_id, position)
) STRICT;

CREATE TABLE milestone (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    phase_id   INTEGER NOT NULL REFERENCES programme_phase(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title_tc   TEXT NOT NULL CHECK (length(title_tc) BETWEEN 1 AND 200),
    title_sc   TEXT NOT NULL CHECK (length(title_sc) BETWEEN 1 AND 200),
    title_en   TEXT NOT NULL CHECK (length(title_en) BETWEEN 1 AND 400),
    unit_id    INTEGER REFERENCES unit(id),
    lead       TEXT NOT NULL DEFAULT '' CHECK (length(lead) <= 100),
    due_date   TEXT NOT NULL CHECK (date(due_date) IS due_date),
    status     TEXT NOT NULL DEFAULT 'not_started' CHECK (status IN ('not_started', 'in_progress', 'done')),
    done_on    TEXT CHECK (done_on IS NULL OR date(done_on) IS done_on),
    measure    TEXT CHECK (measure IS NULL OR measure IN ('duty_statements', 'standards', 'seat_statements', 'self_checks', 'improvement_plans', 'training')),
    notes      TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
    evidence   TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 20000),
    CHECK ((status = 'done') = (done_on IS NOT NULL))
) STRICT;
CREATE INDEX milestone_phase ON milestone(phase_id);

-- 領導小組 and its office.
CREATE TABLE leading_group_member (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    programme_id INTEGER NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 50),
    role         TEXT NOT NULL CHECK (role IN ('leader', 'deputy', 'member', 'office_director', 'office_member')),
    duty         TEXT NOT NULL DEFAULT '' CHECK (length(duty) <= 200)
) STRICT;

-- The catalogue's tasks say which figure measures them (the shipped catalogue's choices).
ALTER TABLE phase_task ADD COLUMN measure TEXT
    CHECK (measure IS NULL OR measure IN ('duty_statements', 'standards', 'seat_statements', 'self_checks', 'improvement_plans', 'training'));
UPDATE phase_task SET measure = 'standards' WHERE position = 1 AND phase_id = (SELECT id FROM phase WHERE position = 2);
UPDATE phase_task SET measure = 'self_checks' WHERE position = 2 AND phase_id = (SELECT id FROM phase WHERE position = 2);
UPDATE phase_task SET measure = 'training' WHERE position = 3 AND phase_id = (SELECT id FROM phase WHERE position = 2);

-- A year's standards and seat statements are read in bulk.
CREATE INDEX post_standard_year ON post_standard(year);
CREATE INDEX seat_statement_year ON seat_statement(year);
CREATE INDEX seat_statement_level_statement ON seat_statement_level(statement_id);
