package io.wapipeline.worker.media;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code graphApi} in /actuator/health. A rejected token is {@code WARNING}: messages are still stored, only media
 * downloads wait. That status ranks below DOWN and answers HTTP 200, so the whole service is not reported down.
 */
final class GraphApiHealthIndicator extends AbstractHealthIndicator {

    static final Status WARNING = new Status("WARNING", "Media downloads wait: the Graph API rejects the access token");

    private final MediaMetrics metrics;

    GraphApiHealthIndicator(MediaMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (metrics.tokenRejectedSince() != null) {
            builder.status(WARNING).withDetail("tokenRejectedSince", metrics.tokenRejectedSince().toString())
                    .withDetail("reason", metrics.tokenRejection());
        }
        else {
            builder.up();
        }
        builder.withDetail("jobsWaiting", metrics.waitingJobs());
    }
}
