-- 002: the capability scale, each post's 能力席位標準 by programme year, and each official's
-- 能力席位書. Levels run 1 to 5 everywhere.

CREATE TABLE capability_level (
    capability_id INTEGER NOT NULL REFERENCES capability(id) ON DELETE CASCADE,
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    descriptor_tc TEXT NOT NULL CHECK (length(descriptor_tc) BETWEEN 1 AND 200),
    descriptor_sc TEXT NOT NULL CHECK (length(descriptor_sc) BETWEEN 1 AND 200),
    descriptor_en TEXT NOT NULL CHECK (length(descriptor_en) BETWEEN 1 AND 400),
    PRIMARY KEY (capability_id, level)
) STRICT;

-- The level each tier is expected to reach unless a post's standard says otherwise.
CREATE TABLE tier_default_level (
    tier  TEXT PRIMARY KEY CHECK (tier IN ('general', 'section', 'division')),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5)
) STRICT;

CREATE TABLE post_standard (
    id      INTEGER PRIMARY KEY,
    uuid    TEXT NOT NULL UNIQUE,
    post_id INTEGER NOT NULL REFERENCES post(id),
    year    INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    UNIQUE (post_id, year)
) STRICT;

CREATE TABLE post_standard_level (
    standard_id   INTEGER NOT NULL REFERENCES post_standard(id) ON DELETE CASCADE,
    tier          TEXT NOT NULL CHECK (tier IN ('general', 'section', 'division')),
    capability_id INTEGER NOT NULL REFERENCES capability(id),
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (standard_id, tier, capability_id)
) STRICT;

-- 應知應會 items: knowledge and skills the post requires, each with the level expected.
CREATE TABLE post_standard_item (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    standard_id INTEGER NOT NULL REFERENCES post_standard(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('knowledge', 'skill')),
    text        TEXT NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 500),
    level       INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5)
) STRICT;
CREATE INDEX post_standard_item_standard ON post_standard_item(standard_id);

CREATE TABLE seat_statement (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    official_id INTEGER NOT NULL REFERENCES official(id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    post_id     INTEGER REFERENCES post(id),
    motto       TEXT NOT NULL DEFAULT '' CHECK (length(motto) <= 200),
    commitments TEXT NOT NULL DEFAULT '' CHECK (length(commitments) <= 20000),
    status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'confirmed')),
    UNIQUE (official_id, year)
) STRICT;

CREATE TABLE seat_statement_level (
    statement_id  INTEGER NOT NULL REFERENCES seat_statement(id) ON DELETE CASCADE,
    capability_id INTEGER NOT NULL REFERENCES capability(id),
    level         INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (statement_id, capability_id)
) STRICT;
