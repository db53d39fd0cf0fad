package io.wapipeline.model.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final String SECRET = "app-secret-1";

    /** As Meta sends it: non-ASCII escaped as \\uXXXX (an emoji as a surrogate pair), slashes as \/, and an @. */
    private static final byte[] ESCAPED_BODY = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":"
            + "[{\"value\":{\"messages\":[{\"text\":{\"body\":\"Ol\\u00e1 \\ud83d\\ude00 https:\\/\\/x.example\\/a"
            + " mail@example.com\"}}]}}]}]}").getBytes(StandardCharsets.US_ASCII);

    private final SignatureVerifier verifier = new SignatureVerifier(List.of(SECRET));

    @Test
    void signatureOverEscapedBytesIsValid() {
        String header = new WebhookSigner(SECRET).sign(ESCAPED_BODY);

        assertThat(verifier.verify(ESCAPED_BODY, header)).isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void aMatchNamesTheSecretByItsPositionInTheList() {
        SignatureVerifier rotating = new SignatureVerifier(List.of("new-secret", "old-secret"));

        assertThat(rotating.match(ESCAPED_BODY, new WebhookSigner("new-secret").sign(ESCAPED_BODY)))
                .isEqualTo(new SignatureMatch(SignatureCheck.VALID, 1));
        assertThat(rotating.match(ESCAPED_BODY, new WebhookSigner("old-secret").sign(ESCAPED_BODY)))
                .isEqualTo(new SignatureMatch(SignatureCheck.VALID, 2));
        assertThat(rotating.match(ESCAPED_BODY, new WebhookSigner("retired-secret").sign(ESCAPED_BODY)))
                .isEqualTo(new SignatureMatch(SignatureCheck.MISMATCH, 0));
        assertThat(rotating.match(ESCAPED_BODY, null)).isEqualTo(new SignatureMatch(SignatureCheck.MISSING, 0));
    }

    @Test
    void signerMatchesAKnownHmacVector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        String header = new WebhookSigner("Jefe").sign("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));

        assertThat(header).isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void unescapedFormOfTheSameTextDoesNotVerify() {
        String header = new WebhookSigner(SECRET).sign(ESCAPED_BODY);
        byte[] reserialised = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":"
                + "[{\"value\":{\"messages\":[{\"text\":{\"body\":\"Olá 😀 https://x.example/a"
                + " mail@example.com\"}}]}}]}]}").getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(reserialised, header)).isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void upperCaseHexIsTheSameDigest() {
        String header = new WebhookSigner(SECRET).sign(ESCAPED_BODY);
        String upper = "sha256=" + header.substring(7).toUpperCase(Locale.ROOT);

        assertThat(verifier.verify(ESCAPED_BODY, upper)).isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void headerWithoutPrefixIsMalformed() {
        String header = new WebhookSigner(SECRET).sign(ESCAPED_BODY);

        assertThat(verifier.verify(ESCAPED_BODY, header.substring(7))).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(verifier.verify(ESCAPED_BODY, "sha1=" + header.substring(7))).isEqualTo(SignatureCheck.MALFORMED);
    }

    @Test
    void wrongLengthOrNonHexIsMalformed() {
        String header = new WebhookSigner(SECRET).sign(ESCAPED_BODY);

        assertThat(verifier.verify(ESCAPED_BODY, header.substring(0, header.length() - 2))).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(verifier.verify(ESCAPED_BODY, header + "00")).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(verifier.verify(ESCAPED_BODY, "sha256=" + "zz".repeat(32))).isEqualTo(SignatureCheck.MALFORMED);
    }

    @Test
    void emptyOrAbsentHeaderIsMissing() {
        assertThat(verifier.verify(ESCAPED_BODY, null)).isEqualTo(SignatureCheck.MISSING);
        assertThat(verifier.verify(ESCAPED_BODY, "")).isEqualTo(SignatureCheck.MISSING);
        assertThat(verifier.verify(ESCAPED_BODY, "   ")).isEqualTo(SignatureCheck.MISSING);
    }

    @Test
    void otherSecretOrChangedBodyIsAMismatch() {
        String header = new WebhookSigner("another-secret").sign(ESCAPED_BODY);
        byte[] changed = ESCAPED_BODY.clone();
        changed[changed.length - 3] = 'X';

        assertThat(verifier.verify(ESCAPED_BODY, header)).isEqualTo(SignatureCheck.MISMATCH);
        assertThat(verifier.verify(changed, new WebhookSigner(SECRET).sign(ESCAPED_BODY))).isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void everyConfiguredSecretIsAcceptedDuringRotation() {
        SignatureVerifier rotating = new SignatureVerifier(List.of("old-secret", "new-secret"));

        assertThat(rotating.verify(ESCAPED_BODY, new WebhookSigner("old-secret").sign(ESCAPED_BODY))).isEqualTo(SignatureCheck.VALID);
        assertThat(rotating.verify(ESCAPED_BODY, new WebhookSigner("new-secret").sign(ESCAPED_BODY))).isEqualTo(SignatureCheck.VALID);
        assertThat(rotating.verify(ESCAPED_BODY, new WebhookSigner("retired").sign(ESCAPED_BODY))).isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void emptySecretsAreRefused() {
        assertThatThrownBy(() -> new SignatureVerifier(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignatureVerifier(List.of("ok", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSigner("")).isInstanceOf(IllegalArgumentException.class);
    }
}
