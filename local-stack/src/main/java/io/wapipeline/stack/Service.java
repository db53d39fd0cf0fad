package io.wapipeline.stack;

/** The pipeline's services a local stack can run, each from its module's jar. */
public enum Service {
    /**
     * A 256 MB heap with the parallel collector: about 20,000 signed webhooks a second on 2 cores, and a peak resident
     * memory that stays under the 512 MB container limit of docker-compose.yml through a Kafka outage and the burst
     * after it ({@code bench/run hostile}, docs/security.md).
     */
    INGEST("ingest", "ingest-service", "-XX:+UseParallelGC -Xmx256m", "--ingest-port"),
    /** A 512 MB heap: the worker's batches, its connection pool and streamed media downloads, under a 1 GB limit. */
    WORKER("worker", "worker-service", "-Xmx512m", "--worker-port");

    /** The variable the {@code java} launcher reads its options from, on a host and in the Docker image alike. */
    public static final String JAVA_OPTIONS_VARIABLE = "JDK_JAVA_OPTIONS";

    private final String label;
    private final String module;
    private final String defaultJavaOptions;
    private final String portOption;

    Service(String label, String module, String defaultJavaOptions, String portOption) {
        this.label = label;
        this.module = module;
        this.defaultJavaOptions = defaultJavaOptions;
        this.portOption = portOption;
    }

    /**
     * The JVM options the service runs with unless {@code JDK_JAVA_OPTIONS} is set (also what docs/operations.md
     * recommends for production).
     */
    public String defaultJavaOptions() {
        return defaultJavaOptions;
    }

    String label() {
        return label;
    }

    String module() {
        return module;
    }

    /** How a line about the service's port names it: {@code the ingest's}. */
    String whosePort() {
        return "the " + label + "'s";
    }

    /** {@code run-local}'s option that chooses the service's port. */
    String portOption() {
        return portOption;
    }
}
