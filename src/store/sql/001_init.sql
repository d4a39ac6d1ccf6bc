-- 001: the foundation: bureau facts, the programme catalogue, units, posts, officials, audit.
-- Every table is STRICT; the CHECKs refuse bad data even when it arrives by raw SQL.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE capability (
    id        INTEGER PRIMARY KEY,
    uuid      TEXT NOT NULL UNIQUE,
    position  INTEGER NOT NULL UNIQUE CHECK (position BETWEEN 1 AND 8),
    code      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name_tc   TEXT NOT NULL CHECK (length(name_tc) BETWEEN 1 AND 40),
    name_sc   TEXT NOT NULL CHECK (length(name_sc) BETWEEN 1 AND 40),
    name_en   TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
    slogan_tc TEXT NOT NULL CHECK (length(slogan_tc) <= 200),
    slogan_sc TEXT NOT NULL CHECK (length(slogan_sc) <= 200),
    slogan_en TEXT NOT NULL CHECK (length(slogan_en) <= 200)
) STRICT;

CREATE TABLE rank_tier (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    code           TEXT NOT NULL UNIQUE CHECK (code IN ('general', 'section', 'division')),
    name_tc        TEXT NOT NULL CHECK (length(name_tc) BETWEEN 1 AND 40),
    name_sc        TEXT NOT NULL CHECK (length(name_sc) BETWEEN 1 AND 40),
    name_en        TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
    expectation_tc TEXT NOT NULL CHECK (length(expectation_tc) <= 200),
    expectation_sc TEXT NOT NULL CHECK (length(expectation_sc) <= 200),
    expectation_en TEXT NOT NULL CHECK (length(expectation_en) <= 200)
) STRICT;

CREATE TABLE phase (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    position   INTEGER NOT NULL UNIQUE CHECK (position BETWEEN 1 AND 99),
    name_tc    TEXT NOT NULL CHECK (length(name_tc) BETWEEN 1 AND 100),
    name_sc    TEXT NOT NULL CHECK (length(name_sc) BETWEEN 1 AND 100),
    name_en    TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
    start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date   TEXT NOT NULL CHECK (date(end_date) IS end_date),
    CHECK (end_date >= start_date)
) STRICT;

CREATE TABLE phase_task (
    id       INTEGER PRIMARY KEY,
    uuid     TEXT NOT NULL UNIQUE,
    phase_id INTEGER NOT NULL REFERENCES phase(id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 99),
    title_tc TEXT NOT NULL CHECK (length(title_tc) BETWEEN 1 AND 200),
    title_sc TEXT NOT NULL CHECK (length(title_sc) BETWEEN 1 AND 200),
    title_en TEXT NOT NULL CHECK (length(title_en) BETWEEN 1 AND 400),
    UNIQUE (phase_id, position)
) STRICT;

CREATE TABLE unit (
    id        INTEGER PRIMARY KEY,
    uuid      TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES unit(id),
    name      TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    kind      TEXT NOT NULL CHECK (kind IN ('bureau', 'section', 'inspection', 'branch', 'team')),
    position  INTEGER NOT NULL DEFAULT 0,
    retired   INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    CHECK (parent_id IS NULL OR parent_id <> id),
    CHECK ((parent_id IS NULL) = (kind = 'bureau'))
) STRICT;
CREATE INDEX unit_parent ON unit(parent_id);
-- Exactly one root: the bureau.
CREATE UNIQUE INDEX unit_single_root ON unit((parent_id IS NULL)) WHERE parent_id IS NULL;

CREATE TABLE post (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    unit_id        INTEGER NOT NULL REFERENCES unit(id),
    title          TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 100),
    tier           TEXT NOT NULL CHECK (tier IN ('general', 'section', 'division')),
    duties         TEXT NOT NULL DEFAULT '' CHECK (length(duties) <= 20000),
    standard       TEXT NOT NULL DEFAULT '' CHECK (length(standard) <= 20000),
    authority      TEXT NOT NULL DEFAULT '' CHECK (length(authority) <= 20000),
    time_limits    TEXT NOT NULL DEFAULT '' CHECK (length(time_limits) <= 20000),
    responsibility TEXT NOT NULL DEFAULT '' CHECK (length(responsibility) <= 20000),
    headcount      INTEGER NOT NULL DEFAULT 1 CHECK (headcount BETWEEN 0 AND 999),
    retired        INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    UNIQUE (id, unit_id)
) STRICT;
CREATE INDEX post_unit ON post(unit_id);

CREATE TABLE official (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    staff_no       TEXT NOT NULL UNIQUE CHECK (length(trim(staff_no)) BETWEEN 1 AND 32),
    name           TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 50),
    gender         TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth          TEXT NOT NULL CHECK (birth GLOB '[12][0-9][0-9][0-9].[01][0-9]'
                                        AND substr(birth, 6, 2) BETWEEN '01' AND '12'),
    political      TEXT NOT NULL DEFAULT '' CHECK (length(political) <= 100),
    education      TEXT NOT NULL DEFAULT '' CHECK (length(education) <= 100),
    tier           TEXT NOT NULL CHECK (tier IN ('general', 'section', 'division')),
    position_title TEXT NOT NULL DEFAULT '' CHECK (length(position_title) <= 100),
    unit_id        INTEGER NOT NULL REFERENCES unit(id),
    post_id        INTEGER,
    post_since     TEXT CHECK (post_since IS NULL OR date(post_since) IS post_since),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'transferred', 'retired')),
    -- The post must belong to the official's unit.
    FOREIGN KEY (post_id, unit_id) REFERENCES post(id, unit_id)
) STRICT;
CREATE INDEX official_unit ON official(unit_id);
CREATE INDEX official_post ON official(post_id);

-- One row per user action, written in the same transaction as the change.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    before    TEXT,
    after     TEXT
) STRICT;
