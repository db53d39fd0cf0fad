package io.wapipeline.model.signature;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks {@code X-Hub-Signature-256} against the raw body under every configured app secret, so secrets can
 * be rotated without a window of rejected webhooks. Digests are compared in constant time, and every secret
 * is tried even after a match, so timing tells nothing about which secret matched.
 */
public final class SignatureVerifier {

    private static final int DIGEST_HEX_LENGTH = 64;

    private final List<HmacSha256> secrets;

    public SignatureVerifier(List<String> appSecrets) {
        if (appSecrets.isEmpty() || appSecrets.stream().anyMatch(s -> s == null || s.isEmpty())) {
            throw new IllegalArgumentException("at least one app secret is needed, and none may be empty");
        }
        this.secrets = appSecrets.stream().map(HmacSha256::new).toList();
    }

    /** Checks the header as received against the body as received. */
    public SignatureCheck verify(byte[] body, String header) {
        return match(body, header).check();
    }

    /**
     * Checks the header as received against the body as received, and tells which secret matched: its position in the
     * list, counted from 1 (the first when several do). Every secret is tried whatever the outcome.
     */
    public SignatureMatch match(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return SignatureMatch.refused(SignatureCheck.MISSING);
        }
        byte[] claimed = parse(header.strip());
        if (claimed == null) {
            return SignatureMatch.refused(SignatureCheck.MALFORMED);
        }
        int position = 0;
        for (int i = 0; i < secrets.size(); i++) {
            boolean equal = MessageDigest.isEqual(secrets.get(i).digest(body), claimed);
            if (equal && position == 0) {
                position = i + 1;
            }
        }
        return position == 0 ? SignatureMatch.refused(SignatureCheck.MISMATCH) : new SignatureMatch(SignatureCheck.VALID, position);
    }

    /** The claimed digest, or null when the header is not {@code sha256=<64 hex>} (hex case is not significant). */
    private static byte[] parse(String header) {
        if (!header.startsWith(WebhookSigner.PREFIX)
                || header.length() != WebhookSigner.PREFIX.length() + DIGEST_HEX_LENGTH) {
            return null;
        }
        String hex = header.substring(WebhookSigner.PREFIX.length());
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return null;
            }
        }
        return HexFormat.of().parseHex(hex);
    }
}
