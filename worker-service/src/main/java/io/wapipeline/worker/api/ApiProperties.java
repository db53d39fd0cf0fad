package io.wapipeline.worker.api;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The read API's settings ({@code whatsapp.api.*}), which the console's message pages follow too. {@link #toString()}
 * never shows the tokens.
 *
 * @param tokens         bearer tokens allowed to read {@code /api/**}; from {@code WHATSAPP_API_TOKENS}, comma-separated,
 *                       several at once so a token can be rotated
 * @param revokedContent what is shown of a message its sender deleted: {@code keep} (its content, marked deleted) or
 *                       {@code hide} (marked deleted, its content left out)
 */
@ConfigurationProperties("whatsapp.api")
record ApiProperties(List<String> tokens, @DefaultValue("keep") RevokedContent revokedContent) {

    ApiProperties {
        tokens = tokens == null ? List.of()
                : tokens.stream().map(String::strip).filter(token -> !token.isEmpty()).toList();
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException(
                    "whatsapp.api.tokens is empty: set WHATSAPP_API_TOKENS to one or more comma-separated bearer tokens");
        }
    }

    @Override
    public String toString() {
        return "ApiProperties[tokens=" + tokens.size() + " token(s), revokedContent=" + revokedContent + "]";
    }
}
