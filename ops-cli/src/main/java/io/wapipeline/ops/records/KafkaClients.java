package io.wapipeline.ops.records;

import java.time.Duration;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What every Kafka client of {@code wa-ops} starts from: the brokers, the login, and a broker that does not answer tried again
 * after 250 ms, the wait doubling up to 10 s (Kafka's 50 ms up to 1 s), as the services' application.yml sets it.
 */
public final class KafkaClients {

    private KafkaClients() {
    }

    /** A producer's, consumer's or admin client's properties, with its login, to which it adds its own. */
    public static Properties properties(KafkaTarget kafka) {
        Properties properties = new Properties();
        properties.putAll(kafka.credentials().clientProperties());
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "250");
        properties.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        return properties;
    }

    /**
     * An admin client whose calls give up after {@code timeout} (each request after half of it, so one retry fits),
     * so a Kafka that does not answer is a clear error, not a hang.
     */
    public static Admin admin(KafkaTarget kafka, Duration timeout) {
        Properties properties = properties(kafka);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis() / 2));
        return Admin.create(properties);
    }
}
