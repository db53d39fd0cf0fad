package io.wapipeline.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a service's jar, run as the stack's child in {@link ServiceProcessTest}, and the server that answers
 * on someone else's behalf: {@code /actuator/health} UP, and {@code /actuator/info} with an instance id or without.
 */
final class FakeService {

    private FakeService() {
    }

    /**
     * {@code serve}: answers on {@code PORT} with the id in {@code WHATSAPP_INSTANCE_ID}, as the services do;
     * {@code idle}: runs and listens on nothing; {@code fail}: prints a reason and exits 3, as a service that cannot start.
     */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "serve" -> answer(new InetSocketAddress(ServiceProcess.LOOPBACK, Integer.parseInt(System.getenv("PORT"))),
                    System.getenv(ServiceProcess.INSTANCE_ID_VARIABLE));
            case "idle" -> new CountDownLatch(1).await();
            default -> {
                System.out.println("APPLICATION FAILED TO START");
                System.out.println("Description: the database said no");
                System.exit(3);
            }
        }
    }

    /** A server answering healthy on {@code address}; {@code instanceId} null: an info without one, as any other app. */
    static HttpServer answer(InetSocketAddress address, String instanceId) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        server.createContext("/actuator/health", exchange -> reply(exchange, "{\"status\":\"UP\"}"));
        server.createContext(ServiceProcess.INFO_PATH, exchange -> reply(exchange,
                instanceId == null ? "{}" : "{\"build\":{\"version\":\"1\"},\"instance\":{\"id\":\"" + instanceId + "\"}}"));
        server.start();
        return server;
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
