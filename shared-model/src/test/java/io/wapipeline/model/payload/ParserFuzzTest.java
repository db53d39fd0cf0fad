package io.wapipeline.model.payload;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import io.wapipeline.testsupport.ConformanceCorpusHook;
import io.wapipeline.testsupport.WebhookMutations;

/**
 * Webhooks, mutated: the parser either reads every item (keeping the ones it cannot read apart, with a reason) or
 * refuses the whole body as not a webhook. It never throws anything else. The project's own fixtures on every clone,
 * the conformance corpus's real webhooks where it is found; 500 tries each here, more with
 * {@code -Djqwik.tries.default=N} (docs/reliability.md).
 */
class ParserFuzzTest {

    @Property
    void mutatedFixturesAreReadItemByItemOrRefusedWhole(@ForAll("mutatedFixtures") byte[] body) {
        readItemByItemOrRefusedWhole(body);
    }

    @Property
    @AddLifecycleHook(ConformanceCorpusHook.class)
    void mutatedCorpusWebhooksAreReadItemByItemOrRefusedWhole(@ForAll("mutatedCorpus") byte[] body) {
        readItemByItemOrRefusedWhole(body);
    }

    private static void readItemByItemOrRefusedWhole(byte[] body) {
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
    Arbitrary<byte[]> mutatedFixtures() {
        return WebhookMutations.ofFixtures();
    }

    @Provide
    Arbitrary<byte[]> mutatedCorpus() {
        return WebhookMutations.ofConformanceCorpus();
    }
}
