package io.wapipeline.stackkit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The users a {@linkplain KafkaBroker#startSecured secured broker} knows, with their passwords: SASL/PLAIN checked
 * against this list (Kafka compares passwords in constant time), for a broker that listens on loopback only.
 *
 * @param admin     the broker's own user (between its broker and controller) and the authorizer's super user
 * @param passwords every user's password, the admin's included
 */
public record SaslUsers(String admin, Map<String, String> passwords) {

    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    public SaslUsers {
        passwords = Map.copyOf(passwords);
        if (!passwords.containsKey(admin)) {
            throw new IllegalArgumentException("the admin user " + admin + " has no password");
        }
        passwords.forEach((user, password) -> {
            if (!NAME.matcher(user).matches() || password.isBlank()) {
                throw new IllegalArgumentException("a Kafka user needs a name of letters, digits, _ and - and a password: " + user);
            }
        });
    }

    /**
     * The client properties of {@code user}'s login: SASL/PLAIN without TLS, as shared-model's
     * {@code KafkaCredentials.plainOverLoopback} writes them for the services (this module is below shared-model).
     */
    public Map<String, String> clientProperties(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("the broker knows no user " + user);
        }
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config",
                LOGIN_MODULE + " required username=\"" + quoted(user) + "\" password=\"" + quoted(password) + "\";");
    }

    /** The broker's SASL and authorizer settings for its client listener and its controller listener. */
    Map<String, String> brokerProperties(String clientListener, String controllerListener) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sasl.enabled.mechanisms", "PLAIN");
        properties.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        properties.put("sasl.mechanism.controller.protocol", "PLAIN");
        properties.put(jaasKey(clientListener), jaas(passwords));
        // The controller's listener admits the broker's own user only: nobody else has anything to ask a controller.
        properties.put(jaasKey(controllerListener), jaas(Map.of(admin, passwords.get(admin))));
        properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        properties.put("super.users", "User:" + admin);
        properties.put("allow.everyone.if.no.acl.found", "false");
        return properties;
    }

    private static String jaasKey(String listener) {
        return "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".plain.sasl.jaas.config";
    }

    /** The broker's side of PLAIN: its own login (the admin's), then {@code user_<name>="<password>"} per user. */
    private String jaas(Map<String, String> known) {
        String own = clientProperties(admin).get("sasl.jaas.config");
        StringBuilder text = new StringBuilder(own.substring(0, own.length() - 1));
        known.forEach((user, password) -> text.append(" user_").append(user).append("=\"")
                .append(quoted(password)).append('"'));
        return text.append(';').toString();
    }

    /** A JAAS option value, to go inside double quotes. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "SaslUsers[" + String.join(", ", passwords.keySet()) + "]";
    }
}
