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
import io.wapipeline.model.payload.MessageSource;
import io.wapipeline.model.payload.StatusReported;
import io.wapipeline.worker.call.CallRepository;
import io.wapipeline.worker.conversation.ConversationRepository;
import io.wapipeline.worker.event.EventRepository;
import io.wapipeline.worker.media.MediaJobRepository;
import io.wapipeline.worker.message.MessageRepository;
import io.wapipeline.worker.status.StatusRepository;
import io.wapipeline.worker.contact.ContactBook;
import io.wapipeline.worker.store.ContactKeys;
import io.wapipeline.worker.store.FiledMessage;

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
    private final ContactBook contacts;

    BatchWriter(ContactBook contacts, MessageRepository messages, ConversationRepository conversations,
            MediaJobRepository mediaJobs, StatusRepository statuses, CallRepository calls, EventRepository events) {
        this.messages = messages;
        this.conversations = conversations;
        this.mediaJobs = mediaJobs;
        this.statuses = statuses;
        this.calls = calls;
        this.events = events;
        this.contacts = contacts;
    }

    @Transactional
    public BatchWritten write(DecodedBatch batch) {
        ContactKeys keys = contacts.link(batch.items());
        List<FiledMessage> newMessages = messages.insertNew(filed(batch, keys));
        conversations.addNewMessages(newMessages);
        mediaJobs.addJobs(batch.of(MessageReceived.class));
        int statusRows = statuses.record(batch.of(StatusReported.class));
        int callReports = calls.record(batch.of(CallReported.class), keys);
        int newEvents = events.insertNew(batch.of(EventReceived.class));
        contacts.record(batch.items(), keys);
        if (log.isDebugEnabled()) {
            newMessages.forEach(m -> log.debug("Saved message {} from {}", LogText.escape(m.item().messageId()),
                    LogText.escape(m.contactId())));
        }
        return new BatchWritten(newMessages.size(), fromHistory(newMessages), batch.of(MessageReceived.class).size() - newMessages.size(),
                statusRows, callReports, newEvents);
    }

    /**
     * Writes a batch of reprocessed records in one transaction, rewriting stored messages, statuses, call reports and
     * events from what the current parser makes of them. Media download state, status history and what a call row
     * has merged stay as they are; messages that were not stored yet are added and counted in their conversations
     * like new ones.
     */
    @Transactional
    public BatchWritten rewrite(DecodedBatch batch) {
        ContactKeys keys = contacts.link(batch.items());
        List<FiledMessage> newMessages = messages.overwrite(filed(batch, keys));
        conversations.addNewMessages(newMessages);
        mediaJobs.addJobs(batch.of(MessageReceived.class));
        int statusRows = statuses.rewrite(batch.of(StatusReported.class));
        int callReports = calls.rewrite(batch.of(CallReported.class), keys);
        int newEvents = events.overwrite(batch.of(EventReceived.class));
        contacts.record(batch.items(), keys);
        log.info("Reprocessed {} records: {} messages rewritten, {} added; {} statuses, {} call reports, {} events written",
                batch.records().size(), batch.of(MessageReceived.class).size() - newMessages.size(), newMessages.size(), statusRows,
                callReports, batch.of(EventReceived.class).size());
        return new BatchWritten(newMessages.size(), fromHistory(newMessages), batch.of(MessageReceived.class).size() - newMessages.size(),
                statusRows, callReports, newEvents);
    }

    /** Each message filed under its customer's contact (linked first in the transaction, before any other row lock). */
    private static List<FiledMessage> filed(DecodedBatch batch, ContactKeys keys) {
        return batch.of(MessageReceived.class).stream()
                .map(message -> new FiledMessage(message, keys.of(message.item().business(), message.item().customer())))
                .toList();
    }

    private static int fromHistory(List<FiledMessage> messages) {
        return (int) messages.stream().filter(message -> message.item().source() == MessageSource.HISTORY).count();
    }

    /**
     * What a batch added: new messages (of which {@code newFromHistory} came from shared history, which is not new
     * activity), duplicates skipped, status rows written, call reports written, new events.
     */
    record BatchWritten(int newMessages, int newFromHistory, int duplicateMessages, int statuses, int callReports, int newEvents) {

        static final BatchWritten NOTHING = new BatchWritten(0, 0, 0, 0, 0, 0);

        BatchWritten plus(BatchWritten other) {
            return new BatchWritten(newMessages + other.newMessages, newFromHistory + other.newFromHistory,
                    duplicateMessages + other.duplicateMessages, statuses + other.statuses, callReports + other.callReports,
                    newEvents + other.newEvents);
        }
    }
}
