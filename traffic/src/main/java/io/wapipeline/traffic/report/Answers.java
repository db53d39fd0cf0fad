package io.wapipeline.traffic.report;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import io.wapipeline.traffic.compose.Post;

/**
 * What came back: answers by status code, errors by kind, the latency of every answer, and the ids of every item
 * acknowledged with a 2xx (by its first delivery or a re-delivery). Written by the HTTP client's threads.
 */
public final class Answers {

    /** Three significant digits: 1.00 ms and 1.01 ms are told apart, the histogram stays small. */
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();
    private final Histogram latencyMicros = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    private final Set<String> inboundIds = ConcurrentHashMap.newKeySet();
    private final Set<String> outboundIds = ConcurrentHashMap.newKeySet();

    public void answered(Post post, int status, long latencyNanos) {
        latencyMicros.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
        byStatus.computeIfAbsent(status, code -> new LongAdder()).increment();
        if (status >= 200 && status < 300) {
            inboundIds.addAll(post.inboundIds());
            outboundIds.addAll(post.outboundIds());
        }
    }

    /** A request that got no answer: {@code kind} names what happened, e.g. {@code ConnectException}. */
    public void failed(String kind) {
        errorsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** Answers by status code and errors by kind ({@code error: ConnectException}), for the progress line. */
    Map<String, Long> outcomes() {
        Map<String, Long> outcomes = new TreeMap<>();
        byStatus.forEach((status, count) -> outcomes.put(String.valueOf(status), count.sum()));
        errorsByKind.forEach((kind, count) -> outcomes.put("error: " + kind, count.sum()));
        return outcomes;
    }

    public Map<Integer, Long> byStatus() {
        return sums(byStatus);
    }

    public Map<String, Long> errorsByKind() {
        return sums(errorsByKind);
    }

    public Histogram latencyMicros() {
        return latencyMicros.copy();
    }

    /** Sorted, which for our zero-padded wamids is the order they were made. */
    public List<String> inboundIds() {
        return inboundIds.stream().sorted().toList();
    }

    public List<String> outboundIds() {
        return outboundIds.stream().sorted().toList();
    }

    private static <K extends Comparable<K>> Map<K, Long> sums(Map<K, LongAdder> counters) {
        Map<K, Long> sums = new TreeMap<>();
        counters.forEach((key, count) -> sums.put(key, count.sum()));
        return sums;
    }
}
