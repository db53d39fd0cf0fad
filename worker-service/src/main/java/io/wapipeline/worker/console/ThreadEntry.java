package io.wapipeline.worker.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.wapipeline.worker.api.MessageItem;
import io.wapipeline.worker.api.OutboundMessage;

/**
 * One line of a conversation thread: a message the contact sent, or one sent to it (known by its statuses).
 *
 * @param at       the message's time (an outbound one's first status)
 * @param inbound  the contact's message, or null
 * @param outbound the business's message, or null
 */
record ThreadEntry(Instant at, MessageItem inbound, OutboundMessage outbound) {

    /**
     * Both kinds in time order, oldest first; outbound messages before {@code since} are left out (they belong with an
     * older page of inbound messages), none when {@code since} is null.
     */
    static List<ThreadEntry> merge(List<MessageItem> inbound, List<OutboundMessage> outbound, Instant since) {
        List<ThreadEntry> entries = new ArrayList<>();
        inbound.forEach(message -> entries.add(new ThreadEntry(message.timestamp(), message, null)));
        outbound.stream().filter(message -> since == null || !message.firstStatusAt().isBefore(since))
                .forEach(message -> entries.add(new ThreadEntry(message.firstStatusAt(), null, message)));
        entries.sort(Comparator.comparing(ThreadEntry::at));
        return entries;
    }
}
