package io.wapipeline.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.stackkit.MalformedRequest;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * The sign-in form is the worker's one body anyone can send: a request whose HTTP framing is broken is a counted 400
 * in the problem body (no stack trace, no server version), whether Tomcat refuses it before Spring runs or Spring
 * Security finds out while it reads the form.
 */
class MalformedSignInTest extends WorkerIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @ParameterizedTest
    @EnumSource(MalformedRequest.class)
    void malformedFramingIsAnswered400WithTheProblemBodyAndCounted(MalformedRequest request) {
        double before = malformed();

        MalformedRequest.Answer answer = request.send(port, "/console/login", "Content-Type: application/x-www-form-urlencoded");

        assertThat(answer.status()).as(answer.headers()).isEqualTo(400);
        assertThat(answer.headers()).containsIgnoringCase("Content-Type: application/problem+json")
                .doesNotContainIgnoringCase("Server:");
        assertThat(answer.body()).contains("\"status\":400").contains("\"title\":\"Bad Request\"")
                .contains("\"detail\":\"the request is not valid HTTP/1.1").doesNotContain("Exception").doesNotContain("Tomcat");
        assertThat(malformed()).isEqualTo(before + 1);
    }

    private double malformed() {
        return meters.find("http.requests.malformed").counters().stream().mapToDouble(Counter::count).sum();
    }
}
