package io.wapipeline.stack;

/** The pipeline's services a local stack can run, each from its module's jar. */
public enum Service {
    /**
     * The JVM's defaults. Capped heaps trade throughput for memory; {@code bench/run memory} measures the profiles of
     * docs/operations.md, which an operator passes with {@code JDK_JAVA_OPTIONS}.
     */
    INGEST("ingest", "ingest-service"),
    WORKER("worker", "worker-service");

    private final String label;
    private final String module;
    private final java.util.List<String> jvmOptions;

    Service(String label, String module, String... jvmOptions) {
        this.label = label;
        this.module = module;
        this.jvmOptions = java.util.List.of(jvmOptions);
    }

    /** The JVM options the service is run with (also what the README recommends for production). */
    public java.util.List<String> jvmOptions() {
        return jvmOptions;
    }

    String label() {
        return label;
    }

    String module() {
        return module;
    }
}
