package io.wapipeline.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys tests give the worker and the tools, and signatures made with them the way Meta and {@code wa-ops} make
 * theirs ({@code sha256=} and the hex HMAC-SHA256 of the body). Computed here, not by the code under test, so a test
 * fails when the two disagree.
 */
public final class TestSignatures {

    /** The current app secret: the first of {@link #APP_SECRETS}. */
    public static final String APP_SECRET = "test-app-secret";

    /** A secret being rotated out, still in the list: the second of {@link #APP_SECRETS}. */
    public static final String PREVIOUS_APP_SECRET = "test-app-secret-previous";

    /** {@code WHATSAPP_APP_SECRET} for the services under test. */
    public static final String APP_SECRETS = APP_SECRET + "," + PREVIOUS_APP_SECRET;

    /** {@code WHATSAPP_INTERNAL_KEY} for the worker and the tools under test. */
    public static final String INTERNAL_KEY = "test-internal-key";

    private TestSignatures() {
    }

    /** Meta's {@code X-Hub-Signature-256} for the body under the current test app secret. */
    public static String sign(byte[] body) {
        return sign(APP_SECRET, body);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body under {@code secret}. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
