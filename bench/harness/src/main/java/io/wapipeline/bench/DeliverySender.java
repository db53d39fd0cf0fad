package io.wapipeline.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;

/**
 * The fault suite's second load generator, in its own JVM: posts a {@link DeliveryPlan} (line by line, each line's
 * copies at the same moment, on separate connections) and writes every answer as it arrives: epoch milliseconds, the
 * status code or {@code error:<kind>}, the line's tag. It uses nothing but the JDK, so that it runs from the harness's
 * compiled classes alone: {@code java -cp bench/harness/target/classes io.wapipeline.bench.DeliverySender URL PLAN
 * ANSWERS CONCURRENCY}.
 */
final class DeliverySender {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final URI url;
    private final BufferedWriter answers;
    private final int concurrency;
    private final Semaphore inFlight;

    private DeliverySender(URI url, BufferedWriter answers, int concurrency) {
        this.url = url;
        this.answers = answers;
        this.concurrency = concurrency;
        this.inFlight = new Semaphore(concurrency);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        List<String> plan = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        try (BufferedWriter answers = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
            new DeliverySender(URI.create(args[0]), answers, Integer.parseInt(args[3])).send(plan);
        }
    }

    /** In order, at most {@code concurrency} requests in flight; returns once every answer is written. */
    private void send(List<String> plan) throws InterruptedException {
        for (String line : plan) {
            String[] columns = line.split("\t");
            int copies = Integer.parseInt(columns[0]);
            HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", columns[2])
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Base64.getDecoder().decode(columns[3]))).build();
            inFlight.acquire(copies);
            for (int copy = 0; copy < copies; copy++) {
                post(request, columns[1]);
            }
        }
        inFlight.acquire(concurrency);
    }

    private void post(HttpRequest request, String tag) {
        client.sendAsync(request, BodyHandlers.discarding()).whenComplete((response, error) -> {
            try {
                write(System.currentTimeMillis() + "\t" + (error == null ? response.statusCode() : "error:" + kind(error)) + "\t" + tag + "\n");
            }
            finally {
                inFlight.release();
            }
        });
    }

    private void write(String line) {
        synchronized (answers) {
            try {
                answers.write(line);
                answers.flush();
            }
            catch (IOException e) {
                throw new UncheckedIOException("could not write the answers", e);
            }
        }
    }

    private static String kind(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName();
    }
}
