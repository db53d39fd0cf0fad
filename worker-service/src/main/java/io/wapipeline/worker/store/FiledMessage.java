package io.wapipeline.worker.store;

import java.time.Instant;

import io.wapipeline.model.payload.MessageReceived;

/**
 * A message with the contact key it is filed under (its customer's contact, once ids are linked) and the
 * conversation it belongs to: the contact's, or for a group message the group's.
 */
public record FiledMessage(Received<MessageReceived> received, String contactId) {

    public MessageReceived item() {
        return received.item();
    }

    public Origin origin() {
        return received.origin();
    }

    /** The message's own time, or when the ingest received it if Meta gave none. */
    public Instant time() {
        return received.timeOr(received.item().timestamp());
    }

    /** The conversation's contact column: the group id of a group message, else the contact key. */
    public String conversationKey() {
        return item().groupId() != null ? item().groupId() : contactId;
    }

    public boolean inGroup() {
        return item().groupId() != null;
    }
}
