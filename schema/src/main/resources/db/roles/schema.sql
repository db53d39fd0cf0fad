-- Run in the database whatsapp, as a superuser, after database.sql. The owner owns the schema public and everything in
-- it (a database of an earlier release had tables, views and sequences of the superuser; a sequence that belongs to a
-- column moves with its table); only the owner may create objects; the application role gets rows, on the tables there
-- are and on those the owner makes later. Safe to run again.
ALTER SCHEMA public OWNER TO whatsapp_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO whatsapp_app;
DO $$
DECLARE
    object record;
BEGIN
    FOR object IN
        SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
           AND c.relowner <> 'whatsapp_owner'::regrole
           AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                              AND d.deptype IN ('a', 'i'))
    LOOP
        EXECUTE format('ALTER %s public.%I OWNER TO whatsapp_owner', CASE object.relkind
            WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
            WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, object.relname);
    END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO whatsapp_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO whatsapp_app;
ALTER DEFAULT PRIVILEGES FOR ROLE whatsapp_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO whatsapp_app;
ALTER DEFAULT PRIVILEGES FOR ROLE whatsapp_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO whatsapp_app;
