-- Edits and deletions (docs/architecture.md, behaviour 6). An edit is a message of its own (message_type 'edit') that
-- names the message it changes; a revoke names the message its sender deleted. Neither changes the row it names: the
-- read API and the console find them when they read, so what a message shows does not depend on which arrived first.
ALTER TABLE whatsapp_message ADD COLUMN edited_message_id text;

-- Edits stored before this column existed name their original only in the item Meta sent.
UPDATE whatsapp_message SET edited_message_id = raw_payload->'edit'->>'original_message_id'
 WHERE message_type = 'edit';

-- A page of messages looks up the edits and revokes of its own rows only: one index probe per row, over the few rows
-- that are edits or revokes.
CREATE INDEX whatsapp_message_edits ON whatsapp_message (edited_message_id) WHERE edited_message_id IS NOT NULL;
CREATE INDEX whatsapp_message_revokes ON whatsapp_message (revoked_message_id) WHERE revoked_message_id IS NOT NULL;
