package io.wapipeline.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.stereotype.Component;

import io.wapipeline.ingest.config.IngestProperties;

/** The verify token of Meta's GET handshake, compared in constant time. */
@Component
class VerifyToken {

    private final byte[] expected;

    VerifyToken(IngestProperties properties) {
        this.expected = properties.verifyToken().getBytes(StandardCharsets.UTF_8);
    }

    boolean matches(String presented) {
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }
}
