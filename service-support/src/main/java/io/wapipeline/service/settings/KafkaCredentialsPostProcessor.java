package io.wapipeline.service.settings;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import io.wapipeline.model.settings.KafkaCredentials;

/**
 * Gives every Kafka client of the service (producer, consumers, admin) the login of {@code KAFKA_SASL_*} and the
 * trust of {@code KAFKA_SSL_TRUSTSTORE_LOCATION}, as Boot's {@code spring.kafka.properties.*}. It is the last source,
 * so an explicit {@code spring.kafka.properties.*} (another mechanism, say) wins; a half-given login stops start-up
 * with one line that names the variable.
 */
public class KafkaCredentialsPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        KafkaCredentials credentials;
        try {
            credentials = KafkaCredentials.from(environment::getProperty);
        }
        catch (IllegalArgumentException wrong) {
            throw new MissingSettingException(wrong.getMessage());
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        credentials.clientProperties().forEach((name, value) -> properties.put("spring.kafka.properties." + name, value));
        if (!properties.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource("kafkaCredentials", properties));
        }
    }
}
