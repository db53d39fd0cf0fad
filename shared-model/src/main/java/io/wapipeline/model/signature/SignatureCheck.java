package io.wapipeline.model.signature;

/** The outcome of checking one request's {@code X-Hub-Signature-256}. */
public enum SignatureCheck {
    /** The header matches the body under one of the configured secrets. */
    VALID,
    /** No header, or an empty one. */
    MISSING,
    /** Not {@code sha256=} followed by 64 hex digits. */
    MALFORMED,
    /** Well formed, but no configured secret produces it. */
    MISMATCH
}
