package io.wapipeline.bench.noop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads the POSTed body and answers 200 {@code EVENT_RECEIVED}, as the ingest does, but checks no signature and
 * publishes nothing: what the web stack alone can do on this machine.
 */
@SpringBootApplication
@RestController
public class NoopApplication {

    public static void main(String[] args) {
        SpringApplication.run(NoopApplication.class, args);
    }

    @org.springframework.web.bind.annotation.GetMapping("/health")
    String health() {
        return "UP";
    }

    @PostMapping({ "/api/whatsapp/webhook", "/api/whatsapp/webhook/" })
    ResponseEntity<String> receive(@RequestBody byte[] body) {
        return ResponseEntity.ok(body.length > 0 ? "EVENT_RECEIVED" : "EMPTY");
    }
}
