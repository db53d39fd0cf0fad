package io.wapipeline.model.signature;

/**
 * The outcome of checking a signature, and on success which secret of the configured list produced it.
 *
 * @param check  valid, or why not
 * @param secret the matching secret's position in the list, counted from 1; 0 when none matched
 */
public record SignatureMatch(SignatureCheck check, int secret) {

    static SignatureMatch refused(SignatureCheck check) {
        return new SignatureMatch(check, 0);
    }

    public boolean valid() {
        return check == SignatureCheck.VALID;
    }
}
