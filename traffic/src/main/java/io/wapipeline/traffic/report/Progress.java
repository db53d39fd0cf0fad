package io.wapipeline.traffic.report;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A running simulation, as seen once a second.
 *
 * @param sent        POSTs sent so far
 * @param outcomes    answers by status code ({@code "200"}) and errors by kind ({@code "error: ConnectException"}),
 *                    sorted
 * @param currentRate POSTs per second sent since the previous snapshot
 */
public record Progress(Duration elapsed, long sent, Map<String, Long> outcomes, double currentRate) {

    public Progress {
        outcomes = Collections.unmodifiableMap(new TreeMap<>(outcomes));
    }
}
