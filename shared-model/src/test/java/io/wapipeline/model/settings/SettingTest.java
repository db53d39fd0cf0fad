package io.wapipeline.model.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;


class SettingTest {

    @Test
    void setVariableHasNoProblem() {
        Map<String, String> env = Map.of("WHATSAPP_APP_SECRET", "s3cret");

        assertThat(Setting.APP_SECRET.problemWhenRequired(env::get)).isEmpty();
    }

    @Test
    void missingVariableIsNamedWithWhatToSet() {
        assertThat(Setting.APP_SECRET.problemWhenRequired(Map.<String, String>of()::get)).hasValueSatisfying(line ->
                assertThat(line).startsWith("WHATSAPP_APP_SECRET is not set: set it in the environment or in .env"));
    }

    @Test
    void knownMisspellingIsPointedOutByName() {
        Map<String, String> env = Map.of("FACEBOOK_APP_SECRET", "s3cret", "WHATSAPP_VERIFY_TOKEN", "tok");

        assertThat(Setting.APP_SECRET.problemWhenRequired(env::get))
                .contains("WHATSAPP_APP_SECRET is not set, but FACEBOOK_APP_SECRET is: rename FACEBOOK_APP_SECRET to WHATSAPP_APP_SECRET");
        assertThat(Setting.VERIFY_TOKEN.problemWhenRequired(env::get))
                .contains("WHATSAPP_WEBHOOK_VERIFY_TOKEN is not set, but WHATSAPP_VERIFY_TOKEN is: rename WHATSAPP_VERIFY_TOKEN to WHATSAPP_WEBHOOK_VERIFY_TOKEN");
    }

    @Test
    void blankValueCountsAsMissing() {
        Map<String, String> env = Map.of("WHATSAPP_APP_SECRET", "  ");

        assertThat(Setting.APP_SECRET.problemWhenRequired(env::get)).isPresent();
    }

    @Test
    void misspellingBesideTheRightNameIsReportedAsIgnored() {
        Map<String, String> env = Map.of("WHATSAPP_APP_SECRET", "a", "FACEBOOK_APP_SECRET", "b");

        assertThat(Setting.APP_SECRET.ignoredMisspelling(env::get)).contains("FACEBOOK_APP_SECRET");
        assertThat(Setting.VERIFY_TOKEN.ignoredMisspelling(env::get)).isEmpty();
    }
}
