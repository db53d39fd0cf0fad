package io.wapipeline.worker.store;

/**
 * A contact filed from now on under another key, in one business account: merged into another contact, or given a
 * smaller id of its own. {@code toKind} is the kind of id the new key is.
 */
public record KeyChange(String scope, String from, String to, String toKind) {
}
