package io.wapipeline.stack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to start a local stack.
 *
 * @param repository      the checkout whose {@code ingest-service/target} and {@code worker-service/target} jars run
 * @param home            where data, logs, media and secrets are kept ({@code .local/} of the checkout)
 * @param reset           wipe the kept Kafka log, database and media first
 * @param kafka           bootstrap servers of a Kafka to use instead of the stack's own broker
 * @param databaseUrl     a {@code DATABASE_URL} to use instead of the embedded PostgreSQL
 * @param kafkaPort       port of the stack's own Kafka broker (0: any free port)
 * @param postgresPort    port of the embedded PostgreSQL (0: any free port)
 * @param ingestPort      port of the ingest service (0: any free port)
 * @param workerPort      port of the worker service (0: any free port)
 * @param services        the services started with the stack (others can be started later, e.g. by a benchmark)
 */
public record StackSettings(Path repository, Path home, boolean reset, Optional<String> kafka, Optional<String> databaseUrl,
        int kafkaPort, int postgresPort, int ingestPort, int workerPort, java.util.Set<Service> services) {

    /** Settings for a test: everything embedded, on free ports, under {@code home}, starting empty. */
    public static StackSettings forTest(Path repository, Path home) {
        return new StackSettings(repository, home, true, Optional.empty(), Optional.empty(), 0, 0, 0, 0,
                java.util.EnumSet.allOf(Service.class));
    }
}
