-- Which key accepted the record a row came from (docs/security.md, "The worker stores only what Meta signed"):
-- 'meta-1', 'meta-2', ... (the position of the app secret in WHATSAPP_APP_SECRET when the row was written) or
-- 'internal' (WHATSAPP_INTERNAL_KEY: records of wa-ops import-django). Rows written before the worker checked
-- signatures say 'unchecked': their signatures were checked by the ingest when Meta sent them, imported rows by none.
-- A constant default makes the column without rewriting the table, however large.
ALTER TABLE whatsapp_message ADD COLUMN signed_by text NOT NULL DEFAULT 'unchecked';
ALTER TABLE whatsapp_event ADD COLUMN signed_by text NOT NULL DEFAULT 'unchecked';
