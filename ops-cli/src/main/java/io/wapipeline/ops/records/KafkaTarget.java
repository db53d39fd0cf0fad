package io.wapipeline.ops.records;

import io.wapipeline.model.settings.KafkaCredentials;

/**
 * The Kafka a tool talks to, and who it logs in as there.
 *
 * @param bootstrapServers {@code host:port[,host:port]}
 * @param credentials      the login of {@code KAFKA_SASL_*}; none for a plain connection
 */
public record KafkaTarget(String bootstrapServers, KafkaCredentials credentials) {

    /** For messages: the brokers, and the user when there is one; never the password. */
    public String describe() {
        return credentials.username().isEmpty() ? bootstrapServers : bootstrapServers + " as " + credentials.describe();
    }
}
