package io.wapipeline.ingest.config;

/** A required setting is absent; its message is the one line an operator needs. */
class MissingSettingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    MissingSettingException(String problem) {
        super(problem);
    }
}
