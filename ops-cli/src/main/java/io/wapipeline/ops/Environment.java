package io.wapipeline.ops;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The pipeline's settings as the services see them: the process environment first, then {@code ./.env} (read as a
 * properties file, the way the services import it). Subcommands take their defaults from here, so {@code wa-ops}
 * run beside a service's {@code .env} talks to the same Kafka, database and secrets.
 */
public final class Environment implements UnaryOperator<String> {

    private final Map<String, String> variables;
    private final Properties dotEnv;

    public Environment(Map<String, String> variables, Properties dotEnv) {
        this.variables = Map.copyOf(variables);
        this.dotEnv = dotEnv;
    }

    /** The real environment and {@code .env} in the working directory, if there is one. */
    public static Environment current() {
        return new Environment(System.getenv(), dotEnv(Path.of(".env")));
    }

    /** The value of {@code name}, or null when it is unset. */
    @Override
    public String apply(String name) {
        String value = variables.get(name);
        return value != null ? value : dotEnv.getProperty(name);
    }

    /** The value of {@code name} when it is set and not blank. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(apply(name)).filter(value -> !value.isBlank());
    }

    public String getOrDefault(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    /** The {@code NAME=value} lines of an env file ({@code .env}, the local stack's {@code stack.env}); empty if absent. */
    public static Properties dotEnv(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
            }
        }
        return properties;
    }
}
