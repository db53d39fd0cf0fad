-- The console's sent list: outbound messages newest first by their first status (keyset on time and message id).
CREATE INDEX whatsapp_message_status_newest ON whatsapp_message_status (timestamp DESC, message_id DESC);
