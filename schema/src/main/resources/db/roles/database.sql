-- After roles.sql, once the database whatsapp exists: it is the owner's, and only the application role may connect
-- besides the owner; the maintenance database postgres is the superuser's.
ALTER DATABASE whatsapp OWNER TO whatsapp_owner;
REVOKE ALL ON DATABASE whatsapp FROM PUBLIC;
GRANT CONNECT ON DATABASE whatsapp TO whatsapp_app;
REVOKE ALL ON DATABASE postgres FROM PUBLIC;
