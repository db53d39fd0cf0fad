package io.wapipeline.model.signature;

import java.util.HexFormat;

/** Signs a body as Meta does: {@code sha256=} followed by 64 lower-case hex digits. */
public final class WebhookSigner {

    public static final String PREFIX = "sha256=";

    private final HmacSha256 hmac;

    public WebhookSigner(String appSecret) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("the app secret must not be empty");
        }
        this.hmac = new HmacSha256(appSecret);
    }

    /** The {@code X-Hub-Signature-256} header value for these exact bytes. */
    public String sign(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac.digest(body));
    }
}
