package io.wapipeline.ops;

/** Failures told in one line: the deepest cause is usually the one that says what is wrong. */
public final class Failures {

    private Failures() {
    }

    public static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
