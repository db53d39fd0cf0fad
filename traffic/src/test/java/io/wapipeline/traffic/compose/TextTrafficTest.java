package io.wapipeline.traffic.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.traffic.compose.Traffic;
import io.wapipeline.traffic.send.Load;
import io.wapipeline.traffic.send.Simulation;
import io.wapipeline.traffic.send.SimulationSettings;
import io.wapipeline.traffic.testkit.WebhookReceiver;

/** The benchmark's body: one inbound text message of about 1.5 KB, escaped as Meta escapes it. */
class TextTrafficTest {

    private static final String SECRET = "text-test-secret";

    /** 5,000 bodies measured: 1,436 to 1,757 bytes, 1,507 on average. */
    @Test
    void everyBodyIsOneTextMessageOfAboutOneAndAHalfKilobytes() throws IOException {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            Simulation.run(new SimulationSettings(receiver.url(), SECRET, Load.count(40), Traffic.of(Mix.TEXT).withSeed(9)));

            assertThat(receiver.received()).hasSize(40).allSatisfy(post -> {
                assertThat(post.body().length).isBetween(1_350, 1_800);
                assertThat(post.parsed().messages()).singleElement().satisfies(TextTrafficTest::isLongText);
                assertThat(post.parsed().statuses()).isEmpty();
            });
        }
    }

    @Test
    void bodiesArePrintableAsciiWithLowerCaseUnicodeEscapes() throws IOException {
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET)) {
            Simulation.run(new SimulationSettings(receiver.url(), SECRET, Load.count(20), Traffic.of(Mix.TEXT).withSeed(9)));

            assertThat(receiver.received()).allSatisfy(post -> assertThat(post.text())
                    .matches("[\\x20-\\x7e]+")
                    .containsPattern("\\\\u[0-9a-f]{4}")
                    .doesNotContainPattern("\\\\u[0-9a-f]{0,3}[A-F]"));
            assertThat(receiver.received()).anySatisfy(post -> assertThat(post.text()).contains("\\/"));
        }
    }

    private static void isLongText(MessageReceived message) {
        assertThat(message.type()).isEqualTo("text");
        assertThat(message.textBody()).hasSizeGreaterThan(300).matches("(?s).*[^\\x00-\\x7f].*");
    }
}
