-- The console's pipeline page: messages stored, and statuses received, per minute over the last hours.
CREATE INDEX whatsapp_message_stored ON whatsapp_message (stored_at);
CREATE INDEX whatsapp_message_status_received ON whatsapp_message_status (received_at);
