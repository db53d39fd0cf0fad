package io.wapipeline.model.payload;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.wapipeline.testsupport.WebhookMutations;

/**
 * Real webhooks, mutated: the parser either reads every item (keeping the ones it cannot read apart, with a reason)
 * or refuses the whole body as not a webhook. It never throws anything else. 500 tries here; more with
 * {@code -Djqwik.tries.default=N} (docs/reliability.md).
 */
class ParserFuzzTest {

    @Property
    void mutatedWebhooksAreReadItemByItemOrRefusedWhole(@ForAll("mutated") byte[] body) {
        ParsedWebhook parsed;
        try {
            parsed = WebhookParser.parse(body);
        }
        catch (NotAWebhookException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(parsed.messages()).allSatisfy(message -> {
            assertThat(message.messageId()).isNotBlank();
            assertThat(message.type()).isNotNull();
            assertThat(message.rawJson()).isNotNull();
        });
        assertThat(parsed.statuses()).allSatisfy(status -> {
            assertThat(status.messageId()).isNotBlank();
            assertThat(status.status()).isNotBlank();
        });
        assertThat(parsed.events()).allSatisfy(event -> {
            assertThat(event.kind()).isIn(EventReceived.CHANGE, EventReceived.ERROR, EventReceived.UNREADABLE);
            assertThat(event.reason() != null).isEqualTo(EventReceived.UNREADABLE.equals(event.kind()));
        });
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return WebhookMutations.ofConformanceCorpus();
    }
}
