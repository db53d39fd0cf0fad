package io.wapipeline.ops.simulate;

/** Checks settings the same way for the command line and for code: an {@link IllegalArgumentException} naming the option. */
final class Require {

    private Require() {
    }

    static void that(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
