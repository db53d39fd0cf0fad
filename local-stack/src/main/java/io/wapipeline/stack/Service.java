package io.wapipeline.stack;

/** The pipeline's services a local stack can run, each from its module's jar. */
public enum Service {
    INGEST("ingest", "ingest-service"),
    WORKER("worker", "worker-service");

    private final String label;
    private final String module;

    Service(String label, String module) {
        this.label = label;
        this.module = module;
    }

    String label() {
        return label;
    }

    String module() {
        return module;
    }
}
