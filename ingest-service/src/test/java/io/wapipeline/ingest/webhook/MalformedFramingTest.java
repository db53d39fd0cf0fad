package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.ingest.IngestIntegrationTest;
import io.wapipeline.testsupport.MalformedRequest;

/**
 * A request whose HTTP framing is broken is the client's error: 400 in the service's problem body (no stack trace, no
 * server version), counted by what was wrong, whether Tomcat refuses it before the webhook servlet runs or the servlet
 * finds out while it reads the body.
 */
class MalformedFramingTest extends IngestIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @ParameterizedTest
    @EnumSource(MalformedRequest.class)
    void malformedFramingIsAnswered400WithTheProblemBodyAndCounted(MalformedRequest request) {
        double before = malformed();

        MalformedRequest.Answer answer = request.send(port, "/api/whatsapp/webhook/", "Content-Type: application/json",
                "X-Hub-Signature-256: sha256=" + "0".repeat(64));

        assertThat(answer.status()).as(answer.headers()).isEqualTo(400);
        assertThat(answer.headers()).containsIgnoringCase("Content-Type: application/problem+json")
                .doesNotContainIgnoringCase("Server:");
        assertThat(answer.body()).contains("\"status\":400").contains("\"title\":\"Bad Request\"").contains("\"detail\":")
                .doesNotContain("Exception").doesNotContain("Tomcat").doesNotContain("at org.");
        assertThat(malformed()).isEqualTo(before + 1);
    }

    private double malformed() {
        return meters.find("http.requests.malformed").counters().stream().mapToDouble(Counter::count).sum();
    }
}
