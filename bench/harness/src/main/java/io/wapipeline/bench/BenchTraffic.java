package io.wapipeline.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Iterator;

import io.wapipeline.ops.simulate.Load;
import io.wapipeline.ops.simulate.Mix;
import io.wapipeline.ops.simulate.SignedBody;
import io.wapipeline.ops.simulate.Simulation;
import io.wapipeline.ops.simulate.SimulationReport;
import io.wapipeline.ops.simulate.SimulationSettings;
import io.wapipeline.ops.simulate.Traffic;

/** The benchmark bodies, made by {@code wa-ops simulate}'s generator: realistic, signed, one per POST. */
final class BenchTraffic {

    private BenchTraffic() {
    }

    /** ~1.5 KB single-message text webhooks (or the mixed set), signed with {@code secret}, {@code count} of them. */
    static Iterator<SignedBody> bodies(Mix mix, double duplicates, String secret, long count, String runId) {
        return Simulation.bodies(new SimulationSettings(URI.create("http://127.0.0.1/unused"), secret, Load.count(count),
                Traffic.of(mix).withDuplicates(duplicates).withRunId(runId).withSeed(runId.hashCode())));
    }

    /** Open-loop text traffic at {@code rate} for {@code duration}: latency counts from each request's intended start. */
    static SimulationReport atRate(String url, String secret, double rate, Duration duration, String runId) {
        return Simulation.run(new SimulationSettings(URI.create(url), secret,
                Load.duration(duration).atRate(rate).withConcurrency(2000), Traffic.of(Mix.TEXT).withRunId(runId)));
    }

    /** Closed-loop text traffic with {@code concurrency} requests in flight, when {@code wrk} is not installed. */
    static SimulationReport closedLoop(String url, String secret, int concurrency, Duration duration, String runId) {
        return Simulation.run(new SimulationSettings(URI.create(url), secret,
                Load.duration(duration).withConcurrency(concurrency), Traffic.of(Mix.TEXT).withRunId(runId)));
    }
}
