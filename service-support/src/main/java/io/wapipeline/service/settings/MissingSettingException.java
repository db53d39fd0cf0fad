package io.wapipeline.service.settings;

/** A required setting is absent; its message is the one line an operator needs. */
public class MissingSettingException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MissingSettingException(String problem) {
        super(problem);
    }
}
