-- Calls of the Calling API (field 'calls'): a calls[] item reports a connect or a terminate, a statuses[] item of
-- type 'call' (or with a wacid. id) a call status. Until now call statuses were stored as message statuses (rank 0)
-- and calls[] only inside the 'calls' changes of whatsapp_event; they get tables of their own, written by the
-- worker's batch transaction (call/CallRepository), and the rows stored before are moved below.

-- One row per call, merged from every report on it. Each column's rule (LEAST, GREATEST, the latest status) gives
-- the same row whatever order the reports come in and however often: ties are broken by content.
CREATE TABLE whatsapp_call (
    call_id                  text        PRIMARY KEY,    -- Meta's wacid.…
    id                       bigserial   NOT NULL UNIQUE, -- the read API's keyset tie-breaker; says nothing of the call
    waba_id                  text,
    phone_number_id          text,                       -- the business number
    contact_id               text,                       -- the customer: phone number, else business-scoped user id
    customer_wa_id           text,
    customer_user_id         text,
    direction                text,                       -- USER_INITIATED | BUSINESS_INITIATED
    from_number              text,
    to_number                text,                       -- for a call status: its recipient
    status                   text,                       -- of the latest report that names one (RINGING, ACCEPTED, REJECTED, a terminate's COMPLETED, FAILED…)
    status_at                timestamptz,                -- that report's time
    status_rank              smallint,                   -- breaks a tie in one second: RINGING 1, another call status 2, a terminate's 3, else 0
    started_at               timestamptz,                -- a terminate's start_time
    ended_at                 timestamptz,                -- a terminate's end_time
    duration_seconds         bigint,
    first_event_at           timestamptz NOT NULL,       -- the earliest report's time: the list's order
    last_event_at            timestamptz NOT NULL,
    biz_opaque_callback_data text,
    errors                   jsonb,                      -- errors[] of a report that named some; each report's are in its event
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX whatsapp_call_newest ON whatsapp_call (first_event_at DESC, id DESC);
CREATE INDEX whatsapp_call_by_contact ON whatsapp_call (contact_id, first_event_at DESC, id DESC);
CREATE INDEX whatsapp_call_by_business ON whatsapp_call (phone_number_id, first_event_at DESC, id DESC);

-- The reports on each call: one row per call, event and status (a connect names no status). When the same report
-- arrives twice, the earliest is kept (ties broken by content), whatever the arrival order.
CREATE TABLE whatsapp_call_event (
    call_id          text        NOT NULL,
    event            text        NOT NULL,               -- connect | terminate | status (a call status) | what Meta adds
    status           text,
    timestamp        timestamptz NOT NULL,               -- the report's time (the receive time when Meta gave none)
    raw_payload      jsonb       NOT NULL,               -- the calls[] or statuses[] item as Meta sent it
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    received_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX whatsapp_call_event_once ON whatsapp_call_event (call_id, event, (COALESCE(status, '')));

-- The rows stored before this migration, read as the worker's parser reads them now. Scalars of Meta's JSON: a
-- value of another shape reads as null; a time outside 1970 to 9999 as null too (then the receive time stands in).
CREATE FUNCTION pg_temp.scalar_of(value jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(value) IN ('string', 'number', 'boolean') THEN value #>> '{}' END
$$;
CREATE FUNCTION pg_temp.number_of(value jsonb) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN pg_temp.scalar_of(value) ~ '^\s*-?[0-9]+(\.[0-9]+)?\s*$' THEN trim(pg_temp.scalar_of(value))::numeric END
$$;
CREATE FUNCTION pg_temp.time_of(value jsonb) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN pg_temp.number_of(value) BETWEEN 0 AND 253402300799 THEN to_timestamp(trunc(pg_temp.number_of(value))) END
$$;

-- Every report: the call statuses stored as message statuses, and the calls[] items of the 'calls' changes kept as
-- events (the customer is the caller of a user-initiated call, the called of a business-initiated one, else the
-- number that is not the business's; contacts[] adds its user id).
CREATE TEMPORARY TABLE call_report AS
SELECT s.message_id AS call_id, 'status' AS event, s.status, s.timestamp, s.raw_payload, s.source_partition,
       s.source_offset, s.received_at, s.waba_id, s.phone_number_id, s.recipient_id AS customer_wa_id,
       s.recipient_user_id AS customer_user_id, NULL::text AS direction, NULL::text AS from_number,
       s.recipient_id AS to_number, NULL::timestamptz AS started_at, NULL::timestamptz AS ended_at,
       NULL::bigint AS duration_seconds, s.biz_opaque_callback_data, s.errors
  FROM whatsapp_message_status s
 WHERE starts_with(s.message_id, 'wacid.') OR s.raw_payload->>'type' = 'call'
UNION ALL
SELECT c.call_id, c.event, c.status, COALESCE(c.at, e.received_at), c.item, e.source_partition, e.source_offset,
       e.received_at, e.waba_id, e.phone_number_id, c.customer, contact.user_id, c.direction, c.from_number,
       c.to_number, c.started_at, c.ended_at, c.duration_seconds, c.biz_opaque_callback_data, c.errors
  FROM whatsapp_event e
 CROSS JOIN LATERAL (
        SELECT item, pg_temp.scalar_of(item->'id') AS call_id, COALESCE(pg_temp.scalar_of(item->'event'), 'unknown') AS event,
               pg_temp.scalar_of(item->'status') AS status, pg_temp.time_of(item->'timestamp') AS at,
               pg_temp.scalar_of(item->'direction') AS direction, pg_temp.scalar_of(item->'from') AS from_number,
               pg_temp.scalar_of(item->'to') AS to_number, pg_temp.time_of(item->'start_time') AS started_at,
               pg_temp.time_of(item->'end_time') AS ended_at, trunc(pg_temp.number_of(item->'duration'))::bigint AS duration_seconds,
               pg_temp.scalar_of(item->'biz_opaque_callback_data') AS biz_opaque_callback_data,
               CASE WHEN item->'errors' NOT IN ('null', '[]', '{}') THEN item->'errors' END AS errors,
               NULLIF(CASE pg_temp.scalar_of(item->'direction')
                   WHEN 'BUSINESS_INITIATED' THEN pg_temp.scalar_of(item->'to')
                   WHEN 'USER_INITIATED' THEN pg_temp.scalar_of(item->'from')
                   ELSE CASE WHEN pg_temp.scalar_of(item->'from') = e.payload->'metadata'->>'display_phone_number'
                             THEN pg_temp.scalar_of(item->'to') ELSE pg_temp.scalar_of(item->'from') END
               END, '') AS customer
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload->'calls') = 'array' THEN e.payload->'calls' END) AS item
         WHERE jsonb_typeof(item) = 'object') c
  LEFT JOIN LATERAL (
        SELECT NULLIF(pg_temp.scalar_of(listed.contact->'user_id'), '') AS user_id
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.payload->'contacts') = 'array' THEN e.payload->'contacts' END)
               WITH ORDINALITY AS listed(contact, position)
         WHERE pg_temp.scalar_of(listed.contact->'wa_id') = c.customer
         ORDER BY listed.position
         LIMIT 1) contact ON true
 WHERE e.kind = 'change' AND e.field = 'calls' AND NULLIF(trim(c.call_id), '') IS NOT NULL;

-- Each report once: the earliest, ties broken by content, as the worker keeps them (the same report delivered twice:
-- the first received).
INSERT INTO whatsapp_call_event (call_id, event, status, timestamp, raw_payload, source_partition, source_offset, received_at)
SELECT DISTINCT ON (call_id, event, COALESCE(status, ''))
       call_id, event, status, timestamp, raw_payload, source_partition, source_offset, received_at
  FROM call_report
 ORDER BY call_id, event, COALESCE(status, ''), timestamp, raw_payload::text, received_at, source_partition, source_offset;

-- Each call merged from all its reports by the worker's rules (call/CallRepository): the smallest of each id and
-- number, the earliest start and first report, the latest end, duration and last report, and the status of the
-- latest report that names one (in one second: by rank, then by text).
INSERT INTO whatsapp_call (call_id, waba_id, phone_number_id, contact_id, customer_wa_id, customer_user_id, direction,
                           from_number, to_number, status, status_at, status_rank, started_at, ended_at, duration_seconds,
                           first_event_at, last_event_at, biz_opaque_callback_data, errors)
SELECT r.call_id, min(r.waba_id), min(r.phone_number_id), COALESCE(min(r.customer_wa_id), min(r.customer_user_id)),
       min(r.customer_wa_id), min(r.customer_user_id), min(r.direction), min(r.from_number), min(r.to_number),
       latest.status, latest.timestamp, latest.status_rank, min(r.started_at), max(r.ended_at), max(r.duration_seconds),
       min(r.timestamp), max(r.timestamp), min(r.biz_opaque_callback_data),
       (array_agg(r.errors ORDER BY r.errors) FILTER (WHERE r.errors IS NOT NULL))[1]
  FROM call_report r
  LEFT JOIN (SELECT DISTINCT ON (call_id) call_id, status, timestamp, status_rank
               FROM (SELECT call_id, status, timestamp,
                            CASE WHEN event = 'terminate' THEN 3 WHEN event = 'status' AND status = 'RINGING' THEN 1
                                 WHEN event = 'status' THEN 2 ELSE 0 END AS status_rank
                       FROM call_report WHERE status IS NOT NULL) ranked
              ORDER BY call_id, timestamp DESC, status_rank DESC, status DESC) latest ON latest.call_id = r.call_id
 GROUP BY r.call_id, latest.status, latest.timestamp, latest.status_rank;

-- Call statuses are no message statuses: moved, they leave the status table (and so the current-status view, the
-- console's sent list and its delivery failures). The 'calls' changes stay in whatsapp_event: they are the record of
-- what came, and hold what a call row does not (contacts[], value-level errors, the session's SDP).
DELETE FROM whatsapp_message_status WHERE starts_with(message_id, 'wacid.') OR raw_payload->>'type' = 'call';

DROP TABLE call_report;
DROP FUNCTION pg_temp.time_of(jsonb), pg_temp.number_of(jsonb), pg_temp.scalar_of(jsonb);
