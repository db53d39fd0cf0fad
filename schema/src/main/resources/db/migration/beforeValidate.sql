-- Flyway runs this before it validates the applied migrations against these files (the worker on every start).
-- V1's comments once named a file outside the repository; they were reworded in place, which changed V1's checksum
-- (-776305186 to -1789436850) and nothing else. A database migrated before that keeps the old checksum: it is moved
-- to the new one here, and only from that exact value, so any other difference still fails validation.
DO $$
BEGIN
    IF to_regclass('flyway_schema_history') IS NOT NULL THEN
        UPDATE flyway_schema_history SET checksum = -1789436850 WHERE version = '1' AND checksum = -776305186;
    END IF;
END
$$;
