-- 005: accounts (roles, Argon2id password hashes, failed log-ins), self-check rounds with the
-- officials' self-checks and the supervisors' reviews, peer checks, opinions gathered, post and
-- spot tests with scores, and improvement-plan items. Capabilities are addressed by position.

CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 32),
    role          TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'official')),
    official_id   INTEGER REFERENCES official(id),
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    must_change   INTEGER NOT NULL DEFAULT 0 CHECK (must_change IN (0, 1)),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failures      INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    last_failure  TEXT,
    CHECK (role <> 'official' OR official_id IS NOT NULL)
) STRICT;
-- One account per roster entry.
CREATE UNIQUE INDEX app_user_official ON app_user(official_id) WHERE official_id IS NOT NULL;

-- The units a reviewer reviews (with everything below them).
CREATE TABLE user_unit (
    user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    PRIMARY KEY (user_id, unit_id)
) STRICT;

CREATE TABLE selfcheck_round (
    id       INTEGER PRIMARY KEY,
    uuid     TEXT NOT NULL UNIQUE,
    name     TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    year     INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    deadline TEXT NOT NULL,
    closed   INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1))
) STRICT;

-- The units taking part (none listed: the whole bureau).
CREATE TABLE selfcheck_round_unit (
    round_id INTEGER NOT NULL REFERENCES selfcheck_round(id) ON DELETE CASCADE,
    unit_id  INTEGER NOT NULL REFERENCES unit(id),
    PRIMARY KEY (round_id, unit_id)
) STRICT;

CREATE TABLE self_check (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    round_id       INTEGER NOT NULL REFERENCES selfcheck_round(id),
    official_id    INTEGER NOT NULL REFERENCES official(id),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'reviewed')),
    shortfalls     TEXT NOT NULL DEFAULT '' CHECK (length(shortfalls) <= 20000),
    reflection     TEXT NOT NULL DEFAULT '' CHECK (length(reflection) <= 20000),
    review_comment TEXT NOT NULL DEFAULT '' CHECK (length(review_comment) <= 20000),
    reviewed_by    TEXT NOT NULL DEFAULT '',
    return_reason  TEXT NOT NULL DEFAULT '' CHECK (length(return_reason) <= 2000),
    version        INTEGER NOT NULL DEFAULT 1,
    UNIQUE (round_id, official_id)
) STRICT;
CREATE INDEX self_check_official ON self_check(official_id);

CREATE TABLE self_check_level (
    check_id         INTEGER NOT NULL REFERENCES self_check(id) ON DELETE CASCADE,
    capability       INTEGER NOT NULL CHECK (capability BETWEEN 1 AND 8),
    own_level        INTEGER CHECK (own_level BETWEEN 1 AND 5),
    evidence         TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 2000),
    supervisor_level INTEGER CHECK (supervisor_level BETWEEN 1 AND 5),
    PRIMARY KEY (check_id, capability)
) STRICT, WITHOUT ROWID;

CREATE TABLE peer_check (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    round_id   INTEGER NOT NULL REFERENCES selfcheck_round(id),
    subject_id INTEGER NOT NULL REFERENCES official(id),
    peer_id    INTEGER NOT NULL REFERENCES official(id),
    levels     TEXT NOT NULL DEFAULT '[null,null,null,null,null,null,null,null]',
    comment    TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    UNIQUE (round_id, subject_id, peer_id),
    CHECK (subject_id <> peer_id)
) STRICT;
CREATE INDEX peer_check_peer ON peer_check(peer_id);

CREATE TABLE opinion (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    round_id    INTEGER NOT NULL REFERENCES selfcheck_round(id),
    official_id INTEGER NOT NULL REFERENCES official(id),
    source      TEXT NOT NULL CHECK (length(source) <= 100),
    note        TEXT NOT NULL CHECK (length(trim(note)) BETWEEN 1 AND 2000)
) STRICT;
CREATE INDEX opinion_official ON opinion(official_id);

CREATE TABLE capability_test (
    id        INTEGER PRIMARY KEY,
    uuid      TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    kind      TEXT NOT NULL CHECK (kind IN ('post', 'spot')),
    date      TEXT NOT NULL,
    pass_mark REAL NOT NULL CHECK (pass_mark BETWEEN 0 AND 1000)
) STRICT;

CREATE TABLE test_score (
    test_id     INTEGER NOT NULL REFERENCES capability_test(id) ON DELETE CASCADE,
    official_id INTEGER NOT NULL REFERENCES official(id),
    score       REAL NOT NULL CHECK (score BETWEEN 0 AND 1000),
    PRIMARY KEY (test_id, official_id)
) STRICT;
CREATE INDEX test_score_official ON test_score(official_id);

CREATE TABLE plan_item (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    official_id INTEGER REFERENCES official(id),
    unit_id     INTEGER REFERENCES unit(id),
    capability  INTEGER CHECK (capability BETWEEN 1 AND 8),
    action      TEXT NOT NULL CHECK (length(trim(action)) BETWEEN 1 AND 2000),
    support     TEXT NOT NULL DEFAULT '' CHECK (length(support) <= 2000),
    due         TEXT,
    training    TEXT NOT NULL DEFAULT '' CHECK (length(training) <= 2000),
    status      TEXT NOT NULL CHECK (status IN ('planned', 'doing', 'done', 'dropped')),
    review      TEXT NOT NULL DEFAULT '' CHECK (length(review) <= 2000),
    CHECK ((official_id IS NULL) <> (unit_id IS NULL))
) STRICT;
CREATE INDEX plan_item_official ON plan_item(official_id);
CREATE INDEX plan_item_unit ON plan_item(unit_id);
