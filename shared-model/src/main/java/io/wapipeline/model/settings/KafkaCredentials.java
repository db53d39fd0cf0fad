package io.wapipeline.model.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Who a Kafka client is, from the environment: a SASL user and password (SCRAM or PLAIN), sent over TLS unless told
 * otherwise, and the CA certificates that TLS trusts. The services, {@code wa-ops} and the local stack turn the same
 * variables into the same Kafka client properties here. No variable set: a plain connection, as before.
 *
 * @param protocol  Kafka's {@code security.protocol}
 * @param mechanism the SASL mechanism; empty without SASL
 * @param username  the SASL user; empty without SASL
 * @param password  its password; never logged ({@link #toString()} hides it)
 * @param truststore a PEM file of the CA certificates TLS trusts; empty: the JDK's own
 */
public record KafkaCredentials(String protocol, Optional<String> mechanism, Optional<String> username, Optional<String> password,
        Optional<String> truststore) {

    public static final String PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
    public static final String MECHANISM = "KAFKA_SASL_MECHANISM";
    public static final String USERNAME = "KAFKA_SASL_USERNAME";
    public static final String PASSWORD = "KAFKA_SASL_PASSWORD";
    public static final String TRUSTSTORE = "KAFKA_SSL_TRUSTSTORE_LOCATION";

    /** The variables, in the order the docs list them. */
    public static final List<String> VARIABLES = List.of(PROTOCOL, MECHANISM, USERNAME, PASSWORD, TRUSTSTORE);

    /** Strimzi's, and the strongest Kafka offers without extra setup. */
    public static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";

    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    /**
     * The credentials {@code lookup} (the environment, {@code .env}) names.
     *
     * @throws IllegalArgumentException with one line naming the variable to set or fix
     */
    public static KafkaCredentials from(UnaryOperator<String> lookup) {
        Optional<String> username = value(lookup, USERNAME);
        Optional<String> password = value(lookup, PASSWORD);
        if (username.isPresent() != password.isPresent()) {
            String missing = username.isPresent() ? PASSWORD : USERNAME;
            throw new IllegalArgumentException(missing + " is not set, but " + (username.isPresent() ? USERNAME : PASSWORD)
                    + " is: Kafka's SASL login needs both");
        }
        String protocol = value(lookup, PROTOCOL).map(String::toUpperCase)
                .orElse(username.isPresent() ? "SASL_SSL" : "PLAINTEXT");
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException(PROTOCOL + " must be one of " + String.join(", ", PROTOCOLS) + ", not " + protocol);
        }
        boolean sasl = protocol.startsWith("SASL_");
        if (sasl != username.isPresent()) {
            throw new IllegalArgumentException(sasl ? PROTOCOL + "=" + protocol + " needs " + USERNAME + " and " + PASSWORD
                    : USERNAME + " is set, but " + PROTOCOL + "=" + protocol + " sends no credentials: use SASL_SSL (or "
                            + "SASL_PLAINTEXT on loopback)");
        }
        Optional<String> mechanism = sasl ? Optional.of(value(lookup, MECHANISM).map(String::toUpperCase).orElse(DEFAULT_MECHANISM))
                : Optional.empty();
        if (mechanism.isPresent() && !LOGIN_MODULES.containsKey(mechanism.get())) {
            throw new IllegalArgumentException(MECHANISM + " must be SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN, not " + mechanism.get());
        }
        return new KafkaCredentials(protocol, mechanism, username, password, value(lookup, TRUSTSTORE));
    }

    /** A SASL login over loopback without TLS: the local stack's broker, on 127.0.0.1 only. */
    public static KafkaCredentials plainOverLoopback(String username, String password) {
        return new KafkaCredentials("SASL_PLAINTEXT", Optional.of("PLAIN"), Optional.of(username), Optional.of(password), Optional.empty());
    }

    /** The Kafka client properties for these credentials: empty for a plain connection. */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (protocol.equals("PLAINTEXT")) {
            return properties;
        }
        properties.put("security.protocol", protocol);
        mechanism.ifPresent(sasl -> {
            properties.put("sasl.mechanism", sasl);
            properties.put("sasl.jaas.config", LOGIN_MODULES.get(sasl) + " required username=\"" + quoted(username.orElseThrow())
                    + "\" password=\"" + quoted(password.orElseThrow()) + "\";");
        });
        truststore.ifPresent(file -> {
            properties.put("ssl.truststore.location", file);
            properties.put("ssl.truststore.type", "PEM");
        });
        return properties;
    }

    /** Who connects, for messages: the user and how, never the password. */
    public String describe() {
        return username.map(user -> "user " + user + " (" + mechanism.orElseThrow() + " over " + protocol + ")")
                .orElse("no credentials (" + protocol + ")");
    }

    private static Optional<String> value(UnaryOperator<String> lookup, String name) {
        return Optional.ofNullable(lookup.apply(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** A JAAS option value, to go inside double quotes: a backslash and a double quote are escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "KafkaCredentials[" + describe() + "]";
    }
}
