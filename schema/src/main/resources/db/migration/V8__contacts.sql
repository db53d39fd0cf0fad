-- One person, one contact (issue 23). A contact holds every id Meta has named a person by, per business account
-- (the webhook's entry id, '' when Meta named none): phone number (wa_id), business-scoped user id (user_id) and the
-- business portfolio's parent id (parent_user_id). Ids named together in one webhook belong to one contact; contacts
-- found to be one person are merged. A contact's key (contact_id, the value messages and conversations are filed
-- under) is the smallest of its phone numbers, else of its user ids, else of its parent ids: it follows from the set
-- of ids alone, so the same webhooks give the same keys in any order.

CREATE TABLE whatsapp_contact (
    waba_id                 text        NOT NULL,
    contact_id              text        NOT NULL,
    key_kind                text        NOT NULL,           -- wa_id | user_id | parent_user_id: the kind of contact_id
    profile_name            text,                           -- as the user set it, from the newest webhook naming it
    username                text,
    profile_at              timestamptz,
    business_name           text,                           -- as the coexistence business named it (smb_app_state_sync)
    business_name_action    text,                           -- add | remove: the newest sync of this contact
    business_name_at        timestamptz,
    marketing_preference    text,                           -- stop | resume | signup: the newest user_preferences item
    marketing_preference_at timestamptz,
    first_seen_at           timestamptz,
    last_seen_at            timestamptz,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (waba_id, contact_id)
);

CREATE TABLE whatsapp_contact_identifier (
    waba_id       text        NOT NULL,
    kind          text        NOT NULL,                     -- wa_id | user_id | parent_user_id
    value         text        NOT NULL,
    contact_id    text        NOT NULL,
    first_seen_at timestamptz,
    last_seen_at  timestamptz,
    PRIMARY KEY (waba_id, kind, value)
);
CREATE INDEX whatsapp_contact_identifier_by_contact ON whatsapp_contact_identifier (waba_id, contact_id);
CREATE INDEX whatsapp_contact_identifier_by_value ON whatsapp_contact_identifier (value);

