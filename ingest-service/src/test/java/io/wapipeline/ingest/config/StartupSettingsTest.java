package io.wapipeline.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.wapipeline.ingest.IngestApplication;
import io.wapipeline.service.settings.MissingSettingException;
import io.wapipeline.testsupport.TestKafka;

@ExtendWith(OutputCaptureExtension.class)
class StartupSettingsTest {

    @Test
    void missingAppSecretStopsStartUpNamingIt(CapturedOutput output) {
        Throwable failure = start("WHATSAPP_WEBHOOK_VERIFY_TOKEN=token");

        assertThat(rootMessage(failure)).startsWith("WHATSAPP_APP_SECRET is not set: set it in the environment or in .env");
        assertThat(output).contains("WHATSAPP_APP_SECRET is not set");
    }

    @Test
    void missingVerifyTokenStopsStartUpNamingIt() {
        Throwable failure = start("WHATSAPP_APP_SECRET=secret");

        assertThat(rootMessage(failure)).startsWith("WHATSAPP_WEBHOOK_VERIFY_TOKEN is not set");
    }

    @Test
    void knownMisspellingIsNamedWithTheRightSpelling() {
        Throwable failure = start("WHATSAPP_VERIFY_TOKEN=token", "FACEBOOK_APP_SECRET=secret");

        assertThat(rootMessage(failure)).isEqualTo(
                "WHATSAPP_WEBHOOK_VERIFY_TOKEN is not set, but WHATSAPP_VERIFY_TOKEN is: rename WHATSAPP_VERIFY_TOKEN to WHATSAPP_WEBHOOK_VERIFY_TOKEN");
    }

    @Test
    void aKafkaUserWithoutItsPasswordStopsStartUpNamingThePassword() {
        Throwable failure = start("WHATSAPP_WEBHOOK_VERIFY_TOKEN=token", "WHATSAPP_APP_SECRET=secret", "KAFKA_SASL_USERNAME=ingest");

        assertThat(rootMessage(failure)).isEqualTo("KAFKA_SASL_PASSWORD is not set, but KAFKA_SASL_USERNAME is: Kafka's SASL login needs both");
    }

    @Test
    void settingsAreReadFromADotEnvFile(@TempDir Path directory) throws Exception {
        Path dotEnv = directory.resolve(".env");
        Files.writeString(dotEnv, "WHATSAPP_WEBHOOK_VERIFY_TOKEN=from-dot-env\nWHATSAPP_APP_SECRET=a,b\n");

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class).properties(
                "KAFKA_BOOTSTRAP_SERVERS=" + TestKafka.bootstrapServers(), "PORT=0",
                "spring.config.import=optional:file:" + dotEnv + "[.properties]").run()) {
            IngestProperties properties = context.getBean(IngestProperties.class);

            assertThat(properties.verifyToken()).isEqualTo("from-dot-env");
            assertThat(properties.appSecrets()).containsExactly("a", "b");
        }
    }

    @Test
    void secretsAppearNeitherInLogsNorInActuatorOutput(CapturedOutput output) throws Exception {
        String secret = "s3cret-that-must-not-leak";
        String token = "verify-token-that-must-not-leak";
        try (ConfigurableApplicationContext context = application("WHATSAPP_WEBHOOK_VERIFY_TOKEN=" + token,
                "WHATSAPP_APP_SECRET=" + secret, "PORT=0", "logging.level.io.wapipeline=DEBUG",
                "logging.level.org.springframework.boot.context.config=TRACE").run()) {
            int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            var http = java.net.http.HttpClient.newHttpClient();
            List<String> bodies = new ArrayList<>();
            for (String path : List.of("/actuator/health", "/actuator/env", "/actuator/configprops", "/actuator/prometheus",
                    "/api/whatsapp/webhook?hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong")) {
                var response = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + path)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                bodies.add(path + " " + response.statusCode() + " " + response.body());
            }

            assertThat(bodies).anySatisfy(b -> assertThat(b).startsWith("/actuator/env 404"));
            assertThat(bodies).anySatisfy(b -> assertThat(b).startsWith("/actuator/configprops 404"));
            assertThat(bodies).allSatisfy(b -> assertThat(b).doesNotContain(secret).doesNotContain(token));
            assertThat(context.getBean(IngestProperties.class).toString()).doesNotContain(secret).doesNotContain(token);
        }
        assertThat(output.getAll()).doesNotContain(secret).doesNotContain(token);
    }

    private static Throwable start(String... properties) {
        return catchThrowable(() -> application(properties).run().close());
    }

    private static SpringApplicationBuilder application(String... properties) {
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("KAFKA_BOOTSTRAP_SERVERS=" + TestKafka.bootstrapServers());
        all.add("spring.config.import=optional:file:does-not-exist.env[.properties]");
        return new SpringApplicationBuilder(IngestApplication.class).properties(all.toArray(String[]::new));
    }

    private static String rootMessage(Throwable failure) {
        assertThat(failure).isNotNull();
        Throwable cause = failure;
        while (!(cause instanceof MissingSettingException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(MissingSettingException.class);
        return cause.getMessage();
    }
}
