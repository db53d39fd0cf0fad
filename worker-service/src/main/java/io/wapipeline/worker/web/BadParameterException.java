package io.wapipeline.worker.web;

/** A query parameter the API cannot read; answered 400 with a reason that names it. */
public final class BadParameterException extends RuntimeException {

    public BadParameterException(String reason) {
        super(reason, null, false, false);
    }
}