-- Messages now come from three sources: live (messages[]), echo (a coexistence business's reply from its phone) and
-- history (threads shared at onboarding); outbound ones are the business's. contact_id is the contact's key.
ALTER TABLE whatsapp_message ADD COLUMN source text NOT NULL DEFAULT 'live';
ALTER TABLE whatsapp_message ADD COLUMN outbound boolean NOT NULL DEFAULT false;
ALTER TABLE whatsapp_message ADD COLUMN from_parent_user_id text;
ALTER TABLE whatsapp_message ADD COLUMN to_number text;
ALTER TABLE whatsapp_message ADD COLUMN to_user_id text;
ALTER TABLE whatsapp_message ADD COLUMN group_id text;
ALTER TABLE whatsapp_message ADD COLUMN history_status text;
ALTER TABLE whatsapp_message ALTER COLUMN source DROP DEFAULT;
CREATE INDEX whatsapp_message_by_group ON whatsapp_message (group_id, timestamp DESC, id DESC) WHERE group_id IS NOT NULL;

-- A conversation is with a contact, or with a group (contact_id is then the group id).
ALTER TABLE whatsapp_conversation ADD COLUMN is_group boolean NOT NULL DEFAULT false;

-- Existing rows: every id pair a message or a status named is a sighting; ids of one sighting are one person.
CREATE TEMP TABLE v8_sighting (waba_id text NOT NULL, kind text NOT NULL, value text NOT NULL, sighting text NOT NULL);
INSERT INTO v8_sighting
SELECT DISTINCT COALESCE(m.waba_id, ''), i.kind, i.value, COALESCE(m.waba_id, '') || '|' || COALESCE(m.from_number, '') || '|' || COALESCE(m.from_user_id, '')
  FROM whatsapp_message m
 CROSS JOIN LATERAL (VALUES ('wa_id', m.from_number), ('user_id', m.from_user_id)) AS i (kind, value)
 WHERE i.value IS NOT NULL AND i.value <> '';
INSERT INTO v8_sighting
SELECT DISTINCT COALESCE(s.waba_id, ''), i.kind, i.value, 's|' || COALESCE(s.waba_id, '') || '|' || COALESCE(s.recipient_id, '') || '|' || COALESCE(s.recipient_user_id, '')
  FROM whatsapp_message_status s
 CROSS JOIN LATERAL (VALUES ('wa_id', s.recipient_id), ('user_id', s.recipient_user_id)) AS i (kind, value)
 WHERE i.value IS NOT NULL AND i.value <> '' AND s.message_id NOT LIKE 'wacid.%' AND i.value NOT LIKE '%@g.us';
CREATE INDEX ON v8_sighting (sighting);
CREATE INDEX ON v8_sighting (waba_id, kind, value);

-- Each id starts labelled with itself ('0:' phone, '1:' user id: the key order); labels flow through sightings
-- until every id of one person carries the smallest.
CREATE TEMP TABLE v8_node AS
SELECT DISTINCT waba_id, kind, value, (CASE kind WHEN 'wa_id' THEN '0:' ELSE '1:' END) || value AS label FROM v8_sighting;
CREATE UNIQUE INDEX ON v8_node (waba_id, kind, value);
DO $$
BEGIN
    LOOP
        WITH best_of_sighting AS (
            SELECT s.sighting, min(n.label) AS label
              FROM v8_sighting s JOIN v8_node n USING (waba_id, kind, value)
             GROUP BY s.sighting),
        best_of_node AS (
            SELECT s.waba_id, s.kind, s.value, min(b.label) AS label
              FROM v8_sighting s JOIN best_of_sighting b USING (sighting)
             GROUP BY s.waba_id, s.kind, s.value)
        UPDATE v8_node n SET label = b.label
          FROM best_of_node b
         WHERE n.waba_id = b.waba_id AND n.kind = b.kind AND n.value = b.value AND b.label < n.label;
        EXIT WHEN NOT FOUND;
    END LOOP;
END
$$;

INSERT INTO whatsapp_contact_identifier (waba_id, kind, value, contact_id)
SELECT waba_id, kind, value, substr(label, 3) FROM v8_node;

-- Every message is filed under its contact's key.
CREATE TEMP TABLE v8_key AS
SELECT DISTINCT COALESCE(m.waba_id, '') AS waba_id, m.phone_number_id, m.contact_id AS old_key, substr(n.label, 3) AS new_key
  FROM whatsapp_message m
  JOIN v8_node n ON n.waba_id = COALESCE(m.waba_id, '')
                AND n.kind = CASE WHEN m.contact_id = m.from_number THEN 'wa_id' ELSE 'user_id' END
                AND n.value = m.contact_id;
UPDATE whatsapp_message m SET contact_id = k.new_key
  FROM v8_key k
 WHERE COALESCE(m.waba_id, '') = k.waba_id AND m.contact_id = k.old_key AND k.old_key <> k.new_key;

-- Conversations of one business number with ids of one person become one: counts add up, times merge, the newest
-- message and the newest profile win (the rules the worker applies to every batch).
CREATE TEMP TABLE v8_merged AS
SELECT DISTINCT c.id, k.new_key
  FROM whatsapp_conversation c
  JOIN v8_key k ON k.phone_number_id = c.phone_number_id AND k.old_key = c.contact_id
 WHERE c.contact_id <> k.new_key
    OR EXISTS (SELECT 1 FROM v8_key o WHERE o.phone_number_id = c.phone_number_id AND o.new_key = k.new_key AND o.old_key <> o.new_key);
CREATE TEMP TABLE v8_conversation AS
SELECT c.*, g.new_key FROM whatsapp_conversation c JOIN v8_merged g ON g.id = c.id;
DELETE FROM whatsapp_conversation c USING v8_merged g WHERE c.id = g.id;
INSERT INTO whatsapp_conversation (phone_number_id, contact_id, display_phone_number, contact_wa_id, contact_user_id,
        contact_name, contact_username, contact_profile_at, first_message_at, last_message_at, last_message_id,
        last_message_type, last_message_preview, message_count, updated_at)
SELECT phone_number_id, new_key,
       min(display_phone_number),
       min(contact_wa_id), min(contact_user_id),
       (array_agg(contact_name ORDER BY contact_profile_at DESC NULLS LAST, COALESCE(contact_name, '') DESC))[1],
       (array_agg(contact_username ORDER BY contact_profile_at DESC NULLS LAST, COALESCE(contact_name, '') DESC))[1],
       max(contact_profile_at),
       min(first_message_at), max(last_message_at),
       (array_agg(last_message_id ORDER BY last_message_at DESC, last_message_id DESC))[1],
       (array_agg(last_message_type ORDER BY last_message_at DESC, last_message_id DESC))[1],
       (array_agg(last_message_preview ORDER BY last_message_at DESC, last_message_id DESC))[1],
       sum(message_count), now()
  FROM v8_conversation
 GROUP BY phone_number_id, new_key;

-- One contact per key, with the newest profile any of its conversations had.
INSERT INTO whatsapp_contact (waba_id, contact_id, key_kind, profile_name, username, profile_at, first_seen_at, last_seen_at)
SELECT n.waba_id, substr(n.label, 3),
       CASE WHEN n.label LIKE '0:%' THEN 'wa_id' ELSE 'user_id' END,
       (array_agg(c.contact_name ORDER BY c.contact_profile_at DESC NULLS LAST, COALESCE(c.contact_name, '') DESC))[1],
       (array_agg(c.contact_username ORDER BY c.contact_profile_at DESC NULLS LAST, COALESCE(c.contact_name, '') DESC))[1],
       max(c.contact_profile_at), min(c.first_message_at), max(c.last_message_at)
  FROM v8_node n
  LEFT JOIN v8_key k ON k.waba_id = n.waba_id AND k.new_key = substr(n.label, 3)
  LEFT JOIN whatsapp_conversation c ON c.phone_number_id = k.phone_number_id AND c.contact_id = k.new_key
 GROUP BY n.waba_id, substr(n.label, 3), n.label LIKE '0:%';

UPDATE whatsapp_contact_identifier i SET first_seen_at = t.first_at, last_seen_at = t.last_at
  FROM (SELECT COALESCE(waba_id, '') AS waba_id, 'wa_id' AS kind, from_number AS value, min(timestamp) AS first_at, max(timestamp) AS last_at
          FROM whatsapp_message WHERE from_number IS NOT NULL GROUP BY 1, 3
        UNION ALL
        SELECT COALESCE(waba_id, ''), 'user_id', from_user_id, min(timestamp), max(timestamp)
          FROM whatsapp_message WHERE from_user_id IS NOT NULL GROUP BY 1, 3) t
 WHERE i.waba_id = t.waba_id AND i.kind = t.kind AND i.value = t.value;

DROP TABLE v8_sighting, v8_node, v8_key, v8_merged, v8_conversation;

-- The Django names follow: a group message's conversation is its group's.
CREATE OR REPLACE VIEW whatsapp_whatsappmessage AS
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
  LEFT JOIN whatsapp_conversation c ON c.phone_number_id = m.phone_number_id
                                   AND c.contact_id = COALESCE(m.group_id, m.contact_id);
