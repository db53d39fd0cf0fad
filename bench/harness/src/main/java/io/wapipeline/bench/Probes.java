package io.wapipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a monitoring system and an orchestrator would see during an attack: one GET of each path every half second,
 * with a 1 s timeout as a Kubernetes probe has by default. Each path's answers are counted and timed.
 */
final class Probes implements AutoCloseable {

    private static final Duration EVERY = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** One path's results so far. */
    static final class Path {
        final String path;
        final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        long failed;

        Path(String path) {
            this.path = path;
        }

        synchronized String summary() {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            long max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
            long median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
            return "%s: %d of %d answered 200 within 1 s (median %d ms, max %d ms)".formatted(path, sorted.size() - failed,
                    sorted.size(), median, max);
        }

        synchronized boolean allAnswered() {
            return failed == 0 && !millis.isEmpty();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String baseUrl;
    private final List<Path> paths;
    private final Thread thread;
    private volatile boolean running = true;

    private Probes(String baseUrl, List<String> paths) {
        this.baseUrl = baseUrl;
        this.paths = paths.stream().map(Path::new).toList();
        this.thread = new Thread(this::loop, "bench-probes");
        this.thread.setDaemon(true);
    }

    static Probes start(String baseUrl, String... paths) {
        Probes probes = new Probes(baseUrl, List.of(paths));
        probes.thread.start();
        return probes;
    }

    List<Path> paths() {
        return paths;
    }

    boolean allAnswered() {
        return paths.stream().allMatch(Path::allAnswered);
    }

    String summary() {
        return String.join("; ", paths.stream().map(Path::summary).toList());
    }

    private void loop() {
        while (running) {
            for (Path path : paths) {
                probe(path);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(EVERY.toMillis());
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    private void probe(Path path) {
        long start = System.nanoTime();
        boolean ok;
        try {
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(baseUrl + path.path)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            ok = answer.statusCode() == 200;
        }
        catch (IOException timedOutOrRefused) {
            ok = false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (path) {
            path.millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            if (!ok) {
                path.failed++;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
