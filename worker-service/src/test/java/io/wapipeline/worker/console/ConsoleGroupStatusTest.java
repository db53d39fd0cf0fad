package io.wapipeline.worker.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * A message sent to a group, in the console: the sent list and the message page name the group and say "read by 3
 * of 5", and the message page lists each participant's statuses, Meta's ids escaped.
 */
class ConsoleGroupStatusTest extends WorkerIntegrationTest {

    private static final long T = 1_778_200_000L;
    /** A participant known only by a user id that looks like markup: it must be shown as text. */
    private static final String MARKUP_ID = "BR.<b>five</b>";

    @Test
    void aGroupMessageIsListedOnceAsReadByThreeOfFiveAndItsPageListsEachParticipant() {
        String group = "1203630" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@g.us";
        String messageId = "wamid.console.group." + UUID.randomUUID();
        List<String> phones = List.of("5511977773001", "5511977773002", "5511977773003", "5511977773004");
        List<String> items = new ArrayList<>();
        // the first two in the same second, and two failures: the message must still be one row of the sent list
        List<Long> deliveredAt = List.of(T + 1, T + 1, T + 3, T + 4);
        for (int n = 0; n < 4; n++) {
            items.add(Webhooks.groupStatusItem(messageId, "delivered", group, phones.get(n), null, deliveredAt.get(n)));
        }
        items.add(Webhooks.groupStatusItem(messageId, "delivered", group, null, MARKUP_ID, T + 5));
        items.add(failed(messageId, group, phones.get(2), T + 6));
        items.add(failed(messageId, group, phones.get(3), T + 7));
        items.add(Webhooks.groupStatusItem(messageId, "read", group, phones.get(0), null, T + 11));
        items.add(Webhooks.groupStatusItem(messageId, "read", group, phones.get(1), null, T + 12));
        items.add(Webhooks.groupStatusItem(messageId, "read", group, null, MARKUP_ID, T + 13));
        publish(Webhooks.statuses(items));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id = ?", messageId) == 10);
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("viewer", "viewer-password");

        String sent = browser.get("/console/messages/sent?contact=" + group).body();
        assertThat(sent.split(Pattern.quote(messageId), -1)).as("one row (link and id) per message, not per status").hasSize(3);
        assertThat(sent).contains("<span>group </span><span>" + group + "</span>")
                .contains("<span class=\"state read\">read</span>")
                .contains("read by 3 of 5, delivered to 5 of 5").contains("failed: 131026 Message undeliverable");

        String page = browser.get("/console/messages/" + messageId).body();
        assertThat(page).contains("<dt>Sent to the group</dt><dd class=\"id\">" + group + "</dd>")
                .contains("<span>read by 3 of 5</span>").contains("<span>delivered to 5 of 5</span>")
                .doesNotContain("<b>five</b>").doesNotContain("class=\"timeline\"");
        assertThat(participantRows(page)).containsExactly(
                "5511977773001: delivered " + at(T + 1) + ", read " + at(T + 11),
                "5511977773002: delivered " + at(T + 1) + ", read " + at(T + 12),
                "5511977773003: delivered " + at(T + 3) + ", failed " + at(T + 6),
                "5511977773004: delivered " + at(T + 4) + ", failed " + at(T + 7),
                "BR.&lt;b&gt;five&lt;/b&gt;: delivered " + at(T + 5) + ", read " + at(T + 13));
    }

    private static String failed(String messageId, String group, String participant, long time) {
        return """
                {"id":"%s","status":"failed","timestamp":"%d","recipient_id":"%s","recipient_type":"group",
                 "recipient_participant_id":"%s","errors":[{"code":131026,"title":"Message undeliverable"}]}"""
                .formatted(messageId, time, group, participant);
    }

    /** Each row of the participants table as "name: status time, status time". */
    private static List<String> participantRows(String page) {
        Matcher table = Pattern.compile("<table class=\"list participants\">(.*?)</table>", Pattern.DOTALL).matcher(page);
        assertThat(table.find()).as("the participants table").isTrue();
        Matcher row = Pattern.compile("<tr>\\s*<td><span class=\"id\">([^<]*)</span>(.*?)</tr>", Pattern.DOTALL).matcher(table.group(1));
        Pattern status = Pattern.compile("<span class=\"state [^\"]*\">([^<]*)</span>\\s*<span>([^<]*)</span>");
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            Matcher statuses = status.matcher(row.group(2));
            List<String> reported = new ArrayList<>();
            while (statuses.find()) {
                reported.add(statuses.group(1) + " " + statuses.group(2));
            }
            rows.add(row.group(1) + ": " + String.join(", ", reported));
        }
        return rows;
    }

    private static String at(long epochSecond) {
        return java.time.Instant.ofEpochSecond(epochSecond).toString();
    }
}
