package io.wapipeline.traffic.compose;

import java.util.Locale;

/** Which webhooks a simulation sends. */
public enum Mix {

    /** Inbound text messages of about 1.5 KB per single-message body: the benchmark's body. */
    TEXT,

    /**
     * What a busy business number receives: every common inbound message type, and sent, delivered and read statuses
     * (now and then failed) of the messages the business sent.
     */
    MIXED;

    /** Lower case, as typed on the command line and shown in {@code --help}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
