#!/usr/bin/env bash
# docker-compose.yml's PostgreSQL: the pipeline's two roles (whatsapp_owner migrates, whatsapp_app reads and writes
# rows; neither a superuser), with the statements ./run-local runs too (db/roles of the module schema, mounted on
# /whatsapp-roles), and scram-sha-256 for every connection.
#
# The postgres image runs this once, on an empty data volume, as the superuser against its first-start server.
# On a volume of an earlier release (a superuser named whatsapp that every service used, local connections trusted)
# run it once by hand, as the user postgres of the container:
#   docker compose exec -u postgres -e POSTGRES_USER=whatsapp postgres /docker-entrypoint-initdb.d/10-whatsapp-roles.sh
set -euo pipefail

: "${DATABASE_OWNER_PASSWORD:?set DATABASE_OWNER_PASSWORD in .env}"
: "${DATABASE_APP_PASSWORD:?set DATABASE_APP_PASSWORD in .env}"
# The superuser's password: psql needs it once local connections are no longer trusted.
export PGPASSWORD="${PGPASSWORD:-${POSTGRES_PASSWORD:?}}"

# Passwords only, scram-sha-256 only: no trust, and no md5 (weaker, and it accepts a stolen md5 hash as a password).
hba="${PGDATA:?}/pg_hba.conf"
if grep -Eq '^[[:space:]]*(local|host)[^#]*[[:space:]](trust|md5|password)[[:space:]]*$' "$hba"; then
  sed -i -E 's/^([[:space:]]*(local|host)[^#]*[[:space:]])(trust|md5|password)[[:space:]]*$/\1scram-sha-256/' "$hba"
  echo "10-whatsapp-roles: pg_hba.conf now asks every connection for a scram-sha-256 password"
fi

# Passwords go to the server as psql variables (stdin, not the command line); password_encryption is scram-sha-256,
# so only their SCRAM verifiers are kept.
psql -q -v ON_ERROR_STOP=1 --no-psqlrc --username "${POSTGRES_USER:?}" --dbname postgres \
     -v roles="${WHATSAPP_ROLES_DIR:-/whatsapp-roles}" \
     -v owner_password="$DATABASE_OWNER_PASSWORD" -v app_password="$DATABASE_APP_PASSWORD" <<'SQL'
SET password_encryption = 'scram-sha-256';
\i :roles/roles.sql
ALTER ROLE whatsapp_owner PASSWORD :'owner_password';
ALTER ROLE whatsapp_app PASSWORD :'app_password';
SELECT 'CREATE DATABASE whatsapp OWNER whatsapp_owner'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'whatsapp') \gexec
\i :roles/database.sql
\connect whatsapp
\i :roles/schema.sql
SELECT pg_reload_conf() \g /dev/null
SQL
echo "10-whatsapp-roles: roles whatsapp_owner and whatsapp_app ready"
