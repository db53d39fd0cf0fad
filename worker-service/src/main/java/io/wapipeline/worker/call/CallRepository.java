package io.wapipeline.worker.call;

import static io.wapipeline.worker.system.Column.int4;
import static io.wapipeline.worker.system.Column.int8;
import static io.wapipeline.worker.system.Column.jsonb;
import static io.wapipeline.worker.system.Column.text;
import static io.wapipeline.worker.system.Column.timestamp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Repository;

import io.wapipeline.model.payload.CallReported;
import io.wapipeline.worker.store.ContactKeys;
import io.wapipeline.worker.store.KeyChange;
import io.wapipeline.worker.store.KeyChanges;
import io.wapipeline.worker.store.Received;
import io.wapipeline.worker.system.BulkInsert;
import io.wapipeline.worker.system.Column;

/**
 * Writes {@code whatsapp_call_event}, one row per call, event and status (the earliest report, ties broken by
 * content), and merges every report into its call's {@code whatsapp_call} row with rules that give the same row in
 * any order: the smallest of each id and number, the earliest start and first report, the latest end, duration and
 * last report, and the status of the latest report that names one.
 */
@Repository
@Order(4)
public class CallRepository implements KeyChanges {

    private static final List<Column<Received<CallReported>>> EVENT_COLUMNS = List.of(
            text("call_id", r -> r.item().callId()),
            text("event", r -> r.item().event()),
            text("status", r -> r.item().status()),
            timestamp("timestamp", r -> r.timeOr(r.item().timestamp())),
            jsonb("raw_payload", r -> r.item().rawJson()),
            int4("source_partition", r -> r.origin().partition()),
            int8("source_offset", r -> r.origin().offset()),
            timestamp("received_at", r -> r.origin().receivedAt()));

    private static final String EVENT_ON_CONFLICT = "ON CONFLICT (call_id, event, (COALESCE(status, ''))) DO UPDATE SET "
            + Column.overwriteAllBut(EVENT_COLUMNS, "call_id", "event", "status") + "\n";

    /** A repeated report replaces the stored one only when it was reported earlier (ties broken by content). */
    private static final String KEEP_EARLIEST = "WHERE (EXCLUDED.timestamp, EXCLUDED.raw_payload::text) < (e.timestamp, e.raw_payload::text)";

    /** Reprocessing: the same report rewrites its own row too, so a parser fix reaches it. */
    private static final String KEEP_EARLIEST_OR_SAME = "WHERE (EXCLUDED.timestamp, EXCLUDED.raw_payload::text) <= (e.timestamp, e.raw_payload::text)";

    private static final BulkInsert<Received<CallReported>> INSERT_EVENTS = new BulkInsert<>("whatsapp_call_event AS e",
            EVENT_COLUMNS, EVENT_ON_CONFLICT + KEEP_EARLIEST);

    private static final BulkInsert<Received<CallReported>> REWRITE_EVENTS = new BulkInsert<>("whatsapp_call_event AS e",
            EVENT_COLUMNS, EVENT_ON_CONFLICT + KEEP_EARLIEST_OR_SAME);

    /** A report with the key of the contact its customer is filed under. */
    private record Filed(Received<CallReported> report, String contactId) {

        CallReported item() {
            return report.item();
        }

        java.time.Instant timeOr(java.time.Instant itemTime) {
            return report.timeOr(itemTime);
        }
    }

    /** A contact's calls follow it when its key changes. */
    private static final String MOVE = """
            UPDATE whatsapp_call c SET contact_id = r.to_key
              FROM unnest(?::text[], ?::text[], ?::text[]) AS r (waba_id, from_key, to_key)
             WHERE c.contact_id = r.from_key AND COALESCE(c.waba_id, '') = r.waba_id
            """;

