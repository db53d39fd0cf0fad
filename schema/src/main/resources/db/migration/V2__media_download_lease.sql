-- A claimed download job holds a lease; a worker that dies mid-download leaves the lease to expire, and the job is
-- claimed again. States: pending, downloading, stored, waiting_for_token, expired, failed.
ALTER TABLE whatsapp_media ADD COLUMN lease_until timestamptz;
ALTER TABLE whatsapp_media ADD COLUMN graph_mime_type text;
CREATE INDEX whatsapp_media_leased ON whatsapp_media (lease_until) WHERE state = 'downloading';
CREATE INDEX whatsapp_media_by_state ON whatsapp_media (state);
