package io.wapipeline.worker.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.wapipeline.worker.config.WorkerProperties;
import io.wapipeline.model.GroupLag;
import io.wapipeline.worker.webhook.LagGauges;

/**
 * What the console's pipeline page shows: the health of this worker (and of the ingest, when
 * {@code whatsapp.console.ingest-health-url} names it), the workers' lag per partition of the raw topic, and messages
 * stored and statuses received per minute. Every call to Kafka or the ingest is bounded (3 s), so the page answers
 * whatever is down, and says so.
 */
@Component
class PipelineStatus {

    /** One component's health. */
    record Health(String name, String status) {
    }

    /** Messages and statuses of one minute. */
    record Minute(Instant at, long messages, long statuses) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private static final String PER_MINUTE = """
            SELECT m.minute,
                   (SELECT count(*) FROM whatsapp_message w
                     WHERE w.stored_at >= m.minute AND w.stored_at < m.minute + interval '1 minute') AS messages,
                   (SELECT count(*) FROM whatsapp_message_status s
                     WHERE s.received_at >= m.minute AND s.received_at < m.minute + interval '1 minute') AS statuses
              FROM generate_series(date_trunc('minute', CAST(:since AS timestamptz)), date_trunc('minute', now()),
                                   interval '1 minute') AS m(minute)
             ORDER BY m.minute
            """;

    private final HealthEndpoint health;
    private final LagGauges lagGauges;
    private final JdbcClient jdbc;
    private final WorkerProperties worker;
    private final ConsoleProperties console;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    PipelineStatus(HealthEndpoint health, LagGauges lagGauges, JdbcClient jdbc, WorkerProperties worker, ConsoleProperties console) {
        this.health = health;
        this.lagGauges = lagGauges;
        this.jdbc = jdbc;
        this.worker = worker;
        this.console = console;
    }

    /** This worker's health components (db, kafka, consumer, ...), with the overall status first. */
    List<Health> workerHealth() {
        HealthDescriptor descriptor = health.health();
        List<Health> components = new ArrayList<>(List.of(new Health("worker", descriptor.getStatus().getCode())));
        if (descriptor instanceof CompositeHealthDescriptor composite) {
            composite.getComponents().forEach((name, component) -> components.add(new Health(name, component.getStatus().getCode())));
        }
        return components;
    }

    /** The ingest's {@code /actuator/health} status, or why it could not be read; null when no URL is set. */
    String ingestHealth() {
        if (console.ingestHealthUrl() == null) {
            return null;
        }
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(console.ingestHealthUrl())).timeout(TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? "UP" : "HTTP " + answer.statusCode() + (answer.body().contains("DOWN") ? " (DOWN)" : "");
        }
        catch (Exception unreachable) {
            return "unreachable: " + unreachable.getClass().getSimpleName();
        }
    }

    /** The workers' lag on each partition of the raw topic, largest first, read from Kafka now. */
    List<GroupLag.Partition> lag() throws Exception {
        return lagGauges.read();
    }

    /** Messages stored and statuses received in each minute of the last {@code hours}, oldest first. */
    List<Minute> perMinute(int hours) {
        return jdbc.sql(PER_MINUTE).param("since", Timestamp.from(Instant.now().minus(Duration.ofHours(hours))))
                .query((rs, n) -> new Minute(rs.getTimestamp("minute").toInstant(), rs.getLong("messages"), rs.getLong("statuses")))
                .list();
    }
}