    private static final List<Column<Filed>> CALL_COLUMNS = List.of(
            text("call_id", r -> r.item().callId()),
            text("waba_id", r -> r.item().business().wabaId()),
            text("phone_number_id", r -> r.item().business().phoneNumberId()),
            text("contact_id", Filed::contactId),
            text("customer_wa_id", r -> r.item().customer().waId()),
            text("customer_user_id", r -> r.item().customer().userId()),
            text("direction", r -> r.item().direction()),
            text("from_number", r -> r.item().from()),
            text("to_number", r -> r.item().to()),
            text("status", r -> r.item().status()),
            timestamp("status_at", r -> r.item().status() == null ? null : r.timeOr(r.item().timestamp())),
            int4("status_rank", r -> r.item().status() == null ? null : CallPrecedence.rank(r.item())),
            timestamp("started_at", r -> r.item().startTime()),
            timestamp("ended_at", r -> r.item().endTime()),
            int8("duration_seconds", r -> r.item().duration()),
            timestamp("first_event_at", r -> r.timeOr(r.item().timestamp())),
            timestamp("last_event_at", r -> r.timeOr(r.item().timestamp())),
            text("biz_opaque_callback_data", r -> r.item().bizOpaqueCallbackData()),
            jsonb("errors", r -> r.item().errorsJson()));

    /** A report's status is the call's when the report is later (in one second: ranks higher, then by text). */
    private static final String LATER_STATUS = "EXCLUDED.status IS NOT NULL AND (c.status IS NULL"
            + " OR (EXCLUDED.status_at, EXCLUDED.status_rank, EXCLUDED.status) > (c.status_at, c.status_rank, c.status))";

    /**
     * Each column of a call as the stored row ({@code c}) merged with a report ({@code EXCLUDED}): commutative,
     * associative and idempotent (LEAST and GREATEST skip nulls), so the row does not depend on the order or number
     * of reports. The contact is the key the customer's contact is filed under (its ids were linked earlier in the
     * transaction, and a contact's merge moves its calls), kept when a report names no customer.
     */
    private static final List<Merged> MERGED = List.of(
            new Merged("waba_id", "LEAST(c.waba_id, EXCLUDED.waba_id)"),
            new Merged("phone_number_id", "LEAST(c.phone_number_id, EXCLUDED.phone_number_id)"),
            new Merged("contact_id", "COALESCE(NULLIF(EXCLUDED.contact_id, ''), c.contact_id)"),
            new Merged("customer_wa_id", "LEAST(c.customer_wa_id, EXCLUDED.customer_wa_id)"),
            new Merged("customer_user_id", "LEAST(c.customer_user_id, EXCLUDED.customer_user_id)"),
            new Merged("direction", "LEAST(c.direction, EXCLUDED.direction)"),
            new Merged("from_number", "LEAST(c.from_number, EXCLUDED.from_number)"),
            new Merged("to_number", "LEAST(c.to_number, EXCLUDED.to_number)"),
            new Merged("status", "CASE WHEN " + LATER_STATUS + " THEN EXCLUDED.status ELSE c.status END"),
            new Merged("status_at", "CASE WHEN " + LATER_STATUS + " THEN EXCLUDED.status_at ELSE c.status_at END"),
            new Merged("status_rank", "CASE WHEN " + LATER_STATUS + " THEN EXCLUDED.status_rank ELSE c.status_rank END"),
            new Merged("started_at", "LEAST(c.started_at, EXCLUDED.started_at)"),
            new Merged("ended_at", "GREATEST(c.ended_at, EXCLUDED.ended_at)"),
            new Merged("duration_seconds", "GREATEST(c.duration_seconds, EXCLUDED.duration_seconds)"),
            new Merged("first_event_at", "LEAST(c.first_event_at, EXCLUDED.first_event_at)"),
            new Merged("last_event_at", "GREATEST(c.last_event_at, EXCLUDED.last_event_at)"),
            new Merged("biz_opaque_callback_data", "LEAST(c.biz_opaque_callback_data, EXCLUDED.biz_opaque_callback_data)"),
            new Merged("errors", "LEAST(c.errors, EXCLUDED.errors)"));

