package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.wapipeline.ingest.IngestApplication;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.signature.WebhookSigner;
import io.wapipeline.testsupport.TestKafka;
import io.wapipeline.testsupport.TopicRecords;

class GracefulShutdownTest {

    private static final WebhookSigner SIGNER = new WebhookSigner("shutdown-secret");

    @Test
    void everyWebhookAnswered200DuringShutdownIsInKafka() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IngestApplication.class).properties(
                "WHATSAPP_WEBHOOK_VERIFY_TOKEN=t", "WHATSAPP_APP_SECRET=shutdown-secret", "PORT=0",
                "KAFKA_BOOTSTRAP_SERVERS=" + TestKafka.bootstrapServers()).run();
        int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        Map<TopicPartition, Long> before = TopicRecords.endOffsets(TestKafka.bootstrapServers(), WebhookTopics.RAW);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, 300)
                .mapToObj(n -> http.sendAsync(signed(port, n), HttpResponse.BodyHandlers.ofString())).toList();
        CompletableFuture.anyOf(responses.toArray(CompletableFuture[]::new)).join();
        context.close();

        Set<String> answered200 = responses.stream()
                .map(f -> f.handle((response, failure) -> failure == null && response.statusCode() == 200
                        ? response.request().headers().firstValue("X-Test-Marker").orElseThrow() : null).join())
                .filter(marker -> marker != null).collect(Collectors.toSet());
        Set<String> kept = TopicRecords.since(TestKafka.bootstrapServers(), before).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        assertThat(answered200).isNotEmpty();
        assertThat(kept).containsAll(answered200.stream().map(GracefulShutdownTest::body).toList());
    }

    private static HttpRequest signed(int port, int n) {
        String marker = "shutdown-" + n;
        byte[] body = body(marker).getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/whatsapp/webhook"))
                .header("X-Hub-Signature-256", SIGNER.sign(body)).header("X-Test-Marker", marker)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static String body(String marker) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + marker + "\",\"changes\":[]}]}";
    }
}
