package io.wapipeline.stackkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/** docker-compose.yml's broker is the Kafka release this code is built with, so a compose run tests what ships. */
class ComposeKafkaReleaseTest {

    private static final Pattern KAFKA_IMAGE = Pattern.compile("^\\s*image: apache/kafka:(\\S+)\\s*$", Pattern.MULTILINE);

    @Test
    void composeRunsTheKafkaReleaseOfTheClientsAndOfTheLocalBroker() throws Exception {
        Matcher image = KAFKA_IMAGE.matcher(Files.readString(Path.of("../docker-compose.yml")));

        assertThat(image.find()).as("docker-compose.yml runs apache/kafka").isTrue();
        assertThat(image.group(1)).as("apache/kafka's tag in docker-compose.yml").isEqualTo(AppInfoParser.getVersion());
    }
}
