package io.wapipeline.bench;

import java.net.URI;
import java.util.Iterator;

import io.wapipeline.traffic.send.Load;
import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.traffic.compose.SignedBody;
import io.wapipeline.traffic.send.Simulation;
import io.wapipeline.traffic.send.SimulationSettings;
import io.wapipeline.traffic.compose.Traffic;

/** The benchmark bodies, made by {@code wa-ops simulate}'s generator: realistic, signed, one per POST. */
final class BenchTraffic {

    private BenchTraffic() {
    }

    /** ~1.5 KB single-message text webhooks (or the mixed set), signed with {@code secret}, {@code count} of them. */
    static Iterator<SignedBody> bodies(Mix mix, double duplicates, String secret, long count, String runId) {
        return bodies(Traffic.of(mix).withDuplicates(duplicates).withRunId(runId).withSeed(runId.hashCode()), secret, count);
    }

    /** {@code count} fresh bodies of any traffic (and its re-deliveries, if it asks for them). */
    static Iterator<SignedBody> bodies(Traffic traffic, String secret, long count) {
        return Simulation.bodies(new SimulationSettings(URI.create("http://127.0.0.1/unused"), secret, Load.count(count), traffic));
    }
}
