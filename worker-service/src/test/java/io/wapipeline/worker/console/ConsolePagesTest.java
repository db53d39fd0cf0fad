package io.wapipeline.worker.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.wapipeline.worker.WorkerIntegrationTest;
import io.wapipeline.testsupport.TestSignatures;
import io.wapipeline.worker.api.ApiWebhooks;

/** The conversation pages: the list by last activity, and one contact's thread with what it sent and was sent. */
class ConsolePagesTest extends WorkerIntegrationTest {

    @Test
    void aConversationShowsTheContactsMessagesAndTheBusinessesInTimeOrder() {
        String contact = "55119" + (10_000_000 + (int) (Math.random() * 80_000_000));
        String first = "wamid.thread.in1." + UUID.randomUUID();
        String second = "wamid.thread.in2." + UUID.randomUUID();
        String sent = "wamid.thread.out." + UUID.randomUUID();
        publish(inbound(contact, first, 1_764_590_000L, "hello, is my order shipped?"));
        publish(status(contact, sent, 1_764_590_060L, "sent"));
        publish(status(contact, sent, 1_764_590_065L, "delivered"));
        publish(inbound(contact, second, 1_764_590_120L, "thanks, got it"));
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("viewer", "viewer-password");

        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.get("/console/conversations/" + contact).body())
                .contains("thanks, got it").contains("delivered"));
        String thread = browser.get("/console/conversations/" + contact).body();
        assertThat(thread).contains("Thread Contact").contains(contact);
        assertThat(thread.indexOf("hello, is my order shipped?")).isLessThan(thread.indexOf(sent));
        assertThat(thread.indexOf(sent)).isLessThan(thread.indexOf("thanks, got it"));
        assertThat(thread).contains("Sent by the business <span class=\"status\">delivered</span>");

        String list = browser.get("/console/conversations?business=PN-THREAD").body();
        assertThat(list).contains("Thread Contact").contains("/console/conversations/" + contact);
    }

    @Test
    void theSentListShowsEachOutboundMessageOnceWithTheStateThatWinsNewestFirst() {
        String recipient = "34611" + (1_000_000 + (int) (Math.random() * 8_000_000));
        long base = 1_764_600_000L + (long) (Math.random() * 1_000_000);
        String read = "wamid.sent.read." + UUID.randomUUID();
        String failed = "wamid.sent.failed." + UUID.randomUUID();
        String older = "wamid.sent.older." + UUID.randomUUID();
        publish(status(recipient, older, base - 600, "sent"));
        // the read report arrives before the late 'sent' one: precedence, not arrival order, picks the state
        publish(status(recipient, read, base + 30, "read"));
        publish(status(recipient, read, base, "sent"));
        publish(status(recipient, read, base + 10, "delivered"));
        publish(failed(recipient, failed, base + 60, "131049", "Spam rate limit hit"));
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("viewer", "viewer-password");

        String url = "/console/messages/sent?contact=" + recipient;
        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.get(url).body()).contains(older).contains(failed)
                .contains("<span class=\"state read\">read</span>"));
        String page = browser.get(url).body();
        assertThat(page.split(read, -1)).as("one row (link and id) per message, not per status").hasSize(3);
        assertThat(page.indexOf(failed)).as("newest first").isLessThan(page.indexOf(read));
        assertThat(page.indexOf(read)).isLessThan(page.indexOf(older));
        assertThat(page).contains("<span class=\"state failed\">failed</span>").contains("failed: 131049 Spam rate limit hit")
                .contains(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                        .withZone(java.time.ZoneId.systemDefault()).format(java.time.Instant.ofEpochSecond(base + 30)));

        String onlyFailed = browser.get(url + "&state=failed").body();
        assertThat(onlyFailed).contains(failed).doesNotContain(read).doesNotContain(older);
        String firstPage = browser.get(url + "&from=" + java.time.Instant.ofEpochSecond(base - 60)).body();
        assertThat(firstPage).contains(read).contains(failed).doesNotContain(older);
        assertThat(browser.get(url + "&state=lost").body()).contains("state must be one of sent, delivered, read, played, failed");
        assertThat(browser.get(url + "&from=yesterday").body()).contains("from must be an ISO-8601 instant");
    }

    @Test
    void theSentListIsKeysetPagedWithoutRepeatsOrGaps() {
        String recipient = "34622" + (1_000_000 + (int) (Math.random() * 8_000_000));
        long base = 1_764_700_000L + (long) (Math.random() * 1_000_000);
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int n = 0; n < 53; n++) {
            // a + as base64 wamids have, which the next page's position must keep
            String id = "wamid.sent.page+" + String.format("%02d.", n) + UUID.randomUUID();
            ids.add(id);
            // two messages share each second, so the id breaks the tie
            publish(status(recipient, id, base + n / 2, "delivered"));
        }
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("viewer", "viewer-password");
        // a time filter with an offset, which the next page's link must carry with its +
        String first = "/console/messages/sent?contact=" + recipient + "&from="
                + java.net.URLEncoder.encode(java.time.OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(base - 3600),
                        java.time.ZoneOffset.ofHours(2)).toString(), java.nio.charset.StandardCharsets.UTF_8);
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("SELECT count(*) FROM whatsapp_message_status WHERE recipient_id = ?")
                .param(recipient).query(Long.class).single()).isEqualTo(53L));

        java.util.List<String> seen = new java.util.ArrayList<>();
        String next = first;
        while (next != null) {
            String page = browser.get(next).body();
            java.util.regex.Matcher row = java.util.regex.Pattern.compile("<td class=\"id\">([^<]+)</td>").matcher(page);
            while (row.find()) {
                seen.add(row.group(1));
            }
            java.util.regex.Matcher more = java.util.regex.Pattern.compile("<a class=\"next\" href=\"([^\"]+)\"").matcher(page);
            next = more.find() ? org.springframework.web.util.HtmlUtils.htmlUnescape(more.group(1)) : null;
        }
        java.util.List<String> expected = new java.util.ArrayList<>(ids);
        expected.sort(java.util.Comparator.comparing((String id) -> base + ids.indexOf(id) / 2).thenComparing(id -> id).reversed());
        assertThat(seen).as("two pages of 50 and 3, newest first, each message once").containsExactlyElementsOf(expected);
    }

    @Test
    void deliveryFailuresAreGroupedByMetasErrorCodeAndListedNewestFirst() {
        String recipient = "49151" + (10_000_000 + (int) (Math.random() * 80_000_000));
        long now = java.time.Instant.now().getEpochSecond();
        String code = Integer.toString(900_000 + (int) (Math.random() * 99_999));
        for (int n = 0; n < 3; n++) {
            publish(failed(recipient, "wamid.failed." + n + "." + UUID.randomUUID(), now - 60 + n, code, "Test <undeliverable>"));
        }
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("viewer", "viewer-password");

        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.get("/console/failures?days=1&code=" + code).body())
                .contains("Newest failures with code " + code));
        String page = browser.get("/console/failures?days=1&code=" + code).body();
        assertThat(page).as("the code's row: Meta's title, escaped, and 3 failures")
                .containsPattern("<td>Test &lt;undeliverable&gt;</td>\\s*<td>3</td>");
        assertThat(page.split(recipient, -1)).hasSize(4);
        assertThat(page).contains("details of " + code);
    }

    @Test
    void theEventLogShowsUnreadableItemsWithTheirReasonAndTheMediaPageTheDownloadJobs() {
        String field = "console_test_field_" + UUID.randomUUID().toString().substring(0, 8);
        String image = "wamid.console.image." + UUID.randomUUID();
        publish("""
                {"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"%s","value":{"note":"a change"}}]}]}
                """.formatted(field));
        publish(ApiWebhooks.messages("PN-MEDIA", "5511900000099", "Media Contact", ApiWebhooks.image(image, "5511900000099",
                java.time.Instant.now().getEpochSecond(), Long.toString(800_000_000_000_000L + (long) (Math.random() * 1e12)), "a photo")));
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("viewer", "viewer-password");

        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.get("/console/events?kind=change&field=" + field).body())
                .contains(field).contains("a change"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.get("/console/media?state=pending").body()).contains(image));
        assertThat(browser.get("/console/media").body()).containsPattern("pending \\(\\d+\\)");
        assertThat(browser.get("/console/events?kind=unreadable").statusCode()).isEqualTo(200);
        assertThat(browser.get("/console/events?before=not-a-position").statusCode()).as("a position that cannot be read").isEqualTo(200);
    }

    @Test
    void anOperatorRedrivesADeadLetterAndItsMessageIsStored() {
        String id = "wamid.console.dead." + UUID.randomUUID();
        String words = "fixed now " + UUID.randomUUID();
        byte[] body = inbound("5511900000077", id, java.time.Instant.now().getEpochSecond(), words)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var letter = new io.wapipeline.model.WebhookRecord("5511900000077", body, java.time.Instant.now(), "request-dead", TestSignatures.sign(body))
                .toProducerRecord(io.wapipeline.model.WebhookTopics.DEAD_LETTER, 0);
        letter.headers().add(io.wapipeline.model.WebhookHeaders.DEAD_LETTER_REASON, "a cause that is fixed now".getBytes());
        letter.headers().add("kafka_dlt-original-topic", io.wapipeline.model.WebhookTopics.RAW.getBytes());
        letter.headers().add("kafka_dlt-original-partition", java.nio.ByteBuffer.allocate(4).putInt(3).array());
        letter.headers().add("kafka_dlt-original-offset", java.nio.ByteBuffer.allocate(8).putLong(4242).array());
        long offset = publish(letter).offset();

        ConsoleClient viewer = new ConsoleClient(port);
        viewer.signIn("viewer", "viewer-password");
        String list = viewer.get("/console/dead-letters").body();
        assertThat(list).contains("a cause that is fixed now").contains("whatsapp.webhooks.raw-3@4242")
                .contains("/console/dead-letters/0/" + offset);
        assertThat(viewer.get("/console/dead-letters/0/" + offset).body()).contains("Only operators can redrive")
                .doesNotContain("class=\"redrive\"");

        ConsoleClient operator = new ConsoleClient(port);
        operator.signIn("operator", "operator-password");
        String page = "/console/dead-letters/0/" + offset;
        assertThat(operator.get(page).body()).contains("class=\"redrive\"");
        var redriven = operator.post("/console/actions/redrive", java.util.Map.of("partition", "0", "offset", Long.toString(offset)), page);
        assertThat(redriven.statusCode()).isEqualTo(302);
        assertThat(operator.get("/console/dead-letters").body()).contains("back through the worker");

        await().atMost(WAIT).untilAsserted(() -> assertThat(operator.get("/console/messages/" + id).statusCode()).isEqualTo(200));
        assertThat(operator.get("/console/messages/" + id).body()).as("where the row was read from").contains("whatsapp.webhooks.raw-3@4242");
        assertThat(jdbc.sql("SELECT source_partition || '@' || source_offset FROM whatsapp_message WHERE message_id = ?")
                .param(id).query(String.class).single()).as("the stored row names the raw record").isEqualTo("3@4242");
        assertThat(operator.get("/console/dead-letters/0/" + (offset + 1_000_000)).statusCode()).isEqualTo(404);
    }

    @Test
    void anOperatorReprocessesAStoredMessageAndRetriesAFailedDownload() {
        String id = "wamid.console.reprocess." + UUID.randomUUID();
        String mediaId = Long.toString(600_000_000_000_000L + (long) (Math.random() * 1e12));
        publish(ApiWebhooks.messages("PN-ACT", "5511900000055", "Action Contact", ApiWebhooks.image(id, "5511900000055",
                java.time.Instant.now().getEpochSecond(), mediaId, "the original caption")));
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT count(*) FROM whatsapp_media WHERE media_id = ?").param(mediaId)
                .query(Long.class).single() == 1);
        jdbc.sql("UPDATE whatsapp_message SET caption = 'damaged by a parser bug' WHERE message_id = ?").param(id).update();
        jdbc.sql("UPDATE whatsapp_media SET state = 'failed', last_error = 'HTTP 500 from the CDN' WHERE media_id = ?").param(mediaId).update();
        ConsoleClient operator = new ConsoleClient(port);
        operator.signIn("operator", "operator-password");
        String page = "/console/messages/" + id;
        assertThat(operator.get(page).body()).contains("damaged by a parser bug").contains("class=\"reprocess\"")
                .contains("class=\"retry-media\"");

        var retried = operator.post("/console/actions/retry-media", java.util.Map.of("mediaId", mediaId, "messageId", id), page);
        assertThat(retried.statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT state FROM whatsapp_media WHERE media_id = ?").param(mediaId).query(String.class).single())
                .isEqualTo("pending");
        assertThat(operator.get(page).body()).contains("will be tried again");

        var reprocessed = operator.post("/console/actions/reprocess", java.util.Map.of("messageId", id), page);
        assertThat(reprocessed.statusCode()).isEqualTo(302);
        assertThat(operator.get(page).body()).contains("through the worker again");
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql("SELECT caption FROM whatsapp_message WHERE message_id = ?")
                .param(id).query(String.class).single()).isEqualTo("the original caption"));

        ConsoleClient viewer = new ConsoleClient(port);
        viewer.signIn("viewer", "viewer-password");
        assertThat(viewer.get(page).body()).doesNotContain("class=\"reprocess\"");
        assertThat(viewer.post("/console/actions/reprocess", java.util.Map.of("messageId", id), page).statusCode()).isEqualTo(403);
    }

    @Test
    void thePipelinePageShowsHealthLagPerPartitionAndThePerMinuteChart() {
        publish(inbound("5511900000033", "wamid.console.pipeline." + UUID.randomUUID(), java.time.Instant.now().getEpochSecond(), "counted"));
        ConsoleClient viewer = new ConsoleClient(port);
        viewer.signIn("viewer", "viewer-password");

        await().atMost(WAIT).untilAsserted(() -> assertThat(viewer.get("/console/pipeline").body())
                .containsPattern("<span[^>]*>[1-9][0-9]*</span> in the last hour"));
        String page = viewer.get("/console/pipeline").body();
        assertThat(page).contains("<meta http-equiv=\"refresh\" content=\"30\">");
        assertThat(page).containsPattern("<strong>db</strong>\\s*<span class=\"up\">UP</span>");
        assertThat(page).contains("Worker lag on whatsapp.webhooks.raw").contains("Records accepted by the ingest and not yet stored");
        assertThat(page.split("<tr><td>", -1)).as("one row per partition").hasSize(1 + io.wapipeline.model.WebhookTopics.DEFAULT_PARTITIONS);
        assertThat(page).contains("<rect").contains("class=\"messages\"").doesNotContain("ingest</strong>");
    }

    @Test
    void anOperatorRedrivesEveryDeadLetterWhoseReasonMatches() {
        String cause = "cause " + UUID.randomUUID();
        String[] ids = { "wamid.console.many.1." + UUID.randomUUID(), "wamid.console.many.2." + UUID.randomUUID() };
        for (String id : ids) {
            byte[] body = inbound("5511900000066", id, java.time.Instant.now().getEpochSecond(), "many " + id)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var letter = new io.wapipeline.model.WebhookRecord("5511900000066", body, java.time.Instant.now(), "many", TestSignatures.sign(body))
                    .toProducerRecord(io.wapipeline.model.WebhookTopics.DEAD_LETTER, 1);
            letter.headers().add(io.wapipeline.model.WebhookHeaders.DEAD_LETTER_REASON, ("refused: " + cause).getBytes());
            publish(letter);
        }
        ConsoleClient operator = new ConsoleClient(port);
        operator.signIn("operator", "operator-password");
        String filtered = "/console/dead-letters?reason=" + cause.replace(' ', '+').toUpperCase(java.util.Locale.ROOT);
        assertThat(operator.get(filtered).body()).contains("2 dead letters (of the newest 500)").contains("class=\"redrive-matching\"");

        var redriven = operator.post("/console/actions/redrive-matching", java.util.Map.of("reason", cause), filtered);
        assertThat(redriven.statusCode()).isEqualTo(302);
        assertThat(operator.get("/console/dead-letters").body()).contains("Sent 2 dead letters whose reason contains");
        for (String id : ids) {
            await().atMost(WAIT).until(() -> operator.get("/console/messages/" + id).statusCode() == 200);
        }
    }

    private static String failed(String recipient, String id, long time, String code, String title) {
        return ApiWebhooks.statuses("PN-FAIL", """
                {"id":"%s","status":"failed","timestamp":"%d","recipient_id":"%s",
                 "errors":[{"code":%s,"title":"%s","message":"%s","error_data":{"details":"details of %s"}}]}"""
                .formatted(id, time, recipient, code, title, title, code));
    }

    private static String inbound(String contact, String id, long time, String text) {
        return ApiWebhooks.messages("PN-THREAD", contact, "Thread Contact", ApiWebhooks.text(id, contact, time, text));
    }

    private static String status(String contact, String id, long time, String status) {
        return ApiWebhooks.statuses("PN-THREAD", ApiWebhooks.status(id, status, time, contact));
    }
}
