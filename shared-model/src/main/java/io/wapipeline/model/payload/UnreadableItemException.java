package io.wapipeline.model.payload;

/** One item of a webhook holds a value no real webhook has; the item is kept apart, its neighbours are read. */
final class UnreadableItemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnreadableItemException(String reason) {
        super(reason, null, false, false);
    }
}
