package io.wapipeline.stack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.wapipeline.model.GroupLag;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.KafkaCredentials;
import io.wapipeline.stackkit.KafkaBroker;
import io.wapipeline.stackkit.SaslUsers;

/**
 * The stack's Kafka: Apache Kafka's own server as one KRaft node on 127.0.0.1, its log under the stack's home (so a
 * webhook answered 200 survives a restart, as in production), or the Kafka the operator named. The stack's own asks
 * every client for a SASL login and holds each of the stack's users to its ACLs ({@link KafkaAccess}); the operator's
 * is reached with the operator's credentials ({@code KAFKA_SASL_*} of the stack's environment), the same for every part.
 */
final class LocalKafka implements AutoCloseable {

    static final String WHOSE_PORT = "Kafka's";
    static final String PORT_OPTION = "--kafka-port";

    private final KafkaBroker broker;
    private final String bootstrapServers;
    /** The stack's own broker: each user's password. */
    private final Map<String, String> passwords;
    /** The operator's Kafka: the credentials every part uses. */
    private final KafkaCredentials given;

    private LocalKafka(KafkaBroker broker, String bootstrapServers, Map<String, String> passwords, KafkaCredentials given) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
        this.passwords = Map.copyOf(passwords);
        this.given = given;
    }

    /**
     * The operator's Kafka when the settings name one (with the credentials {@code environment} gives), else the
     * stack's own broker, its users' ACLs in place before it is handed out.
     */
    static LocalKafka start(StackSettings settings, Map<String, String> passwords, UnaryOperator<String> environment) {
        if (settings.kafka().isPresent()) {
            try {
                return new LocalKafka(null, settings.kafka().get(), Map.of(), KafkaCredentials.from(environment));
            }
            catch (IllegalArgumentException wrong) {
                throw new StackException(wrong.getMessage());
            }
        }
        try {
            KafkaBroker broker = KafkaBroker.startSecured(logDirectory(settings.home()), settings.kafkaPort(),
                    Map.of("message.max.bytes", Integer.toString(WebhookTopics.MAX_RECORD_BYTES)),
                    new SaslUsers(KafkaAccess.ADMIN, passwords));
            LocalKafka kafka = new LocalKafka(broker, broker.bootstrapServers(), passwords, null);
            try {
                kafka.grantAccess();
            }
            catch (RuntimeException failed) {
                broker.close();
                throw failed;
            }
            return kafka;
        }
        catch (KafkaBroker.PortInUseException taken) {
            throw Ports.inUse(taken.port(), WHOSE_PORT, PORT_OPTION);
        }
    }

    private void grantAccess() {
        try (Admin admin = Admin.create(clientProperties(KafkaAccess.ADMIN))) {
            admin.createAcls(KafkaAccess.acls()).all().get(60, TimeUnit.SECONDS);
        }
        catch (Exception failed) {
            throw new StackException("could not give the stack's Kafka users their ACLs: " + failed);
        }
    }

    /** What a client of {@code user} needs: the brokers and its login (the operator's, on the operator's Kafka). */
    Map<String, Object> clientProperties(String user) {
        if (broker != null) {
            return broker.clientProperties(user);
        }
        Map<String, Object> properties = new HashMap<>(given.clientProperties());
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    /**
     * The {@code KAFKA_*} variables (docs/configuration.md) that make a service or a tool log in as {@code user}: every
     * one of them, blank where unused, so that a variable of the stack's own environment cannot leak into a service.
     */
    Map<String, String> environment(String user) {
        KafkaCredentials credentials = broker != null ? KafkaCredentials.plainOverLoopback(user, passwords.get(user)) : given;
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(KafkaCredentials.PROTOCOL, credentials.protocol());
        variables.put(KafkaCredentials.MECHANISM, credentials.mechanism().orElse(""));
        variables.put(KafkaCredentials.USERNAME, credentials.username().orElse(""));
        variables.put(KafkaCredentials.PASSWORD, credentials.password().orElse(""));
        variables.put(KafkaCredentials.TRUSTSTORE, credentials.truststore().orElse(""));
        return variables;
    }

    static Path logDirectory(Path home) {
        return home.resolve("kafka");
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String description() {
        return broker == null ? bootstrapServers + " (given by KAFKA_BOOTSTRAP_SERVERS)"
                : bootstrapServers + " (Apache Kafka, KRaft; a login per service; log kept in " + broker.logDirectory()
                        + ", --reset wipes it)";
    }

    /** Records of the raw topic that the worker group has not committed yet (empty when Kafka does not answer). */
    java.util.OptionalLong waiting(String group) {
        Map<String, Object> properties = clientProperties(KafkaAccess.ADMIN);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(properties)) {
            return java.util.OptionalLong.of(GroupLag.of(admin, group, WebhookTopics.RAW).lag());
        }
        catch (Exception unavailable) {
            return java.util.OptionalLong.empty();
        }
    }

    /** Stops the broker, its log kept, until {@link #restart()}: an outage of Kafka. */
    void stopBroker() {
        ownBroker().stop();
    }

    void restart() {
        ownBroker().restart();
    }

    private KafkaBroker ownBroker() {
        if (broker == null) {
            throw new IllegalStateException("Kafka is not the stack's own (KAFKA_BOOTSTRAP_SERVERS names another)");
        }
        return broker;
    }

    /** Stops the broker after the services: what they committed last is on disk. */
    @Override
    public void close() {
        if (broker != null) {
            broker.stop();
        }
    }
}
