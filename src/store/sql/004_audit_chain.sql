-- 004: the audit trail becomes a chain (each entry hashes itself and the one before) and is
-- append-only: entries cannot be changed or removed, even by raw SQL, without it showing.

ALTER TABLE audit ADD COLUMN hash TEXT;

CREATE TRIGGER audit_entries_stay BEFORE UPDATE ON audit WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'audit entries cannot be changed');
END;

CREATE TRIGGER audit_entries_remain BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit entries cannot be removed');
END;
