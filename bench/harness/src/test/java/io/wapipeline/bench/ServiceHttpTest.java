package io.wapipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The hostile suite reads counters by their labels from a real Prometheus page served over HTTP. */
class ServiceHttpTest {

    private static final String PAGE = """
            # TYPE whatsapp_worker_signatures_refused_total counter
            whatsapp_worker_signatures_refused_total{application="worker",problem="missing"} 3.0
            whatsapp_worker_signatures_refused_total{application="worker",problem="mismatch"} 7.0
            whatsapp_webhook_unauthenticated_bytes 1048576.0
            """;

    private final HttpServer server = serve();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aSeriesIsFoundByItsLabelAndAMissingOneIsNotANumber() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        ServiceHttp http = new ServiceHttp();

        assertThat(http.metric(url, "whatsapp_worker_signatures_refused_total", "problem=\"mismatch\"")).isEqualTo(7.0);
        assertThat(http.metric(url, "whatsapp_worker_signatures_refused_total", "")).isEqualTo(3.0);
        assertThat(http.metric(url, "whatsapp_webhook_unauthenticated_bytes", "")).isEqualTo(1048576.0);
        assertThat(http.metric(url, "whatsapp_worker_signatures_refused_total", "problem=\"malformed\"")).isNaN();
    }

    private static HttpServer serve() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/actuator/prometheus", exchange -> {
                byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
