package io.wapipeline.ops.records;

import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What every Kafka client of {@code wa-ops} starts from: the brokers, and a broker that does not answer tried again
 * after 250 ms, the wait doubling up to 10 s (Kafka's 50 ms up to 1 s), as the services' application.yml sets it.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** A producer's, consumer's or admin client's properties, to which it adds its own. */
    public static Properties properties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "250");
        properties.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        return properties;
    }
}
