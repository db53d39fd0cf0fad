package io.wapipeline.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.wapipeline.service.problem.ProblemErrors;

/** Consumes raw webhooks from Kafka into PostgreSQL, downloads media, and serves the read API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(ProblemErrors.class)
@EnableScheduling
public class WorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerApplication.class, args);
    }
}
