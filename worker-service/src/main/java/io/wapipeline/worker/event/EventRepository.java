package io.wapipeline.worker.event;

import static io.wapipeline.worker.system.Column.int4;
import static io.wapipeline.worker.system.Column.int8;
import static io.wapipeline.worker.system.Column.jsonb;
import static io.wapipeline.worker.system.Column.text;
import static io.wapipeline.worker.system.Column.timestamp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.model.Digests;
import io.wapipeline.model.payload.EventReceived;
import io.wapipeline.worker.system.BulkInsert;
import io.wapipeline.worker.system.Column;
import io.wapipeline.worker.store.Origin;
import io.wapipeline.worker.store.Received;

/** Writes {@code whatsapp_event}; an event delivered again has the same key and is stored once. */
@Repository
public class EventRepository {

    private static final List<Column<Received<EventReceived>>> COLUMNS = List.of(
            text("event_key", EventRepository::key),
            text("kind", r -> r.item().kind()),
            text("field", r -> Objects.requireNonNullElse(r.item().field(), "")),
            text("waba_id", r -> r.item().business().wabaId()),
            text("phone_number_id", r -> r.item().business().phoneNumberId()),
            timestamp("event_time", r -> r.item().time()),
            jsonb("payload", r -> r.item().payloadJson()),
            text("reason", r -> r.item().reason()),
            text("source_topic", r -> r.origin().topic()),
            int4("source_partition", r -> r.origin().partition()),
            int8("source_offset", r -> r.origin().offset()),
            timestamp("received_at", r -> r.origin().receivedAt()),
            text("signed_by", r -> r.origin().signedBy()));

    private static final BulkInsert<Received<EventReceived>> INSERT = new BulkInsert<>("whatsapp_event", COLUMNS, """
            ON CONFLICT (event_key) DO NOTHING
            RETURNING event_key
            """);

    private static final BulkInsert<Received<EventReceived>> OVERWRITE = new BulkInsert<>("whatsapp_event", COLUMNS,
            "ON CONFLICT (event_key) DO UPDATE SET " + Column.overwriteAllBut(COLUMNS, "event_key")
                    + "\nRETURNING event_key, xmax = 0 AS inserted\n");

    private final JdbcClient jdbc;

    EventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the events not stored yet; returns how many were new. */
    public int insertNew(List<Received<EventReceived>> events) {
        return events.isEmpty() ? 0 : INSERT.rows(jdbc, events).query(String.class).list().size();
    }

    /** Stores the events, rewriting those already stored (reprocessing); returns how many were new. */
    public int overwrite(List<Received<EventReceived>> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Map<String, Received<EventReceived>> byKey = new TreeMap<>();
        events.forEach(e -> byKey.putIfAbsent(key(e), e));
        return (int) OVERWRITE.rows(jdbc, List.copyOf(byKey.values()))
                .query((rs, n) -> rs.getBoolean("inserted")).list().stream().filter(Boolean::booleanValue).count();
    }

    /**
     * The identity of an event: what it is and what it says, not when it was delivered. An unreadable item whose JSON
     * could not be kept is told apart by the record it came from.
     */
    static String key(Received<EventReceived> received) {
        EventReceived event = received.item();
        String identity = String.join("\u001f", event.kind(), String.valueOf(event.field()),
                String.valueOf(event.business().wabaId()), String.valueOf(event.business().phoneNumberId()),
                String.valueOf(event.time()), String.valueOf(event.payloadJson()));
        if (event.payloadJson() == null && EventReceived.UNREADABLE.equals(event.kind())) {
            Origin origin = received.origin();
            identity += "\u001f" + origin.topic() + "-" + origin.partition() + "@" + origin.offset();
        }
        return Digests.sha256Hex(identity);
    }
}
