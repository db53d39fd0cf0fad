package io.wapipeline.stack;

/** The pipeline's services a local stack can run, each from its module's jar. */
public enum Service {
    /**
     * The JVM's defaults. A capped heap was tried for the 300 MB memory target (-Xmx192m with the serial collector):
     * resident memory stayed above 400 MB and latency suffered; see docs/benchmarks.md.
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
