package io.wapipeline.worker.status;

import static io.wapipeline.worker.system.Column.bool;
import static io.wapipeline.worker.system.Column.int4;
import static io.wapipeline.worker.system.Column.int8;
import static io.wapipeline.worker.system.Column.jsonb;
import static io.wapipeline.worker.system.Column.text;
import static io.wapipeline.worker.system.Column.timestamp;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.model.payload.StatusReported;
import io.wapipeline.worker.system.BulkInsert;
import io.wapipeline.worker.system.Column;
import io.wapipeline.worker.store.Received;

/**
 * Writes {@code whatsapp_message_status}, one row per message, status and participant (a group message's statuses
 * come one per participant; a one-to-one status has the participant key {@code ''}). A repeated status keeps its
 * earliest report (ties broken by content), so duplicates and reordering leave the same row.
 */
@Repository
public class StatusRepository {

    /** A repeated status replaces the stored one only when it was reported earlier (ties broken by content). */
    private static final String KEEP_EARLIEST = "WHERE (EXCLUDED.timestamp, EXCLUDED.raw_payload::text) < (s.timestamp, s.raw_payload::text)";

    /** Reprocessing: the same report rewrites its own row too, so a parser fix reaches the derived columns. */
    private static final String KEEP_EARLIEST_OR_SAME = "WHERE (EXCLUDED.timestamp, EXCLUDED.raw_payload::text) <= (s.timestamp, s.raw_payload::text)";

    private static final List<Column<Received<StatusReported>>> COLUMNS = List.of(
            text("message_id", r -> r.item().messageId()),
            text("status", r -> r.item().status()),
            int4("status_rank", r -> StatusPrecedence.rank(r.item().status())),
            timestamp("timestamp", r -> r.timeOr(r.item().timestamp())),
            text("waba_id", r -> r.item().business().wabaId()),
            text("phone_number_id", r -> r.item().business().phoneNumberId()),
            text("recipient_id", r -> r.item().recipientId()),
            text("recipient_user_id", r -> r.item().recipientUserId()),
            text("recipient_type", r -> r.item().recipientType()),
            text("recipient_parent_user_id", r -> r.item().recipientParentUserId()),
            text("participant_id", r -> r.item().participant().waId()),
            text("participant_user_id", r -> r.item().participant().userId()),
            text("participant_parent_user_id", r -> r.item().participant().parentUserId()),
            text("participant_key", r -> participantKey(r.item())),
            text("conversation_id", r -> r.item().conversationId()),
            text("conversation_origin", r -> r.item().conversationOrigin()),
            timestamp("conversation_expires_at", r -> r.item().conversationExpiresAt()),
            bool("pricing_billable", r -> r.item().billable()),
            text("pricing_model", r -> r.item().pricingModel()),
            text("pricing_category", r -> r.item().pricingCategory()),
            text("pricing_type", r -> r.item().pricingType()),
            text("biz_opaque_callback_data", r -> r.item().bizOpaqueCallbackData()),
            jsonb("errors", r -> r.item().errorsJson()),
            jsonb("raw_payload", r -> r.item().rawJson()),
            int4("source_partition", r -> r.origin().partition()),
            int8("source_offset", r -> r.origin().offset()),
            timestamp("received_at", r -> r.origin().receivedAt()));

    private static final String ON_CONFLICT = "ON CONFLICT (message_id, status, participant_key) DO UPDATE SET "
            + Column.overwriteAllBut(COLUMNS, "message_id", "status", "participant_key", "status_rank") + "\n";

    private static final BulkInsert<Received<StatusReported>> UPSERT = new BulkInsert<>("whatsapp_message_status AS s", COLUMNS,
            ON_CONFLICT + KEEP_EARLIEST);

    private static final BulkInsert<Received<StatusReported>> REWRITE = new BulkInsert<>("whatsapp_message_status AS s", COLUMNS,
            ON_CONFLICT + KEEP_EARLIEST_OR_SAME);

    private static final Comparator<Received<StatusReported>> EARLIEST = Comparator
            .comparing((Received<StatusReported> r) -> r.timeOr(r.item().timestamp()))
            .thenComparing(r -> r.item().rawJson());

    private static final Comparator<List<String>> KEY_ORDER = Comparator.comparing((List<String> key) -> key.get(0))
            .thenComparing(key -> key.get(1)).thenComparing(key -> key.get(2));

    private final JdbcClient jdbc;

    StatusRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the statuses; returns how many distinct (message, status, participant) keys the batch carried. */
    public int record(List<Received<StatusReported>> statuses) {
        return write(UPSERT, statuses);
    }

    /** As {@link #record}, and a report already stored is rewritten from the record (reprocessing). */
    public int rewrite(List<Received<StatusReported>> statuses) {
        return write(REWRITE, statuses);
    }

    private int write(BulkInsert<Received<StatusReported>> upsert, List<Received<StatusReported>> statuses) {
        if (statuses.isEmpty()) {
            return 0;
        }
        List<Received<StatusReported>> rows = earliestPerKey(statuses);
        upsert.rows(jdbc, rows).update();
        return rows.size();
    }

    /**
     * One row per (message, status, participant), in key order: an upsert may not touch a row twice, and order avoids
     * deadlocks.
     */
    private static List<Received<StatusReported>> earliestPerKey(List<Received<StatusReported>> statuses) {
        Map<List<String>, Received<StatusReported>> byKey = new TreeMap<>(KEY_ORDER);
        BinaryOperator<Received<StatusReported>> earliest = (a, b) -> EARLIEST.compare(a, b) <= 0 ? a : b;
        for (Received<StatusReported> status : statuses) {
            byKey.merge(List.of(status.item().messageId(), status.item().status(), participantKey(status.item())), status,
                    earliest);
        }
        return List.copyOf(byKey.values());
    }

    /**
     * The participant a status reports on, as the key names it: the phone number, else the BSUID, else the parent
     * BSUID; {@code ''} for a one-to-one status.
     */
    private static String participantKey(StatusReported status) {
        String preferred = status.participant().preferred();
        return preferred == null ? "" : preferred;
    }
}
