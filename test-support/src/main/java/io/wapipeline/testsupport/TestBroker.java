package io.wapipeline.testsupport;

/** A real Kafka broker for tests, which a test can also cut off to play an outage. */
public interface TestBroker {

    String bootstrapServers();

    /** Makes the broker stop answering clients, as in an outage; {@link #restore()} ends it. */
    void cutOff();

    /** Brings the broker back on the same address after {@link #cutOff()}. */
    void restore();

    void stop();
}
