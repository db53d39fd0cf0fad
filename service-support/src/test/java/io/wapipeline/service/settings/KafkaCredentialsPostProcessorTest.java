package io.wapipeline.service.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The Kafka login of the environment reaches Boot's spring.kafka.properties, which every Kafka client of a service gets. */
class KafkaCredentialsPostProcessorTest {

    @Test
    void theLoginOfTheEnvironmentBecomesBootsKafkaClientProperties() {
        Map<String, String> properties = kafkaProperties(Map.of("KAFKA_SASL_USERNAME", "worker", "KAFKA_SASL_PASSWORD", "p4ss",
                "KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"));

        assertThat(properties).containsOnly(Map.entry("security.protocol", "SASL_PLAINTEXT"), Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"worker\" password=\"p4ss\";"));
    }

    @Test
    void anExplicitBootPropertyWinsOverTheVariables() {
        Map<String, String> properties = kafkaProperties(Map.of("KAFKA_SASL_USERNAME", "worker", "KAFKA_SASL_PASSWORD", "p4ss",
                "spring.kafka.properties.sasl.mechanism", "SCRAM-SHA-256"));

        assertThat(properties).containsEntry("sasl.mechanism", "SCRAM-SHA-256").containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void noVariableAddsNothing() {
        assertThat(kafkaProperties(Map.of())).isEmpty();
    }

    @Test
    void aHalfGivenLoginIsAMissingSetting() {
        assertThatThrownBy(() -> kafkaProperties(Map.of("KAFKA_SASL_PASSWORD", "p4ss"))).isInstanceOf(MissingSettingException.class)
                .hasMessage("KAFKA_SASL_USERNAME is not set, but KAFKA_SASL_PASSWORD is: Kafka's SASL login needs both");
    }

    private static Map<String, String> kafkaProperties(Map<String, Object> given) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", given));
        new KafkaCredentialsPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return Binder.get(environment).bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }
}
