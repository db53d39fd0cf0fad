-- The Django webhook app this system replaces kept its rows in whatsapp_whatsappmessage and
-- whatsapp_whatsappconversation (app label "whatsapp"). These views give its troubleshooting guide's SQL, and any
-- report written against those tables, the same names and columns over this system's tables
-- (docs/migrating-from-django.md). They are read-only: rows are written only by the worker.

-- One row per stored message, with the old app's column names. conversation_id is the id of the message's row in
-- whatsapp_whatsappconversation; created_at is when this system stored the message (Django's auto_now_add).
CREATE VIEW whatsapp_whatsappmessage AS
SELECT m.id,
       m.message_id,
       m.from_number,
       m.display_phone_number AS to_number,
       m.phone_number_id,
       m.contact_name,
       m.message_type,
       m.text_body,
       m.caption,
       m.media_id,
       m.media_mime_type,
       m.timestamp,
       m.raw_payload,
       c.id AS conversation_id,
       m.stored_at AS created_at
  FROM whatsapp_message m
  LEFT JOIN whatsapp_conversation c ON c.phone_number_id = m.phone_number_id AND c.contact_id = m.contact_id;

-- One row per business number and contact (the old app had one per contact number: with one business number, the
-- same). phone_number is the contact's WhatsApp number, or its business-scoped user id when it has no number.
CREATE VIEW whatsapp_whatsappconversation AS
SELECT c.id,
       COALESCE(c.contact_wa_id, c.contact_id) AS phone_number,
       c.contact_name AS name,
       c.phone_number_id,
       c.display_phone_number,
       c.message_count,
       c.last_message_at,
       c.last_message_preview,
       c.first_message_at AS created_at,
       c.updated_at
  FROM whatsapp_conversation c;
