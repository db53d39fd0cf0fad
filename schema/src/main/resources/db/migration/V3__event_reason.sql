-- Items kept apart (kind 'unreadable') say why: a value no real webhook has, a value PostgreSQL cannot index, or
-- what the database answered when it refused the item. With the topic, partition and offset, the raw record can be
-- found in Kafka (wa-ops replay) whatever became of the item.
ALTER TABLE whatsapp_event ADD COLUMN reason text;
ALTER TABLE whatsapp_event ADD COLUMN source_topic text NOT NULL DEFAULT 'whatsapp.webhooks.raw';
CREATE INDEX whatsapp_event_unreadable ON whatsapp_event (received_at DESC) WHERE kind = 'unreadable';
