package io.wapipeline.worker.message;

import static io.wapipeline.worker.system.Column.bool;
import static io.wapipeline.worker.system.Column.float8;
import static io.wapipeline.worker.system.Column.int4;
import static io.wapipeline.worker.system.Column.int8;
import static io.wapipeline.worker.system.Column.jsonb;
import static io.wapipeline.worker.system.Column.text;
import static io.wapipeline.worker.system.Column.timestamp;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.model.payload.Location;
import io.wapipeline.model.payload.Media;
import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.ReplyContext;
import io.wapipeline.worker.system.BulkInsert;
import io.wapipeline.worker.system.Column;
import io.wapipeline.worker.store.Received;
import io.wapipeline.worker.store.MessageKeys;

/** Writes {@code whatsapp_message}: a message is inserted once, however often Meta delivers it. */
@Repository
public class MessageRepository {

    private static final String INSERT_NEW = """
            ON CONFLICT (message_id) DO NOTHING
            RETURNING message_id
            """;

    private static final List<Column<Received<MessageReceived>>> COLUMNS = List.of(
            text("message_id", r -> r.item().messageId()),
            text("waba_id", r -> r.item().business().wabaId()),
            text("phone_number_id", r -> MessageKeys.businessNumber(r.item())),
            text("display_phone_number", r -> r.item().business().displayPhoneNumber()),
            text("contact_id", r -> MessageKeys.contactId(r.item())),
            text("from_number", r -> r.item().from()),
            text("from_user_id", r -> r.item().fromUserId()),
            text("contact_name", r -> r.item().contactName()),
            text("contact_username", r -> r.item().contactUsername()),
            text("message_type", r -> r.item().type()),
            text("text_body", r -> r.item().textBody()),
            text("caption", r -> r.item().caption()),
            text("media_id", media(Media::id)),
            text("media_mime_type", media(Media::mimeType)),
            text("media_sha256", media(Media::sha256)),
            text("media_filename", media(Media::filename)),
            bool("media_voice", media(Media::voice)),
            bool("media_animated", media(Media::animated)),
            text("reply_to_message_id", context(ReplyContext::messageId)),
            text("context_from", context(ReplyContext::from)),
            bool("forwarded", r -> r.item().context() != null && r.item().context().forwarded()),
            bool("frequently_forwarded", r -> r.item().context() != null && r.item().context().frequentlyForwarded()),
            text("reaction_message_id", r -> r.item().reactionMessageId()),
            text("reaction_emoji", r -> r.item().reactionEmoji()),
            float8("latitude", location(Location::latitude)),
            float8("longitude", location(Location::longitude)),
            text("location_name", location(Location::name)),
            text("location_address", location(Location::address)),
            text("interactive_type", r -> r.item().interactiveType()),
            text("reply_id", r -> r.item().replyId()),
            text("reply_title", r -> r.item().replyTitle()),
            text("system_type", r -> r.item().systemType()),
            text("revoked_message_id", r -> r.item().revokedMessageId()),
            text("edited_message_id", r -> r.item().editedMessageId()),
            jsonb("referral", r -> r.item().referralJson()),
            jsonb("errors", r -> r.item().errorsJson()),
            timestamp("timestamp", r -> r.timeOr(r.item().timestamp())),
            jsonb("raw_payload", r -> r.item().rawJson()),
            text("source_topic", r -> r.origin().topic()),
            int4("source_partition", r -> r.origin().partition()),
            int8("source_offset", r -> r.origin().offset()),
            timestamp("received_at", r -> r.origin().receivedAt()));

    private static final BulkInsert<Received<MessageReceived>> INSERT = new BulkInsert<>("whatsapp_message", COLUMNS, INSERT_NEW);

    /** For reprocessing: every column rewritten from the record; {@code xmax = 0} tells rows that were not there. */
    private static final BulkInsert<Received<MessageReceived>> OVERWRITE = new BulkInsert<>("whatsapp_message", COLUMNS,
            "ON CONFLICT (message_id) DO UPDATE SET " + Column.overwriteAllBut(COLUMNS, "message_id")
                    + "\nRETURNING message_id, xmax = 0 AS inserted\n");

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the messages not stored yet and returns those, in wamid order. Rows are written in wamid order so that
     * two workers inserting overlapping batches wait on each other instead of deadlocking.
     */
    public List<Received<MessageReceived>> insertNew(List<Received<MessageReceived>> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Received<MessageReceived>> sorted = messages.stream()
                .sorted(Comparator.comparing((Received<MessageReceived> r) -> r.item().messageId())).toList();
        Set<String> inserted = new HashSet<>(INSERT.rows(jdbc, sorted).query(String.class).list());
        return sorted.stream().filter(r -> inserted.remove(r.item().messageId())).toList();
    }

    /**
     * Writes the messages as the current parser reads them, replacing stored rows (reprocessing after a parser fix).
     * Returns those that were not stored before, so that only they count in conversations.
     */
    public List<Received<MessageReceived>> overwrite(List<Received<MessageReceived>> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<Received<MessageReceived>> sorted = oneOfEach(messages);
        Set<String> inserted = new HashSet<>(OVERWRITE.rows(jdbc, sorted)
                .query((rs, n) -> rs.getBoolean("inserted") ? rs.getString("message_id") : null).list());
        return sorted.stream().filter(r -> inserted.contains(r.item().messageId())).toList();
    }

    /** One row per wamid (an upsert may not touch a row twice), in wamid order against deadlocks. */
    private static List<Received<MessageReceived>> oneOfEach(List<Received<MessageReceived>> messages) {
        Map<String, Received<MessageReceived>> byId = new TreeMap<>();
        messages.forEach(m -> byId.putIfAbsent(m.item().messageId(), m));
        return List.copyOf(byId.values());
    }

    private static <V> Function<Received<MessageReceived>, V> media(Function<Media, V> field) {
        return r -> r.item().media() == null ? null : field.apply(r.item().media());
    }

    private static <V> Function<Received<MessageReceived>, V> context(Function<ReplyContext, V> field) {
        return r -> r.item().context() == null ? null : field.apply(r.item().context());
    }

    private static <V> Function<Received<MessageReceived>, V> location(Function<Location, V> field) {
        return r -> r.item().location() == null ? null : field.apply(r.item().location());
    }
}
