package io.wapipeline.ops.doctor;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.errors.AuthenticationException;

import io.wapipeline.model.settings.KafkaCredentials;
import io.wapipeline.ops.Environment;
import io.wapipeline.ops.Failures;

/**
 * Kafka takes the login of {@code KAFKA_SASL_*}: says which variable is missing, or that the brokers refused the user
 * (a wrong password, an unknown user, another mechanism), before the checks that need it.
 */
final class KafkaLoginCheck implements Check {

    private static final String LOCAL_STACK = "for the local stack: set -a; . .local/stack.env; set +a";

    private final Environment environment;
    private final KafkaAdmin kafka;

    KafkaLoginCheck(Environment environment, KafkaAdmin kafka) {
        this.environment = environment;
        this.kafka = kafka;
    }

    @Override
    public String name() {
        return "Kafka credentials";
    }

    @Override
    public Result run() {
        KafkaCredentials credentials;
        try {
            credentials = KafkaCredentials.from(environment);
        }
        catch (IllegalArgumentException wrong) {
            return Result.fail(wrong.getMessage(), "give the login the service you check has (docs/configuration.md, "
                    + "\"Kafka credentials\"); " + LOCAL_STACK);
        }
        try {
            kafka.admin().describeCluster().clusterId().get(10, TimeUnit.SECONDS);
            return Result.pass(kafka.target().describe() + (credentials.username().isEmpty() ? " (no login set, and none asked for)" : ""));
        }
        catch (Exception failure) {
            return judge(credentials, failure);
        }
    }

    private Result judge(KafkaCredentials credentials, Exception failure) {
        String seen = kafka.target().describe() + ": " + Failures.rootMessage(failure);
        if (isRefusal(failure)) {
            return Result.fail("refused " + seen, "check " + KafkaCredentials.PASSWORD + " (and " + KafkaCredentials.MECHANISM
                    + ") against the user the brokers know; " + LOCAL_STACK);
        }
        if (credentials.username().isEmpty()) {
            return Result.fail("no answer from " + seen, "Kafka down, or it asks for a login and none is set: set "
                    + KafkaCredentials.USERNAME + " and " + KafkaCredentials.PASSWORD + " (" + LOCAL_STACK + ")");
        }
        return Result.fail("no answer from " + seen, "start Kafka, or set KAFKA_BOOTSTRAP_SERVERS and "
                + KafkaCredentials.PROTOCOL + " to what the brokers' listener expects");
    }

    private static boolean isRefusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException) {
                return true;
            }
        }
        return false;
    }
}
