package io.wapipeline.model.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaCredentialsTest {

    @Test
    void noVariableMeansAPlainConnectionWithNoExtraProperties() {
        KafkaCredentials none = KafkaCredentials.from(Map.<String, String>of()::get);

        assertThat(none.clientProperties()).isEmpty();
        assertThat(none.describe()).isEqualTo("no credentials (PLAINTEXT)");
    }

    @Test
    void aUserAndPasswordLogInWithScramOverTlsUnlessToldOtherwise() {
        KafkaCredentials ingest = KafkaCredentials.from(Map.of("KAFKA_SASL_USERNAME", "ingest", "KAFKA_SASL_PASSWORD", "pa\"ss\\word",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka-ca/ca.crt")::get);

        assertThat(ingest.clientProperties()).containsExactly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"ingest\" password=\"pa\\\"ss\\\\word\";"),
                Map.entry("ssl.truststore.location", "/etc/kafka-ca/ca.crt"),
                Map.entry("ssl.truststore.type", "PEM"));
        assertThat(ingest.toString()).isEqualTo("KafkaCredentials[user ingest (SCRAM-SHA-512 over SASL_SSL)]").doesNotContain("word");
    }

    @Test
    void plainOverLoopbackIsWhatTheLocalStackGivesItsServices() {
        Map<String, String> properties = KafkaCredentials.from(Map.of("KAFKA_SECURITY_PROTOCOL", "sasl_plaintext",
                "KAFKA_SASL_MECHANISM", "plain", "KAFKA_SASL_USERNAME", "worker", "KAFKA_SASL_PASSWORD", "p")::get).clientProperties();

        assertThat(properties).isEqualTo(KafkaCredentials.plainOverLoopback("worker", "p").clientProperties());
        assertThat(properties.get("sasl.jaas.config"))
                .isEqualTo("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"worker\" password=\"p\";");
    }

    @Test
    void aHalfGivenLoginNamesTheMissingVariable() {
        assertThatThrownBy(() -> KafkaCredentials.from(Map.of("KAFKA_SASL_USERNAME", "ingest")::get))
                .hasMessage("KAFKA_SASL_PASSWORD is not set, but KAFKA_SASL_USERNAME is: Kafka's SASL login needs both");
        assertThatThrownBy(() -> KafkaCredentials.from(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")::get))
                .hasMessage("KAFKA_SECURITY_PROTOCOL=SASL_SSL needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD");
        assertThatThrownBy(() -> KafkaCredentials.from(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD", "p")::get)).hasMessageStartingWith("KAFKA_SASL_USERNAME is set, but KAFKA_SECURITY_PROTOCOL=SSL");
        assertThatThrownBy(() -> KafkaCredentials.from(Map.of("KAFKA_SASL_MECHANISM", "GSSAPI", "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD", "p")::get)).hasMessage("KAFKA_SASL_MECHANISM must be SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN, not GSSAPI");
    }
}
