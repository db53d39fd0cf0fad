package io.wapipeline.traffic.send;

import java.net.URI;
import java.util.Objects;
import io.wapipeline.traffic.compose.Require;
import io.wapipeline.traffic.compose.Traffic;

/**
 * Everything one simulation needs: where to post, the app secret to sign with, how much load, and which traffic.
 * For example {@code new SimulationSettings(url, secret, Load.count(50), Traffic.of(Mix.MIXED).batched(5))}.
 */
public record SimulationSettings(URI url, String appSecret, Load load, Traffic traffic) {

    public SimulationSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(traffic, "traffic");
        Require.that(appSecret != null && !appSecret.isEmpty(), "an app secret is needed to sign the webhooks");
    }

    /** Not the secret: settings end up in logs and test reports. */
    @Override
    public String toString() {
        return "SimulationSettings[url=" + url + ", load=" + load + ", traffic=" + traffic + "]";
    }
}
