package io.wapipeline.model.payload;

/** The payload can never be processed: it is not JSON, or not a WhatsApp webhook. Its message is the reason. */
public class NotAWebhookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotAWebhookException(String reason) {
        super(reason);
    }

    public NotAWebhookException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
