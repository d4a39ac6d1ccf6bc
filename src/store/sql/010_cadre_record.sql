-- 010: the roster after 職務與職級並行: 領導職務層次 and 職級 kept apart, each with its start; the
-- tier derived from them (a per-person override kept where the tier was typed by hand); the
-- identity fields of a cadre record; 任現職時間 as a month or a day; a photo; unit aliases.
-- The table is rebuilt (SQLite's way to change a CHECK); every record is kept and the tier typed
-- before this version becomes that person's override, so no one's tier changes on upgrade.

CREATE TABLE official_new (
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
    tier_override  TEXT CHECK (tier_override IN ('general', 'section', 'division')),
    duty_level     TEXT CHECK (duty_level IN ('county_chief', 'county_deputy', 'township_chief', 'township_deputy')),
    duty_since     TEXT CHECK (duty_since IS NULL OR date(duty_since) IS duty_since
                               OR duty_since GLOB '[12][0-9][0-9][0-9].[01][0-9]'),
    rank           TEXT CHECK (rank IN ('inspector1', 'inspector2', 'researcher1', 'researcher2', 'researcher3',
                                        'researcher4', 'principal1', 'principal2', 'principal3', 'principal4',
                                        'clerk1', 'clerk2', 'probation')),
    rank_since     TEXT CHECK (rank_since IS NULL OR date(rank_since) IS rank_since
                               OR rank_since GLOB '[12][0-9][0-9][0-9].[01][0-9]'),
    grade          TEXT NOT NULL DEFAULT '' CHECK (length(grade) <= 100),
    position_title TEXT NOT NULL DEFAULT '' CHECK (length(position_title) <= 100),
    unit_id        INTEGER NOT NULL REFERENCES unit(id),
    post_id        INTEGER,
    post_since     TEXT CHECK (post_since IS NULL OR date(post_since) IS post_since
                               OR post_since GLOB '[12][0-9][0-9][0-9].[01][0-9]'),
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'transferred', 'retired')),
    -- 身份證號, checked by the program; unique where given.
    id_number      TEXT CHECK (id_number IS NULL OR length(id_number) IN (15, 18)),
    -- The other identity fields (民族, 籍貫, 出生地, 參加工作時間, 入黨時間, education…) as one JSON body.
    identity       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(identity) AND length(identity) <= 4000),
    FOREIGN KEY (post_id, unit_id) REFERENCES post(id, unit_id)
) STRICT;

INSERT INTO official_new (id, uuid, staff_no, name, gender, birth, political, education, tier, tier_override,
                          position_title, unit_id, post_id, post_since, status)
SELECT id, uuid, staff_no, name, gender, birth, political, education, tier, tier,
       position_title, unit_id, post_id, post_since, status
FROM official;

DROP TABLE official;
ALTER TABLE official_new RENAME TO official;
CREATE INDEX official_unit ON official(unit_id);
CREATE INDEX official_post ON official(post_id);
CREATE UNIQUE INDEX official_id_number ON official(id_number) WHERE id_number IS NOT NULL;

CREATE TABLE official_photo (
    official_id INTEGER PRIMARY KEY REFERENCES official(id) ON DELETE CASCADE,
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
    bytes       BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 2097152)
) STRICT;

-- Other names people write for a unit (局領導 for 局領導班子), matched on import.
CREATE TABLE unit_alias (
    unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    alias   TEXT NOT NULL CHECK (length(trim(alias)) BETWEEN 1 AND 100),
    PRIMARY KEY (unit_id, alias)
) STRICT;
