package io.wapipeline.traffic.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.wapipeline.model.payload.ParsedWebhook;
import io.wapipeline.model.payload.WebhookParser;
import io.wapipeline.model.signature.SignatureCheck;
import io.wapipeline.model.signature.SignatureVerifier;

/**
 * A real HTTP server on 127.0.0.1 standing in for the ingest: checks every POST's signature over the raw bytes with
 * the pipeline's own {@link SignatureVerifier}, records it, and answers with the status scripted for its arrival.
 */
public final class WebhookReceiver implements AutoCloseable {

    public static final String PATH = "/api/whatsapp/webhook";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final SignatureVerifier verifier;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger arrivals = new AtomicInteger();
    private volatile IntUnaryOperator statusOfArrival = arrival -> 200;

    private WebhookReceiver(String appSecret) throws IOException {
        verifier = new SignatureVerifier(List.of(appSecret));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static WebhookReceiver start(String appSecret) throws IOException {
        return new WebhookReceiver(appSecret);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** From now on the n-th POST to arrive (counting from 1) is answered with {@code statusOfArrival(n)}. */
    public void answer(IntUnaryOperator statusOfArrival) {
        this.statusOfArrival = statusOfArrival;
    }

    /** Every POST in the order it arrived. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-Hub-Signature-256");
            int status = statusOfArrival.applyAsInt(arrivals.incrementAndGet());
            received.add(new Received(exchange.getRequestMethod(), body, verifier.verify(body, signature),
                    exchange.getRequestHeaders().getFirst("Content-Type"), status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** One POST as it arrived, and the status it was answered with. */
    public record Received(String method, byte[] body, SignatureCheck signature, String contentType, int status) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public ParsedWebhook parsed() {
            return WebhookParser.parse(body);
        }
    }
}
