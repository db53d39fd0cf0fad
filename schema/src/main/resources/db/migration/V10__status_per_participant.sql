-- A message sent to a WhatsApp group gets one status per participant: recipient_id names the group (…@g.us),
-- recipient_type is 'group', and recipient_participant_id, _user_id and _parent_user_id name the participant. Keyed by
-- (message_id, status) alone, the history kept the first participant's report of each status and dropped the others.
-- From here it keeps one row per message, status and participant, so "read by 3 of 5" can be answered. A one-to-one
-- status has participant_key '' and keeps its one row per message and status, with the rules of behaviour 6
-- (docs/architecture.md).
--
-- The previous release's worker cannot write statuses once this has run: its ON CONFLICT (message_id, status) no
-- longer names a key. Stop the old workers before the new one starts (docs/deploy.md, "Upgrades and a graceful stop").

ALTER TABLE whatsapp_message_status
    ADD COLUMN recipient_type             text,  -- 'group' for a message sent to a group; absent (null) or 'individual' otherwise
    ADD COLUMN recipient_parent_user_id   text,  -- parent_recipient_user_id: the one-to-one recipient's parent BSUID
    ADD COLUMN participant_id             text,  -- recipient_participant_id: the group participant's phone number
    ADD COLUMN participant_user_id        text,  -- recipient_participant_user_id: the participant's BSUID
    ADD COLUMN participant_parent_user_id text,  -- recipient_participant_parent_user_id: the participant's parent BSUID
    -- the participant's phone number, else BSUID, else parent BSUID; '' for a one-to-one status
    ADD COLUMN participant_key            text NOT NULL DEFAULT '';

-- Rows stored before: the same fields read from the item as Meta sent it, as the worker's parser reads them. A value
-- that is an object, an array or null reads as null; the participant's ids also when blank.
CREATE FUNCTION pg_temp.meta_text(item jsonb, field text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(item -> field) IN ('string', 'number', 'boolean') THEN item ->> field END
$$;

CREATE FUNCTION pg_temp.meta_id(item jsonb, field text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT id FROM (SELECT pg_temp.meta_text(item, field) AS id) named WHERE id !~ '^[[:space:]]*$'
$$;

UPDATE whatsapp_message_status
   SET recipient_type = pg_temp.meta_text(raw_payload, 'recipient_type'),
       recipient_parent_user_id = pg_temp.meta_text(raw_payload, 'parent_recipient_user_id'),
       participant_id = pg_temp.meta_id(raw_payload, 'recipient_participant_id'),
       participant_user_id = pg_temp.meta_id(raw_payload, 'recipient_participant_user_id'),
       participant_parent_user_id = pg_temp.meta_id(raw_payload, 'recipient_participant_parent_user_id')
 WHERE raw_payload ?| ARRAY['recipient_type', 'parent_recipient_user_id', 'recipient_participant_id',
                            'recipient_participant_user_id', 'recipient_participant_parent_user_id'];

UPDATE whatsapp_message_status
   SET participant_key = COALESCE(participant_id, participant_user_id, participant_parent_user_id)
 WHERE COALESCE(participant_id, participant_user_id, participant_parent_user_id) IS NOT NULL;

DROP FUNCTION pg_temp.meta_id(jsonb, text);
DROP FUNCTION pg_temp.meta_text(jsonb, text);

-- The worker names the key on every write; no default stands in for a forgotten one.
ALTER TABLE whatsapp_message_status ALTER COLUMN participant_key DROP DEFAULT;
ALTER TABLE whatsapp_message_status DROP CONSTRAINT whatsapp_message_status_pkey;
ALTER TABLE whatsapp_message_status ADD CONSTRAINT whatsapp_message_status_pkey
    PRIMARY KEY (message_id, status, participant_key);

-- The current status of each outbound message, by the same precedence as before (V1): the highest rank wins, a late
-- 'sent' never hides 'delivered' or 'failed', failed_at shows a failure even when another device (or participant)
-- later reported delivery. For a group message it is the highest status any participant reached, status_at when
-- the first participant reached it. participants: how many participants reported any status (0 for a one-to-one
-- message), the M of "read by N of M".
CREATE OR REPLACE VIEW whatsapp_message_current_status AS
SELECT DISTINCT ON (s.message_id)
       s.message_id,
       s.status,
       s.timestamp AS status_at,
       s.recipient_id,
       s.recipient_user_id,
       s.phone_number_id,
       (SELECT min(f.timestamp) FROM whatsapp_message_status f
         WHERE f.message_id = s.message_id AND f.status = 'failed') AS failed_at,
       (SELECT max(l.timestamp) FROM whatsapp_message_status l WHERE l.message_id = s.message_id) AS last_update_at,
       s.recipient_type,
       (SELECT count(DISTINCT p.participant_key) FROM whatsapp_message_status p
         WHERE p.message_id = s.message_id AND p.participant_key <> '') AS participants
  FROM whatsapp_message_status s
 ORDER BY s.message_id, s.status_rank DESC, s.timestamp ASC, s.participant_key ASC;

-- The N of "read by N of M": for each group message and status, how many participants Meta reported that status
-- for (a participant whose 'delivered' never came but whose 'read' did is counted under 'read' only).
CREATE VIEW whatsapp_message_participant_counts AS
SELECT s.message_id,
       s.status,
       s.status_rank,
       count(*) AS participants  -- one row per participant: the key is (message_id, status, participant_key)
  FROM whatsapp_message_status s
 WHERE s.participant_key <> ''
 GROUP BY s.message_id, s.status, s.status_rank;
