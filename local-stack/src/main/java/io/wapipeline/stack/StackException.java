package io.wapipeline.stack;

/** The stack cannot start, for a reason one line can say (a port in use, another stack running). */
public final class StackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StackException(String message) {
        super(message);
    }
}
