package io.wapipeline.traffic.compose;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * What a busy business number receives: inbound messages of every common type, and the statuses of the messages the
 * business sent. Replies and reactions refer to a message the business really sent to that contact, whose statuses
 * are part of the same run.
 */
final class MixedTraffic implements ItemStream {

    /** Meta advises sizing for about three status webhooks per message sent: most items are statuses. */
    private static final int INBOUND_PER_HUNDRED = 40;
    /** How often a status comes from a newly sent message rather than from one already open. */
    private static final int NEW_OUTBOUND_PER_HUNDRED = 30;

    private final InboundMessages messages;
    private final OutboundStatuses statuses;
    private final PendingStatuses pending;
    private final MessageIds ids;
    private final ContactBook contacts;
    private final RandomGenerator random;
    private final LongSupplier epochSeconds;
    private final Map<String, String> lastSentTo = new HashMap<>();

    MixedTraffic(InboundMessages messages, OutboundStatuses statuses, PendingStatuses pending, MessageIds ids,
            ContactBook contacts, RandomGenerator random, LongSupplier epochSeconds) {
        this.messages = messages;
        this.statuses = statuses;
        this.pending = pending;
        this.ids = ids;
        this.contacts = contacts;
        this.random = random;
        this.epochSeconds = epochSeconds;
    }

    @Override
    public SimulatedItem next() {
        if (random.nextInt(100) < INBOUND_PER_HUNDRED) {
            return inbound(contacts.pick(random));
        }
        if (pending.isEmpty() || random.nextInt(100) < NEW_OUTBOUND_PER_HUNDRED) {
            sendTo(contacts.pick(random));
        }
        return pending.next();
    }

    private SimulatedItem inbound(Contact from) {
        String repliedTo = lastSentTo.containsKey(from.waId()) ? lastSentTo.get(from.waId()) : sendTo(from);
        return messages.of(InboundType.pick(random), from, epochSeconds.getAsLong(), repliedTo);
    }

    /** The business sends a message to {@code recipient}: its statuses become pending. */
    private String sendTo(Contact recipient) {
        String messageId = ids.nextOutbound();
        lastSentTo.put(recipient.waId(), messageId);
        pending.add(statuses.of(messageId, recipient, epochSeconds.getAsLong()));
        return messageId;
    }
}
