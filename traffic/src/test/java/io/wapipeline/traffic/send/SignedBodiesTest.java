package io.wapipeline.traffic.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wapipeline.model.payload.ParsedWebhook;
import io.wapipeline.model.payload.WebhookParser;
import io.wapipeline.model.signature.SignatureCheck;
import io.wapipeline.model.signature.SignatureVerifier;
import io.wapipeline.traffic.compose.SignedBody;
import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.traffic.compose.Traffic;

/** {@link Simulation#bodies} hands out what a run would send, signed, for load generators that send by themselves. */
class SignedBodiesTest {

    @Test
    void bodiesAreSignedParseAndIncludeTheRedeliveries() {
        SimulationSettings settings = new SimulationSettings(URI.create("http://127.0.0.1:1/unused"), "bench-secret",
                Load.count(40), Traffic.of(Mix.MIXED).batched(3).withDuplicates(0.25).withSeed(11).withRunId("bodies"));

        List<SignedBody> bodies = new ArrayList<>();
        Simulation.bodies(settings).forEachRemaining(bodies::add);

        SignatureVerifier verifier = new SignatureVerifier(List.of("bench-secret"));
        assertThat(bodies.stream().filter(body -> !body.redelivery())).hasSize(40);
        assertThat(bodies.stream().filter(SignedBody::redelivery)).isNotEmpty();
        assertThat(bodies).allSatisfy(body -> {
            assertThat(verifier.verify(body.body(), body.signature())).isEqualTo(SignatureCheck.VALID);
            ParsedWebhook parsed = WebhookParser.parse(body.body());
            assertThat(parsed.messages()).hasSize(body.messages());
            assertThat(parsed.statuses()).hasSize(body.statuses());
            assertThat(body.messages() + body.statuses()).isEqualTo(3);
        });
    }
}
