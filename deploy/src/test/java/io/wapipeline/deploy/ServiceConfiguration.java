package io.wapipeline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.wapipeline.model.settings.KafkaCredentials;
import io.wapipeline.model.settings.Setting;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a service reads and where it answers, from its own files as text: {@code application.yml} (ports, actuator,
 * shutdown, the {@code ${NAME}} placeholders) and its {@code @ConfigurationProperties} records (the names Boot binds
 * from the environment, and their defaults). The services are applications, not libraries, so they are read, not
 * depended on.
 */
record ServiceConfiguration(String module, ObjectNode application, Set<String> reads, Set<String> requires,
        Map<String, String> defaults) {

    static final Path REPOSITORY = Path.of("..");

    /** Read by the JVM itself, in every service. */
    private static final String JAVA_OPTIONS = "JDK_JAVA_OPTIONS";

    /** Boot's own settings (SPRING_KAFKA_SECURITY_PROTOCOL, ...): bound by Boot, whose names are not listed here. */
    private static final List<String> BOOT_PREFIXES = List.of("SPRING_", "SERVER_", "MANAGEMENT_", "LOGGING_");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

    private static final Pattern PROPERTIES_RECORD = Pattern.compile(
            "@ConfigurationProperties\\(\"([a-z0-9.-]+)\"\\)\\s*(?:public\\s+)?record \\w+\\((.*?)\\)\\s*(?:implements [^{]+)?\\{", Pattern.DOTALL);

    private static final Pattern LITERAL_DEFAULT = Pattern.compile("@DefaultValue\\(\"([^\"]*)\"\\)");

    // After the patterns, which reading uses.
    static final ServiceConfiguration INGEST = read("ingest-service",
            List.of(Setting.VERIFY_TOKEN, Setting.APP_SECRET, Setting.KAFKA_BOOTSTRAP_SERVERS));

    static final ServiceConfiguration WORKER = read("worker-service",
            List.of(Setting.DATABASE_URL, Setting.API_TOKENS, Setting.ACCESS_TOKEN, Setting.APP_SECRET,
                    Setting.KAFKA_BOOTSTRAP_SERVERS));

    /**
     * The configuration of {@code module}; {@code required} are the settings it refuses to start without in production
     * (Kafka has a localhost default, which on Kubernetes is never right).
     */
    static ServiceConfiguration read(String module, List<Setting> required) {
        Path moduleDirectory = REPOSITORY.resolve(module);
        Path yml = moduleDirectory.resolve("src/main/resources/application.yml");
        Map<String, String> defaults = new HashMap<>();
        Set<String> reads = new TreeSet<>(List.of(JAVA_OPTIONS));
        Matcher placeholders = PLACEHOLDER.matcher(text(yml));
        while (placeholders.find()) {
            reads.add(placeholders.group(1));
        }
        propertiesRecords(moduleDirectory.resolve("src/main/java")).forEach(source -> bindings(source, reads, defaults));
        // Both services take their Kafka login from these (service-support's KafkaCredentialsPostProcessor).
        reads.addAll(KafkaCredentials.VARIABLES);
        Set<String> requires = new TreeSet<>(required.stream().map(Setting::variable).toList());
        reads.addAll(requires);
        return new ServiceConfiguration(module, YamlDocuments.readSingle(REPOSITORY, yml), Set.copyOf(reads), Set.copyOf(requires),
                Map.copyOf(defaults));
    }

    /** Whether the service reads this environment variable: one of its own names, or one of Boot's. */
    boolean isRead(String variable) {
        return reads.contains(variable) || BOOT_PREFIXES.stream().anyMatch(variable::startsWith);
    }

    /** A setting of application.yml by its dotted name ({@code server.port}), as written there. */
    Optional<String> property(String name) {
        JsonNode node = application;
        for (String key : name.split("\\.")) {
            node = node.path(key);
        }
        return node.isValueNode() ? Optional.of(node.asString()) : Optional.empty();
    }

    /** The variable {@code server.port} is read from ({@code PORT}). */
    String portVariable() {
        return placeholder("server.port").group(1);
    }

    /** The port when that variable is not set. */
    int defaultPort() {
        return Integer.parseInt(placeholder("server.port").group(2));
    }

    /** The path of an actuator endpoint on the server's own port ({@code /actuator/health/liveness}). */
    String actuatorPath(String endpoint) {
        return property("management.endpoints.web.base-path").orElse("/actuator") + "/" + endpoint;
    }

    boolean exposes(String endpoint) {
        return List.of(property("management.endpoints.web.exposure.include").orElse("health").split(",")).contains(endpoint);
    }

    /** Boot 4 has the liveness and readiness groups on unless this is false. */
    boolean probeGroupsEnabled() {
        return !"false".equals(property("management.endpoint.health.probes.enabled").orElse("true"));
    }

    /** How long Spring's graceful shutdown waits for work in flight (Boot's default: 30 s). */
    Duration shutdownTimeout() {
        return duration(property("spring.lifecycle.timeout-per-shutdown-phase").orElse("30s"));
    }

    private Matcher placeholder(String property) {
        Matcher matcher = PLACEHOLDER.matcher(property(property).orElse(""));
        if (!matcher.matches() || matcher.group(2) == null) {
            throw new IllegalStateException(module + ": " + property + " is not ${NAME:default} in application.yml");
        }
        return matcher;
    }

    private static Stream<String> propertiesRecords(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(ServiceConfiguration::text)
                    .filter(source -> source.contains("@ConfigurationProperties(\"")).toList().stream();
        }
        catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** Boot's environment name of each record component ({@code whatsapp.console} + {@code ingestHealthUrl}). */
    private static void bindings(String source, Set<String> reads, Map<String, String> defaults) {
        Matcher record = PROPERTIES_RECORD.matcher(source);
        while (record.find()) {
            String prefix = record.group(1).toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
            for (String component : components(record.group(2))) {
                String variable = prefix + "_" + component.replaceAll("(?s).*?(\\w+)$", "$1").toUpperCase(Locale.ROOT);
                reads.add(variable);
                Matcher literal = LITERAL_DEFAULT.matcher(component);
                if (literal.lookingAt()) {
                    defaults.put(variable, literal.group(1));
                }
            }
        }
    }

    /** The components of a record header, split at the commas that are not inside parentheses, braces or generics. */
    private static List<String> components(String header) {
        List<String> components = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int index = 0; index < header.length(); index++) {
            char next = header.charAt(index);
            if (next == '"') {
                quoted = !quoted;
            }
            else if (!quoted && "({<".indexOf(next) >= 0) {
                depth++;
            }
            else if (!quoted && ")}>".indexOf(next) >= 0) {
                depth--;
            }
            else if (!quoted && depth == 0 && next == ',') {
                components.add(header.substring(start, index).strip());
                start = index + 1;
            }
        }
        components.add(header.substring(start).strip());
        return components;
    }

    private static Duration duration(String value) {
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value.strip());
        if (!matcher.matches()) {
            throw new IllegalStateException("not a duration: " + value);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2) == null ? "ms" : matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
