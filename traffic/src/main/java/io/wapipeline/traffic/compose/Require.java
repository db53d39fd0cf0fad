package io.wapipeline.traffic.compose;

/** Checks settings the same way for the command line and for code: an {@link IllegalArgumentException} naming the option. */
public final class Require {

    private Require() {
    }

    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
