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
 * @param serviceJvms     how the services' JVMs start
 */
public record StackSettings(Path repository, Path home, boolean reset, Optional<String> kafka, Optional<String> databaseUrl,
        int kafkaPort, int postgresPort, int ingestPort, int workerPort, java.util.Set<Service> services,
        ServiceJvms serviceJvms) {

    /** How the stack starts the services' JVMs. */
    public enum ServiceJvms {
        /** From the jars as built, with the services' own JVM options: as production runs them (tests, benchmarks). */
        AS_BUILT(""),
        /**
         * {@code ./run-local}'s: from the jars extracted under {@code <home>/cds}, with the class data archives that the
         * first start makes in the background once the stack is ready, and with the C1 compiler only: C2's compiler
         * threads took half of each service's start-up CPU on two cores, for a peak throughput that a developer's stack
         * does not need (the ingest's fell by about a third). docs/local-stack.md, "First and second start".
         */
        QUICK_START("-XX:TieredStopAtLevel=1");

        private final String extraJavaOptions;

        ServiceJvms(String extraJavaOptions) {
            this.extraJavaOptions = extraJavaOptions;
        }

        /** JVM options added to each service's own (Service#defaultJavaOptions) unless JDK_JAVA_OPTIONS is set. */
        public String extraJavaOptions() {
            return extraJavaOptions;
        }
    }

    /** The services' JVMs as built: what every caller but {@code ./run-local} wants. */
    public StackSettings(Path repository, Path home, boolean reset, Optional<String> kafka, Optional<String> databaseUrl,
            int kafkaPort, int postgresPort, int ingestPort, int workerPort, java.util.Set<Service> services) {
        this(repository, home, reset, kafka, databaseUrl, kafkaPort, postgresPort, ingestPort, workerPort, services,
                ServiceJvms.AS_BUILT);
    }

    /** The same settings with the services' JVMs started this way. */
    public StackSettings with(ServiceJvms jvms) {
        return new StackSettings(repository, home, reset, kafka, databaseUrl, kafkaPort, postgresPort, ingestPort, workerPort,
                services, jvms);
    }

    /** Settings for a test: everything embedded, on free ports, under {@code home}, starting empty. */
    public static StackSettings forTest(Path repository, Path home) {
        return new StackSettings(repository, home, true, Optional.empty(), Optional.empty(), 0, 0, 0, 0,
                java.util.EnumSet.allOf(Service.class));
    }
}