    /** The merge, and only when it changes the row: a report merged before (a redelivery) leaves it as it is. */
    private static final String MERGE = "ON CONFLICT (call_id) DO UPDATE SET\n    "
            + MERGED.stream().map(m -> m.column() + " = " + m.expression()).collect(Collectors.joining(",\n    "))
            + ",\n    updated_at = now()\nWHERE ("
            + MERGED.stream().map(m -> "c." + m.column()).collect(Collectors.joining(", ")) + ")\n  IS DISTINCT FROM ("
            + MERGED.stream().map(Merged::expression).collect(Collectors.joining(",\n    ")) + ")";

    private static final BulkInsert<Filed> MERGE_CALLS = new BulkInsert<>("whatsapp_call AS c", CALL_COLUMNS, MERGE);

    private static final Comparator<Received<CallReported>> EARLIEST = Comparator
            .comparing((Received<CallReported> r) -> r.timeOr(r.item().timestamp()))
            .thenComparing(r -> r.item().rawJson());

    private final JdbcClient jdbc;

    CallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the reports and merges them into their calls; returns how many distinct reports the batch carried. */
    public int record(List<Received<CallReported>> calls, ContactKeys keys) {
        return write(INSERT_EVENTS, calls, keys);
    }

    /**
     * As {@link #record}, and a report already stored is rewritten from the record (reprocessing). The call row is
     * merged again: what a parser fix adds fills what was missing, a value already merged stays.
     */
    public int rewrite(List<Received<CallReported>> calls, ContactKeys keys) {
        return write(REWRITE_EVENTS, calls, keys);
    }

    @Override
    public void moved(List<KeyChange> changes) {
        jdbc.sql(MOVE).param(changes.stream().map(KeyChange::scope).toArray(String[]::new))
                .param(changes.stream().map(KeyChange::from).toArray(String[]::new))
                .param(changes.stream().map(KeyChange::to).toArray(String[]::new)).update();
    }

    private int write(BulkInsert<Received<CallReported>> events, List<Received<CallReported>> calls, ContactKeys keys) {
        if (calls.isEmpty()) {
            return 0;
        }
        List<Received<CallReported>> reports = earliestPerKey(calls);
        events.rows(jdbc, reports).update();
        for (List<Received<CallReported>> round : rounds(calls)) {
            MERGE_CALLS.rows(jdbc, round.stream()
                    .map(report -> new Filed(report, keys.of(report.item().business(), report.item().customer()))).toList()).update();
        }
        return reports.size();
    }

    /** One report per (call, event, status), in key order: an upsert may not touch a row twice, and order avoids deadlocks. */
    private static List<Received<CallReported>> earliestPerKey(List<Received<CallReported>> calls) {
        Map<List<String>, Received<CallReported>> byKey = new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0))
                .thenComparing(key -> key.get(1)).thenComparing(key -> key.get(2)));
        BinaryOperator<Received<CallReported>> earliest = (a, b) -> EARLIEST.compare(a, b) <= 0 ? a : b;
        for (Received<CallReported> call : calls) {
            byKey.merge(List.of(call.item().callId(), call.item().event(), Objects.requireNonNullElse(call.item().status(), "")),
                    call, earliest);
        }
        return List.copyOf(byKey.values());
    }

    /**
     * Every distinct report, in rounds that name each call at most once (an upsert may not touch a row twice), each
     * round in call order. The merge is the same whatever the rounds, so the first round holds each call's first
     * report, the second its second, and so on; a report delivered twice in the batch is merged once.
     */
    private static List<List<Received<CallReported>>> rounds(List<Received<CallReported>> calls) {
        Map<String, Map<List<Object>, Received<CallReported>>> byCall = new TreeMap<>();
        calls.forEach(call -> byCall.computeIfAbsent(call.item().callId(), id -> new LinkedHashMap<>())
                .putIfAbsent(List.of(call.item(), call.timeOr(call.item().timestamp())), call));
        List<List<Received<CallReported>>> rounds = new ArrayList<>();
        for (Map<List<Object>, Received<CallReported>> reports : byCall.values()) {
            int round = 0;
            for (Received<CallReported> report : reports.values()) {
                if (rounds.size() == round) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(round++).add(report);
            }
        }
        return rounds;
    }

    /** A column of {@code whatsapp_call} and its value when a report is merged into the stored row. */
    private record Merged(String column, String expression) {
    }
}
