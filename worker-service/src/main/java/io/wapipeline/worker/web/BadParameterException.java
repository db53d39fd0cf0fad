package io.wapipeline.worker.api;

/** A query parameter the API cannot read; answered 400 with a reason that names it. */
final class BadParameterException extends RuntimeException {

    BadParameterException(String reason) {
        super(reason, null, false, false);
    }
}
