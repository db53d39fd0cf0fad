package io.wapipeline.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import io.wapipeline.service.settings.MissingSettingException;
import io.wapipeline.testsupport.TestKafka;
import io.wapipeline.worker.WorkerApplication;

class WorkerStartupTest {

    @Test
    void missingDatabaseUrlStopsStartUpNamingIt() {
        assertThat(startupFailure("--WHATSAPP_API_TOKENS=t")).startsWith("DATABASE_URL is not set: set it in the environment or in .env");
    }

    @Test
    void missingApiTokensStopStartUpNamingThem() {
        assertThat(startupFailure("--DATABASE_URL=postgres://u:p@localhost:1/db")).startsWith("WHATSAPP_API_TOKENS is not set");
    }

    @Test
    void missingAccessTokenStopsStartUpNamingIt() {
        assertThat(startupFailure("--DATABASE_URL=postgres://u:p@localhost:1/db", "--WHATSAPP_API_TOKENS=t"))
                .startsWith("WHATSAPP_ACCESS_TOKEN is not set");
    }

    @Test
    void misspeltDatabaseUrlIsPointedOut() {
        assertThat(startupFailure("--DB_URL=postgres://u:p@localhost:1/db", "--WHATSAPP_API_TOKENS=t"))
                .isEqualTo("DATABASE_URL is not set, but DB_URL is: rename DB_URL to DATABASE_URL");
    }

    private static String startupFailure(String... arguments) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of(arguments), java.util.stream.Stream.of(
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--server.port=0",
                "--spring.config.import=optional:file:does-not-exist.env[.properties]")).toArray(String[]::new);
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(WorkerApplication.class).run(all).close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof MissingSettingException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("start-up failure caused by a missing setting, got %s", failure).isNotNull();
        return cause.getMessage();
    }
}
