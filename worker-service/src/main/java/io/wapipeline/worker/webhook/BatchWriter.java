package io.wapipeline.worker.webhook;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.wapipeline.service.logging.LogText;
import io.wapipeline.model.payload.CallReported;
import io.wapipeline.model.payload.EventReceived;
import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.StatusReported;
import io.wapipeline.worker.call.CallRepository;
import io.wapipeline.worker.conversation.ConversationRepository;
import io.wapipeline.worker.event.EventRepository;
import io.wapipeline.worker.media.MediaJobRepository;
import io.wapipeline.worker.message.MessageRepository;
import io.wapipeline.worker.status.StatusRepository;
import io.wapipeline.worker.store.Received;

/** Writes a decoded batch in one database transaction: messages, conversations, media jobs, statuses, calls and events. */
@Component
class BatchWriter {

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    private final MessageRepository messages;
    private final ConversationRepository conversations;
    private final MediaJobRepository mediaJobs;
    private final StatusRepository statuses;
    private final CallRepository calls;
    private final EventRepository events;

    BatchWriter(MessageRepository messages, ConversationRepository conversations, MediaJobRepository mediaJobs,
            StatusRepository statuses, CallRepository calls, EventRepository events) {
        this.messages = messages;
        this.conversations = conversations;
        this.mediaJobs = mediaJobs;
        this.statuses = statuses;
        this.calls = calls;
        this.events = events;
    }

    @Transactional
    public BatchWritten write(DecodedBatch batch) {
        List<Received<MessageReceived>> newMessages = messages.insertNew(batch.of(MessageReceived.class));
        conversations.addNewMessages(newMessages);
        mediaJobs.addJobs(batch.of(MessageReceived.class));
        int statusRows = statuses.record(batch.of(StatusReported.class));
        int callReports = calls.record(batch.of(CallReported.class));
        int newEvents = events.insertNew(batch.of(EventReceived.class));
        if (log.isDebugEnabled()) {
            newMessages.forEach(m -> log.debug("Saved message {} from {}", LogText.escape(m.item().messageId()),
                    LogText.escape(m.item().contactId())));
        }
        return new BatchWritten(newMessages.size(), batch.of(MessageReceived.class).size() - newMessages.size(), statusRows,
                callReports, newEvents);
    }

    /**
     * Writes a batch of reprocessed records in one transaction, rewriting stored messages, statuses, call reports and
     * events from what the current parser makes of them. Media download state, status history and what a call row
     * has merged stay as they are; messages that were not stored yet are added and counted in their conversations
     * like new ones.
     */
    @Transactional
    public BatchWritten rewrite(DecodedBatch batch) {
        List<Received<MessageReceived>> newMessages = messages.overwrite(batch.of(MessageReceived.class));
        conversations.addNewMessages(newMessages);
        mediaJobs.addJobs(batch.of(MessageReceived.class));
        int statusRows = statuses.rewrite(batch.of(StatusReported.class));
        int callReports = calls.rewrite(batch.of(CallReported.class));
        int newEvents = events.overwrite(batch.of(EventReceived.class));
        log.info("Reprocessed {} records: {} messages rewritten, {} added; {} statuses, {} call reports, {} events written",
                batch.records().size(), batch.of(MessageReceived.class).size() - newMessages.size(), newMessages.size(), statusRows,
                callReports, batch.of(EventReceived.class).size());
        return new BatchWritten(newMessages.size(), batch.of(MessageReceived.class).size() - newMessages.size(), statusRows,
                callReports, newEvents);
    }

    /** What a batch added: new messages, duplicates skipped, status rows written, call reports written, new events. */
    record BatchWritten(int newMessages, int duplicateMessages, int statuses, int callReports, int newEvents) {

        static final BatchWritten NOTHING = new BatchWritten(0, 0, 0, 0, 0);

        BatchWritten plus(BatchWritten other) {
            return new BatchWritten(newMessages + other.newMessages, duplicateMessages + other.duplicateMessages,
                    statuses + other.statuses, callReports + other.callReports, newEvents + other.newEvents);
        }
    }
}
