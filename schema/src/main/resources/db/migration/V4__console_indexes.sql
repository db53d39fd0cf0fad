-- The console's delivery failures: failed statuses newest first, without scanning every status.
CREATE INDEX whatsapp_message_status_failed ON whatsapp_message_status (timestamp DESC) WHERE status = 'failed';
-- The console's event log, newest first, and its media list by state, newest update first.
CREATE INDEX whatsapp_event_newest ON whatsapp_event (received_at DESC, id DESC);
CREATE INDEX whatsapp_media_by_state_updated ON whatsapp_media (state, updated_at DESC);
