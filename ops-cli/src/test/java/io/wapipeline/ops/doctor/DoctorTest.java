package io.wapipeline.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import io.wapipeline.model.settings.KafkaCredentials;
import io.wapipeline.ops.TestStack;
import io.wapipeline.ops.TestStack.Run;
import io.wapipeline.testsupport.TestKafka;

class DoctorTest {

    @Test
    void passesOnAHealthyLocalStack() {
        TestStack.get();

        Run run = TestStack.wa("doctor");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("✓ required settings: 5 variables set, no misspellings",
                "✓ database reachable, migrations current: PostgreSQL", "(current)",
                "✓ Kafka credentials: " + TestStack.get().kafkaBootstrapServers() + " as user wa-ops (PLAIN over SASL_PLAINTEXT)",
                "✓ Kafka reachable, topics present:", "✓ worker consumer lag: group whatsapp-worker: 2 consumer(s)",
                "✓ webhook URL answers the handshake: 200 with the challenge echoed",
                "✓ signed test POST accepted: 200", "✓ Graph API token accepted: 200", "All checks passed.")
                .doesNotContain("✗");
    }

    @Test
    void aWrongKafkaPasswordIsNamedAsRefusedWithTheUser() {
        Run run = TestStack.wa(settings -> settings.put("KAFKA_SASL_PASSWORD", "not-the-password"), "doctor");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("✗ Kafka credentials: refused " + TestStack.get().kafkaBootstrapServers()
                + " as user wa-ops (PLAIN over SASL_PLAINTEXT): SaslAuthenticationException",
                "fix: check KAFKA_SASL_PASSWORD (and KAFKA_SASL_MECHANISM) against the user the brokers know")
                .doesNotContain("not-the-password");
    }

    @Test
    void aMissingKafkaPasswordIsNamed() {
        Run run = TestStack.wa(settings -> settings.remove("KAFKA_SASL_PASSWORD"), "doctor");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("✗ Kafka credentials: KAFKA_SASL_PASSWORD is not set, but KAFKA_SASL_USERNAME is");
    }

    @Test
    void wrongVerifyTokenNamesTheTokenToAlign() {
        Run run = TestStack.wa(settings -> settings.put("WHATSAPP_WEBHOOK_VERIFY_TOKEN", "not-the-ingest-token"), "doctor");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("✗ webhook URL answers the handshake: 403: the ingest refused the verify token",
                "fix: WHATSAPP_WEBHOOK_VERIFY_TOKEN here differs from the ingest's", "1 check(s) failed.");
    }

    @Test
    void wrongAppSecretAndWrongGraphTokenAreNamed() {
        Run run = TestStack.wa(settings -> {
            settings.put("WHATSAPP_APP_SECRET", "another-apps-secret");
            settings.put("WHATSAPP_ACCESS_TOKEN", "expired-token");
        }, "doctor");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("✗ signed test POST accepted: 403", "fix: the ingest computes another signature",
                "✗ Graph API token accepted: 401", "fix: create a new system user token", "2 check(s) failed.");
    }

    @Test
    void missingAndMisspeltVariablesAreNamed() {
        Run run = TestStack.wa(settings -> {
            settings.put("FACEBOOK_APP_SECRET", settings.remove("WHATSAPP_APP_SECRET"));
            settings.remove("WHATSAPP_API_TOKENS");
        }, "doctor");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("✗ required settings: 2 problem(s)", "✗ signed test POST accepted: WHATSAPP_APP_SECRET is not set here",
                "fix: WHATSAPP_APP_SECRET is not set, but FACEBOOK_APP_SECRET is: rename FACEBOOK_APP_SECRET to WHATSAPP_APP_SECRET",
                "fix: WHATSAPP_API_TOKENS is not set: set it in the environment or in .env");
    }

    @Test
    void databaseDownNamesHostAndPort() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "postgres://postgres:postgres@127.0.0.1:" + closedPort + "/whatsapp";

        Run run = TestStack.wa(settings -> settings.put("DATABASE_URL", url), "doctor");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("✗ database reachable, migrations current: Connection to 127.0.0.1:" + closedPort + " refused",
                "fix: nothing answers at DATABASE_URL's host and port: start PostgreSQL");
    }

    @Test
    void aMissingOrRefusedDatabasePasswordIsNamed() {
        String url = TestStack.settings().get("DATABASE_URL");
        String withoutPassword = url.replaceFirst(":[^:@/]*@", "@");
        String wrongPassword = url.replaceFirst(":[^:@/]*@", ":wrong@");

        Run missing = TestStack.wa(settings -> settings.put("DATABASE_URL", withoutPassword), "doctor");
        Run refused = TestStack.wa(settings -> settings.put("DATABASE_URL", wrongPassword), "doctor");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).contains("✗ database reachable, migrations current:",
                "fix: PostgreSQL asks for a password and DATABASE_URL gives none");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).contains("password authentication failed for user \"whatsapp_app\"",
                "fix: PostgreSQL refused the user or password in DATABASE_URL").doesNotContain(":wrong@");
    }

    @Test
    void missingTopicsAreNamedWithTheCommandThatCreatesThem() {
        String emptyBroker = TestKafka.bootstrapServers();

        Run run = TestStack.wa(settings -> {
            settings.put("KAFKA_BOOTSTRAP_SERVERS", emptyBroker);
            // The test broker asks for no login.
            KafkaCredentials.VARIABLES.forEach(settings::remove);
        }, "doctor");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("✗ Kafka reachable, topics present: whatsapp.webhooks.raw is missing; "
                + "whatsapp.webhooks.raw-dlt is missing; whatsapp.webhooks.reprocess is missing",
                "fix: start the ingest and worker once: they create their topics (12 partitions, max.message.bytes=5242880); "
                        + "then check with wa-ops kafka topics");
    }
}
