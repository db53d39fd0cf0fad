package io.wapipeline.traffic.send;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import io.wapipeline.traffic.compose.Post;
import io.wapipeline.traffic.report.AnswerLog;
import io.wapipeline.traffic.report.Answers;

/**
 * Posts signed webhooks over HTTP/1.1, as Meta does, without waiting for the answer (the caller bounds how many are in
 * flight), and records each outcome. A refused connection or a timeout is an outcome too, named by its exception.
 */
final class WebhookSender {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    /**
     * Several clients in turn: one JDK client runs all its connections on a single selector thread, which capped an
     * open-loop run at about 2,700 req/s on a 2-core machine.
     */
    private static final int CLIENTS = 4;

    private final HttpClient[] clients = new HttpClient[CLIENTS];
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    private final URI url;
    private final Duration timeout;
    private final Answers answers;
    private final AnswerLog answerLog;

    WebhookSender(URI url, Duration timeout, Answers answers, AnswerLog answerLog) {
        for (int i = 0; i < CLIENTS; i++) {
            clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        }
        this.url = url;
        this.timeout = timeout;
        this.answers = answers;
        this.answerLog = answerLog;
    }

    /**
     * @param latencyOrigin the {@link System#nanoTime()} the latency counts from
     * @param whenDone      runs once the outcome is recorded
     */
    void send(Post post, long latencyOrigin, Runnable whenDone) {
        HttpClient client = clients[Math.floorMod(next.getAndIncrement(), CLIENTS)];
        client.sendAsync(request(post), BodyHandlers.discarding()).whenComplete((response, error) -> {
            try {
                record(post, latencyOrigin, response, error);
            }
            finally {
                whenDone.run();
            }
        });
    }

    private HttpRequest request(Post post) {
        return HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, post.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(post.body()))
                .build();
    }

    private void record(Post post, long latencyOrigin, HttpResponse<Void> response, Throwable error) {
        if (error == null) {
            answers.answered(post, response.statusCode(), System.nanoTime() - latencyOrigin);
            answerLog.answered(post, response.statusCode());
        }
        else {
            answers.failed(kind(error));
            answerLog.failed(post, kind(error));
        }
    }

    /** The simple name of what went wrong, unwrapped from the future's {@link CompletionException}. */
    static String kind(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName();
    }
}
