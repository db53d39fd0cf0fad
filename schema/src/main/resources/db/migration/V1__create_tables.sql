-- The record the worker keeps of every webhook. Rows are written only by the worker's batch transaction, with
-- INSERT ... ON CONFLICT so that redelivered or reordered webhooks leave the same rows (docs/architecture.md, behaviour 6).

-- One row per inbound message, deduplicated by Meta's message id (the wamid).
CREATE TABLE whatsapp_message (
    id                   bigserial   PRIMARY KEY,
    message_id           text        NOT NULL UNIQUE,
    waba_id              text,
    phone_number_id      text        NOT NULL,           -- the business number it was sent to ('' when Meta named none)
    display_phone_number text,
    contact_id           text        NOT NULL,           -- from_number, else from_user_id: the conversation's contact
    from_number          text,
    from_user_id         text,                           -- business-scoped user id (US.…), when present
    contact_name         text,
    contact_username     text,
    message_type         text        NOT NULL,           -- as Meta sent it, unknown types included
    text_body            text,                           -- the readable text: body, caption, button text, reply title…
    caption              text,
    media_id             text,
    media_mime_type      text,
    media_sha256         text,
    media_filename       text,
    media_voice          boolean,
    media_animated       boolean,
    reply_to_message_id  text,                           -- context.id
    context_from         text,
    forwarded            boolean     NOT NULL DEFAULT false,
    frequently_forwarded boolean     NOT NULL DEFAULT false,
    reaction_message_id  text,
    reaction_emoji       text,
    latitude             double precision,
    longitude            double precision,
    location_name        text,
    location_address     text,
    interactive_type     text,
    reply_id             text,                           -- button/list row id, or quick-reply payload
    reply_title          text,
    system_type          text,
    revoked_message_id   text,
    referral             jsonb,
    errors               jsonb,
    timestamp            timestamptz NOT NULL,           -- when the user sent it (receive time when Meta gave none)
    raw_payload          jsonb       NOT NULL,           -- the messages[] item as Meta sent it
    source_topic         text        NOT NULL,           -- where it was first read from
    source_partition     integer     NOT NULL,
    source_offset        bigint      NOT NULL,
    received_at          timestamptz NOT NULL,           -- when the ingest received the webhook
    stored_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX whatsapp_message_newest ON whatsapp_message (timestamp DESC, id DESC);
CREATE INDEX whatsapp_message_by_contact ON whatsapp_message (contact_id, timestamp DESC, id DESC);
CREATE INDEX whatsapp_message_by_business ON whatsapp_message (phone_number_id, timestamp DESC, id DESC);

-- One row per business number and contact; counts only messages that were new when stored.
CREATE TABLE whatsapp_conversation (
    id                   bigserial   PRIMARY KEY,
    phone_number_id      text        NOT NULL,
    contact_id           text        NOT NULL,
    display_phone_number text,
    contact_wa_id        text,
    contact_user_id      text,
    contact_name         text,
    contact_username     text,
    contact_profile_at   timestamptz,                    -- time of the newest message that named the contact
    first_message_at     timestamptz NOT NULL,
    last_message_at      timestamptz NOT NULL,
    last_message_id      text        NOT NULL,
    last_message_type    text        NOT NULL,
    last_message_preview text,
    message_count        bigint      NOT NULL,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (phone_number_id, contact_id)
);
CREATE INDEX whatsapp_conversation_newest ON whatsapp_conversation (last_message_at DESC, id DESC);

-- The history of delivery statuses of outbound messages: one row per message and status. When the same status
-- arrives twice, the earliest report is kept (ties broken by content), whatever the arrival order.
CREATE TABLE whatsapp_message_status (
    message_id               text        NOT NULL,
    status                   text        NOT NULL,
    status_rank              smallint    NOT NULL,       -- precedence: 0 unknown, sent 1, failed 2, delivered 3, read 4, played 5
    timestamp                timestamptz NOT NULL,
    waba_id                  text,
    phone_number_id          text,
    recipient_id             text,
    recipient_user_id        text,
    conversation_id          text,
    conversation_origin      text,
    conversation_expires_at  timestamptz,
    pricing_billable         boolean,
    pricing_model            text,
    pricing_category         text,
    pricing_type             text,
    biz_opaque_callback_data text,
    errors                   jsonb,
    raw_payload              jsonb       NOT NULL,
    source_partition         integer     NOT NULL,
    source_offset            bigint      NOT NULL,
    received_at              timestamptz NOT NULL,
    PRIMARY KEY (message_id, status)
);
CREATE INDEX whatsapp_message_status_by_recipient ON whatsapp_message_status (recipient_id, timestamp DESC);

-- The current status of each outbound message, derived from the history so it cannot depend on arrival order:
-- the highest precedence wins (a late 'sent' never hides 'delivered' or 'failed'); failed_at shows a failure even
-- when another device later reported the message delivered.
CREATE VIEW whatsapp_message_current_status AS
SELECT DISTINCT ON (s.message_id)
       s.message_id,
       s.status,
       s.timestamp AS status_at,
       s.recipient_id,
       s.recipient_user_id,
       s.phone_number_id,
       (SELECT min(f.timestamp) FROM whatsapp_message_status f
         WHERE f.message_id = s.message_id AND f.status = 'failed') AS failed_at,
       (SELECT max(l.timestamp) FROM whatsapp_message_status l WHERE l.message_id = s.message_id) AS last_update_at
  FROM whatsapp_message_status s
 ORDER BY s.message_id, s.status_rank DESC, s.timestamp ASC;

-- Everything that is neither a message nor a status: other subscribed fields, value-level errors, unreadable items.
CREATE TABLE whatsapp_event (
    id               bigserial   PRIMARY KEY,
    event_key        text        NOT NULL UNIQUE,        -- sha256 of kind, field, account, number, time and payload
    kind             text        NOT NULL,               -- change | error | unreadable
    field            text        NOT NULL,
    waba_id          text,
    phone_number_id  text,
    event_time       timestamptz,
    payload          jsonb,
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    received_at      timestamptz NOT NULL,
    stored_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX whatsapp_event_by_field ON whatsapp_event (field, received_at DESC);

-- One download job per media item, written in the same transaction as its message, so a failed download stays
-- retryable whatever dedupe does with Meta's redelivery (docs/architecture.md, behaviour 8).
CREATE TABLE whatsapp_media (
    media_id         text        PRIMARY KEY,
    message_id       text        NOT NULL,
    media_type       text        NOT NULL,
    mime_type        text,
    sha256           text,                               -- as announced in the webhook (base64)
    filename         text,
    announced_at     timestamptz NOT NULL,               -- the message's timestamp: media ids expire 7 days after
    state            text        NOT NULL DEFAULT 'pending',
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    file_path        text,
    file_size        bigint,
    stored_sha256    text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    downloaded_at    timestamptz
);
CREATE INDEX whatsapp_media_by_message ON whatsapp_media (message_id);
CREATE INDEX whatsapp_media_due ON whatsapp_media (next_attempt_at) WHERE state IN ('pending', 'waiting_for_token');
