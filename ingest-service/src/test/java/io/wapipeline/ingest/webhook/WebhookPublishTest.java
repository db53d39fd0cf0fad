package io.wapipeline.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import io.wapipeline.ingest.IngestIntegrationTest;
import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.WebhookTopics;

class WebhookPublishTest extends IngestIntegrationTest {

    @Test
    void signedPayloadArrivesInKafkaByteForByteWithItsHeaders() {
        byte[] body = fixture("text-with-escapes.json");
        String signature = SIGNER.sign(body);
        Map<TopicPartition, Long> before = rawTopicSnapshot();
        Instant sentAt = Instant.now();

        var response = send(post(body).header("X-Hub-Signature-256", signature));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("EVENT_RECEIVED");
        List<ConsumerRecord<String, byte[]>> records = rawRecordsSince(before);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(record.topic()).isEqualTo(WebhookTopics.RAW);
        assertThat(record.value()).isEqualTo(body);
        assertThat(record.key()).isEqualTo("5511987654321");
        assertThat(record.partition()).isEqualTo(expectedPartition("5511987654321"));
        assertThat(header(record, WebhookHeaders.SIGNATURE)).isEqualTo(signature);
        assertThat(header(record, WebhookHeaders.REQUEST_ID)).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(Instant.parse(header(record, WebhookHeaders.RECEIVED_AT))).isBetween(sentAt.minusSeconds(1), Instant.now());
    }

