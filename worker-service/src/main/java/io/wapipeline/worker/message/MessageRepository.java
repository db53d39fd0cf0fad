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
import java.util.Set;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Repository;

import io.wapipeline.model.payload.Location;
import io.wapipeline.model.payload.Media;
import io.wapipeline.model.payload.MessageSource;
import io.wapipeline.model.payload.ReplyContext;
import io.wapipeline.worker.system.BulkInsert;
import io.wapipeline.worker.system.Column;
import io.wapipeline.worker.store.FiledMessage;
import io.wapipeline.worker.store.KeyChange;
import io.wapipeline.worker.store.KeyChanges;
import io.wapipeline.worker.store.MessageKeys;

/** Writes {@code whatsapp_message}: a message is inserted once, however often Meta delivers it. */
/** Moves first: conversations find a moved contact by its messages. */
@Repository
@Order(1)
public class MessageRepository implements KeyChanges {

    /** A contact's messages follow it when its key changes. */
    private static final String MOVE = """
            UPDATE whatsapp_message m SET contact_id = r.to_key
              FROM unnest(?::text[], ?::text[], ?::text[]) AS r (waba_id, from_key, to_key)
             WHERE m.contact_id = r.from_key AND COALESCE(m.waba_id, '') = r.waba_id
            """;

    /**
     * A message is stored once. Two deliveries of one wamid replace the stored row only to make it truer, in any
     * order: a live (or echoed) message replaces its copy from shared history, and a message whose media id Meta
     * sends later (history sends media placeholders first) gets it. {@code xmax = 0} tells rows that were new.
     */
    private static final String TRUER = """
            WHERE (m.source = 'history' AND EXCLUDED.source <> 'history')
               OR (m.media_id IS NULL AND EXCLUDED.media_id IS NOT NULL AND m.source = EXCLUDED.source)
            RETURNING message_id, xmax = 0 AS inserted
            """;

    private static final List<Column<FiledMessage>> COLUMNS = List.of(
            text("message_id", r -> r.item().messageId()),
            text("waba_id", r -> r.item().business().wabaId()),
            text("phone_number_id", r -> MessageKeys.businessNumber(r.item())),
            text("display_phone_number", r -> r.item().business().displayPhoneNumber()),
            text("contact_id", FiledMessage::contactId),
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
            timestamp("timestamp", FiledMessage::time),
            jsonb("raw_payload", r -> r.item().rawJson()),
            text("source_topic", r -> r.origin().topic()),
            int4("source_partition", r -> r.origin().partition()),
            int8("source_offset", r -> r.origin().offset()),
            timestamp("received_at", r -> r.origin().receivedAt()),
            text("signed_by", r -> r.origin().signedBy()),
            text("source", r -> r.item().source().code()),
            bool("outbound", r -> r.item().outbound()),
            text("from_parent_user_id", r -> r.item().fromParentUserId()),
            text("to_number", r -> r.item().to().waId()),
            text("to_user_id", r -> r.item().to().userId()),
            text("group_id", r -> r.item().groupId()),
            text("history_status", r -> r.item().historyStatus()));

    private static final BulkInsert<FiledMessage> INSERT = new BulkInsert<>("whatsapp_message AS m", COLUMNS,
            "ON CONFLICT (message_id) DO UPDATE SET " + Column.overwriteAllBut(COLUMNS, "message_id") + "\n" + TRUER);

    /** For reprocessing: every column rewritten from the record; {@code xmax = 0} tells rows that were not there. */
    private static final BulkInsert<FiledMessage> OVERWRITE = new BulkInsert<>("whatsapp_message", COLUMNS,
            "ON CONFLICT (message_id) DO UPDATE SET " + Column.overwriteAllBut(COLUMNS, "message_id")
                    + "\nRETURNING message_id, xmax = 0 AS inserted\n");

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the messages not stored yet (and makes stored copies truer, see {@link #TRUER}); returns those that were
     * new, in wamid order. Rows are written in wamid order so that two workers inserting overlapping batches wait on
     * each other instead of deadlocking.
     */
    public List<FiledMessage> insertNew(List<FiledMessage> messages) {
        return write(INSERT, messages);
    }

    /**
     * Writes the messages as the current parser reads them, replacing stored rows (reprocessing after a parser fix).
     * Returns those that were not stored before, so that only they count in conversations.
     */
    public List<FiledMessage> overwrite(List<FiledMessage> messages) {
        return write(OVERWRITE, messages);
    }

    @Override
    public void moved(List<KeyChange> changes) {
        jdbc.sql(MOVE).param(changes.stream().map(KeyChange::scope).toArray(String[]::new))
                .param(changes.stream().map(KeyChange::from).toArray(String[]::new))
                .param(changes.stream().map(KeyChange::to).toArray(String[]::new)).update();
    }

    private List<FiledMessage> write(BulkInsert<FiledMessage> upsert, List<FiledMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<FiledMessage> sorted = truestOfEach(messages);
        Set<String> inserted = new HashSet<>(upsert.rows(jdbc, sorted)
                .query((rs, n) -> rs.getBoolean("inserted") ? rs.getString("message_id") : null).list());
        return sorted.stream().filter(r -> inserted.contains(r.item().messageId())).toList();
    }

    /**
     * One row per wamid (an upsert may not touch a row twice), in wamid order against deadlocks: of copies in one
     * batch, the one the database would keep ({@link #TRUER}), so a batch gives what separate deliveries give.
     */
    private static List<FiledMessage> truestOfEach(List<FiledMessage> messages) {
        Map<String, FiledMessage> byId = new TreeMap<>();
        messages.forEach(m -> byId.merge(m.item().messageId(), m, (kept, other) -> TRUTH.compare(other, kept) > 0 ? other : kept));
        return List.copyOf(byId.values());
    }

    private static final Comparator<FiledMessage> TRUTH = Comparator
            .comparing((FiledMessage m) -> m.item().source() != MessageSource.HISTORY)
            .thenComparing(m -> m.item().media() != null && m.item().media().id() != null);

    private static <V> Function<FiledMessage, V> media(Function<Media, V> field) {
        return r -> r.item().media() == null ? null : field.apply(r.item().media());
    }

    private static <V> Function<FiledMessage, V> context(Function<ReplyContext, V> field) {
        return r -> r.item().context() == null ? null : field.apply(r.item().context());
    }

    private static <V> Function<FiledMessage, V> location(Function<Location, V> field) {
        return r -> r.item().location() == null ? null : field.apply(r.item().location());
    }
}
