-- The pipeline's two PostgreSQL roles, neither a superuser: whatsapp_owner owns the schema (the worker's Flyway
-- migrations run as it) and whatsapp_app reads and writes rows (the worker's connections, wa-ops). Both may log in and
-- nothing more: no SUPERUSER, CREATEDB, CREATEROLE, REPLICATION, BYPASSRLS, and no membership of pg_read_server_files,
-- pg_write_server_files or pg_execute_server_program (a role has none unless granted).
-- Run as a superuser, in any database; then set both passwords, create the database whatsapp owned by whatsapp_owner
-- (if missing), and run database.sql there and schema.sql in the database whatsapp. The same files serve ./run-local
-- (DatabaseRoles), docker-compose.yml (deploy/compose/postgres-init) and the operator's own PostgreSQL (docs/deploy.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'whatsapp_owner') THEN CREATE ROLE whatsapp_owner; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'whatsapp_app') THEN CREATE ROLE whatsapp_app; END IF;
END
$$;
ALTER ROLE whatsapp_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE whatsapp_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
