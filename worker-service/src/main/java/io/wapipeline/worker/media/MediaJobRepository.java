package io.wapipeline.worker.media;

import static io.wapipeline.worker.system.Column.text;
import static io.wapipeline.worker.system.Column.timestamp;

import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.worker.system.BulkInsert;
import io.wapipeline.worker.webhook.Received;

/**
 * Writes the download jobs of {@code whatsapp_media}, one per media id, in the message's transaction. A job is
 * created for every delivery of a media message, not only the first, so a message stored by an earlier delivery
 * whose job row is missing still gets one.
 */
@Repository
public class MediaJobRepository {

    private static final BulkInsert<Received<MessageReceived>> INSERT = new BulkInsert<>("whatsapp_media", List.of(
            text("media_id", r -> r.item().media().id()),
            text("message_id", r -> r.item().messageId()),
            text("media_type", r -> r.item().type()),
            text("mime_type", r -> r.item().media().mimeType()),
            text("sha256", r -> r.item().media().sha256()),
            text("filename", r -> r.item().media().filename()),
            timestamp("announced_at", r -> r.timeOr(r.item().timestamp()))), """
            ON CONFLICT (media_id) DO NOTHING
            """);

    private final JdbcClient jdbc;

    MediaJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a pending download job for each media message that has none yet. */
    public void addJobs(List<Received<MessageReceived>> messages) {
        List<Received<MessageReceived>> withMedia = messages.stream()
                .filter(m -> m.item().media() != null && m.item().media().id() != null)
                .sorted(Comparator.comparing(m -> m.item().media().id()))
                .toList();
        if (!withMedia.isEmpty()) {
            INSERT.rows(jdbc, withMedia).update();
        }
    }
}
