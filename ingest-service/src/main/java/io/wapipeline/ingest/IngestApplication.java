package io.wapipeline.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import io.wapipeline.service.problem.ProblemErrors;

/** The HTTP edge Meta posts WhatsApp webhooks to: verify, publish to Kafka, answer. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ProblemErrors.class)
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
