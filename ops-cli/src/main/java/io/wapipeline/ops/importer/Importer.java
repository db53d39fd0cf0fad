package io.wapipeline.ops.importer;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.wapipeline.ops.importer.Mapped.Webhook;
import io.wapipeline.ops.records.Progress;

/**
 * Reads every message row, a batch at a time, and publishes the webhooks of the messages the worker has not stored
 * yet (or lists them, on a dry run). Each batch is acknowledged by Kafka before the next is read.
 */
final class Importer {

    private final RowMapper mapper;
    private final Conversations conversations;
    private final TargetDatabase target;
    private final Optional<SignedPublisher> publisher;
    private final PrintWriter listing;
    private final Progress progress;
    private final ImportTally tally = new ImportTally();

    /**
     * @param publisher where webhooks go; empty for a dry run
     * @param listing   where a dry run lists each webhook it would publish
     */
    Importer(RowMapper mapper, Conversations conversations, TargetDatabase target, Optional<SignedPublisher> publisher,
            PrintWriter listing, Progress progress) {
        this.mapper = mapper;
        this.conversations = conversations;
        this.target = target;
        this.publisher = publisher;
        this.listing = listing;
        this.progress = progress;
    }

    ImportTally run(DjangoSource source, MessageColumns columns) throws SQLException {
        long total = source.messageCount();
        source.readMessages(columns, batch -> importBatch(batch, total));
        progress.print(progressLine(total));
        return tally;
    }

    private void importBatch(List<DjangoMessage> rows, long total) throws SQLException {
        List<Webhook> webhooks = new ArrayList<>();
        for (DjangoMessage row : rows) {
            Mapped mapped = mapper.map(row, conversations.nameOf(row));
            tally.read(row, mapped);
            if (mapped instanceof Webhook webhook) {
                webhooks.add(webhook);
            }
        }
        Set<String> stored = target.stored(webhooks.stream().map(Webhook::messageId).toList());
        for (Webhook webhook : webhooks) {
            // A second row with an id already published (a table without Django's UNIQUE) has nothing to add.
            if (stored.contains(webhook.messageId()) || tally.publishedIds().contains(webhook.messageId())) {
                tally.alreadyPresent();
            }
            else {
                publish(webhook);
            }
        }
        publisher.ifPresent(SignedPublisher::flush);
        progress.update(() -> progressLine(total));
    }

    private void publish(Webhook webhook) {
        if (publisher.isPresent()) {
            publisher.get().send(webhook);
        }
        else {
            listing.println("would publish " + RemoteText.escape(webhook.messageId(), 200) + " (django id " + webhook.djangoId()
                    + ", " + webhook.source().description() + "): " + RemoteText.escape(webhook.text(), Integer.MAX_VALUE));
        }
        tally.published(webhook);
    }

    /** {@code read 500 of 1,204 messages: 480 published, 18 already present, 2 unreadable}. */
    private String progressLine(long total) {
        return "read " + ImportSummary.count(tally.read()) + " of " + ImportSummary.messages(total) + ": "
                + ImportSummary.count(tally.publishedIds().size()) + (publisher.isPresent() ? " published, " : " to publish, ")
                + ImportSummary.count(tally.alreadyPresentCount()) + " already present, "
                + ImportSummary.count(tally.unreadableCount()) + " unreadable";
    }
}
