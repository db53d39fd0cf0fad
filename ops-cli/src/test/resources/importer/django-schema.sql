-- The tables of a Django webhook app (app label whatsapp), exactly as its migrations create them for the models
-- WhatsAppConversation and WhatsAppMessage.
CREATE TABLE whatsapp_whatsappconversation (id bigserial PRIMARY KEY, phone_number varchar(20) NOT NULL UNIQUE, name varchar(255), created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
CREATE TABLE whatsapp_whatsappmessage (id bigserial PRIMARY KEY, message_id varchar(255) NOT NULL UNIQUE, from_number varchar(20) NOT NULL, to_number varchar(20), message_type varchar(20) NOT NULL, text_body text, media_id varchar(255), timestamp timestamptz NOT NULL, raw_payload jsonb, conversation_id bigint REFERENCES whatsapp_whatsappconversation(id) DEFERRABLE INITIALLY DEFERRED, created_at timestamptz NOT NULL);
