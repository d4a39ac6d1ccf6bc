-- 011: the 干部任免審批表 part of a cadre record: 簡歷 lines and family members as rows of their
-- own (in the form's order), and the form's other boxes (獎懲情況, 年度考核結果 as read, 擬任職務,
-- 任免理由, 呈報單位, 填表人…) as one JSON body. All go with the official when a record is deleted.

CREATE TABLE official_resume (
    official_id INTEGER NOT NULL REFERENCES official(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq BETWEEN 0 AND 199),
    line        TEXT NOT NULL CHECK (length(trim(line)) BETWEEN 1 AND 300),
    PRIMARY KEY (official_id, seq)
) STRICT;

CREATE TABLE official_family (
    official_id INTEGER NOT NULL REFERENCES official(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL CHECK (seq BETWEEN 0 AND 29),
    relation    TEXT NOT NULL DEFAULT '' CHECK (length(relation) <= 100),
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 50),
    birth       TEXT NOT NULL DEFAULT '' CHECK (birth = '' OR date(birth) IS birth
                                               OR (birth GLOB '[12][0-9][0-9][0-9].[01][0-9]'
                                                   AND substr(birth, 6, 2) BETWEEN '01' AND '12')),
    political   TEXT NOT NULL DEFAULT '' CHECK (length(political) <= 100),
    work        TEXT NOT NULL DEFAULT '' CHECK (length(work) <= 200),
    PRIMARY KEY (official_id, seq)
) STRICT;

CREATE TABLE official_cadre (
    official_id INTEGER PRIMARY KEY REFERENCES official(id) ON DELETE CASCADE,
    body        TEXT NOT NULL CHECK (json_valid(body) AND length(body) <= 100000)
) STRICT;
