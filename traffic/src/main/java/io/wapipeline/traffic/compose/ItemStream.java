package io.wapipeline.traffic.compose;

import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/** An endless supply of webhook items of one {@link Mix}. Used by one generating thread. */
interface ItemStream {

    SimulatedItem next();

    /** @param epochSeconds the clock for the items' timestamps */
    static ItemStream of(Traffic traffic, RandomGenerator random, LongSupplier epochSeconds) {
        ContactBook contacts = new ContactBook(traffic.contacts());
        MessageIds ids = new MessageIds(traffic.runId());
        InboundMessages messages = new InboundMessages(traffic.business(), ids, random);
        return switch (traffic.mix()) {
            case TEXT -> new TextTraffic(messages, contacts, random, epochSeconds);
            case MIXED -> new MixedTraffic(messages, new OutboundStatuses(traffic.runId(), random),
                    new PendingStatuses(traffic.shuffleStatuses(), random), ids, contacts, random, epochSeconds);
        };
    }
}
