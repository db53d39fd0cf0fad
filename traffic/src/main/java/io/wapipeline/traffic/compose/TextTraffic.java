package io.wapipeline.traffic.compose;

import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The benchmark's traffic: inbound text messages long enough that a single-message webhook is about 1.5 KB, written
 * in several languages and scripts so every body carries Meta's escapes.
 */
final class TextTraffic implements ItemStream {

    /** The escaped text that, with the envelope of one message, makes a body of about 1.5 KB (1.44 to 1.76 KB). */
    static final int TEXT_BYTES = 1_000;

    private final InboundMessages messages;
    private final ContactBook contacts;
    private final RandomGenerator random;
    private final LongSupplier epochSeconds;

    TextTraffic(InboundMessages messages, ContactBook contacts, RandomGenerator random, LongSupplier epochSeconds) {
        this.messages = messages;
        this.contacts = contacts;
        this.random = random;
        this.epochSeconds = epochSeconds;
    }

    @Override
    public SimulatedItem next() {
        return messages.text(contacts.pick(random), epochSeconds.getAsLong(), SampleTexts.longText(random, TEXT_BYTES));
    }
}
