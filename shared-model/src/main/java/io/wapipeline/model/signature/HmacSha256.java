package io.wapipeline.model.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** One app secret's keyed HMAC-SHA256, initialised once and cloned per use (a {@link Mac} is not thread-safe). */
final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final Mac prototype;

    HmacSha256(String secret) {
        try {
            prototype = Mac.getInstance(ALGORITHM);
            prototype.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    byte[] digest(byte[] body) {
        try {
            return ((Mac) prototype.clone()).doFinal(body);
        }
        catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's HmacSHA256 cannot be cloned", e);
        }
    }
}