    @Test
    void batchedPayloadIsOneUntouchedRecordKeyedByItsFirstContact() {
        byte[] body = fixture("batched.json");
        Map<TopicPartition, Long> before = rawTopicSnapshot();

        var response = send(signedPost(body));

        assertThat(response.statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, byte[]>> records = rawRecordsSince(before);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).value()).isEqualTo(body);
        assertThat(records.get(0).key()).isEqualTo("5511911111111");
    }

    @Test
    void signedBodyThatIsNotJsonIsStillKeptWithoutAKey() {
        byte[] body = "definitely not json".getBytes(StandardCharsets.UTF_8);
        Map<TopicPartition, Long> before = rawTopicSnapshot();

        var response = send(signedPost(body));

        assertThat(response.statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, byte[]>> records = rawRecordsSince(before);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isNull();
            assertThat(record.value()).isEqualTo(body);
        });
    }

    @Test
    void accountUpdateWithArraysOfIdsIsKeptAndKeyedByItsEntry() {
        byte[] body = """
                {"object":"whatsapp_business_account","entry":[{"id":"2949482758682047","time":1744823932,"changes":[
                 {"value":{"event":"PARTNER_ADDED","waba_info":{"waba_id":"980198427658004","owner_business_id":"2329417887457253",
                  "solution_id":"1715120619246906","solution_partner_business_ids":["2949482758682047","520744086200222"]}},
                 "field":"account_update"}]}]}""".getBytes(StandardCharsets.UTF_8);
        Map<TopicPartition, Long> before = rawTopicSnapshot();

        var response = send(signedPost(body));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(rawRecordsSince(before)).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("2949482758682047");
            assertThat(record.value()).isEqualTo(body);
        });
    }

    @Test
    void whatABodyContainsNeverStopsItFromBeingKept() {
        List<byte[]> bodies = List.of(
                ("{\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"from\":\"" + "5".repeat(2_000_000) + "\"}]}}]}]}")
                        .getBytes(StandardCharsets.UTF_8),
                ("{\"object\":\"whatsapp_business_account\",\"entry\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}")
                        .getBytes(StandardCharsets.UTF_8),
                "[\"from\",[\"wa_id\"],{\"\":null,\"wa_id\":[\"x\"]}]".getBytes(StandardCharsets.UTF_8),
                "{\"entry\":[{\"id\":1e999999}]}".getBytes(StandardCharsets.UTF_8));
        Map<TopicPartition, Long> before = rawTopicSnapshot();

        for (byte[] body : bodies) {
            var response = send(signedPost(body));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        List<ConsumerRecord<String, byte[]>> records = rawRecordsSince(before);
        assertThat(records).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(bodies);
        assertThat(records).filteredOn(r -> r.value().length > 2_000_000).singleElement()
                .satisfies(record -> assertThat(record.key()).startsWith("sha256:").hasSize(71));
    }

    @Test
    void threeMegabytePayloadGoesThrough() {
        byte[] body = largeWebhook(3 * 1000 * 1000);
        Map<TopicPartition, Long> before = rawTopicSnapshot();

        var response = send(signedPost(body));

        assertThat(response.statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, byte[]>> records = rawRecordsSince(before);
        assertThat(records).singleElement().satisfies(record -> assertThat(record.value()).isEqualTo(body));
    }

    @Test
    void missingSignatureIsUnauthorizedAndNothingIsPublished() {
        Map<TopicPartition, Long> before = rawTopicSnapshot();

        var response = send(post(fixture("batched.json")));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"status\":401").contains("X-Hub-Signature-256 header is missing").contains("requestId")
                .as("the path as instance, as the worker's problems have it").contains("\"instance\":\"/api/whatsapp/webhook/\"");
        assertThat(rawRecordCountSince(before)).isZero();
    }

    @Test
    void wrongSignatureIsForbiddenAndNothingIsPublished() {
        byte[] body = fixture("batched.json");
        Map<TopicPartition, Long> before = rawTopicSnapshot();

        var wrongSecret = send(post(body).header("X-Hub-Signature-256", new io.wapipeline.model.signature.WebhookSigner("other").sign(body)));
        var malformed = send(post(body).header("X-Hub-Signature-256", "sha256=abc"));
        var otherBody = send(post(body).header("X-Hub-Signature-256", SIGNER.sign(fixture("text-with-escapes.json"))));

        assertThat(wrongSecret.statusCode()).isEqualTo(403);
        assertThat(wrongSecret.body()).contains("signature does not match the body").contains("\"instance\":\"/api/whatsapp/webhook/\"");
        assertThat(malformed.statusCode()).isEqualTo(403);
        assertThat(malformed.body()).contains("signature is not sha256=<64 hex digits>");
        assertThat(otherBody.statusCode()).isEqualTo(403);
        assertThat(rawRecordCountSince(before)).isZero();
    }

    @Test
    void bodyOverTheLimitIsRefusedAndNothingIsPublished() {
        byte[] body = largeWebhook(4 * 1024 * 1024 + 1);
        Map<TopicPartition, Long> before = rawTopicSnapshot();

        var response = send(signedPost(body));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("body is larger than 4194304 bytes");
        assertThat(rawRecordCountSince(before)).isZero();
    }

    @Test
    void unsignedJunkIsRefusedAndNothingIsPublished() {
        Map<TopicPartition, Long> before = rawTopicSnapshot();

        var form = send(post("hub.mode=subscribe&x=1".getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "application/x-www-form-urlencoded"));
        var empty = send(post(new byte[0]));
        var getWithoutParameters = send(java.net.http.HttpRequest.newBuilder(uri("/api/whatsapp/webhook/")).GET());

        assertThat(form.statusCode()).isEqualTo(401);
        assertThat(empty.statusCode()).isEqualTo(401);
        assertThat(getWithoutParameters.statusCode()).isEqualTo(400);
        assertThat(rawRecordCountSince(before)).isZero();
    }

    @Test
    void otherMethodsAreNotAllowedWithAProblemBody() {
        Map<TopicPartition, Long> before = rawTopicSnapshot();

        var put = send(java.net.http.HttpRequest.newBuilder(uri("/api/whatsapp/webhook"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).contains("GET, HEAD, POST, OPTIONS");
        assertThat(put.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(put.body()).contains("\"status\":405").contains("Method 'PUT' is not supported.");
        assertThat(rawRecordCountSince(before)).isZero();
    }

    private static int expectedPartition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return WebhookRecord.header(record.headers(), name).orElseThrow(() -> new AssertionError("no header " + name));
    }

    /** A text-message webhook padded with an escaped body to exactly {@code size} bytes. */
    static byte[] largeWebhook(int size) {
        String head = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"contacts\":[{\"wa_id\":\"5511900000000\"}],\"messages\":[{\"from\":\"5511900000000\","
                + "\"id\":\"wamid.LARGE\",\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\"";
        String tail = "\"}}]}}]}]}";
        StringBuilder json = new StringBuilder(size).append(head);
        String filler = "Ol\\u00e1 \\ud83d\\ude00 ";
        while (json.length() + filler.length() + tail.length() <= size) {
            json.append(filler);
        }
        while (json.length() + tail.length() < size) {
            json.append('x');
        }
        return json.append(tail).toString().getBytes(StandardCharsets.US_ASCII);
    }

}
