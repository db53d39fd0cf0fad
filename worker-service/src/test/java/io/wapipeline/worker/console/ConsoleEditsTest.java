package io.wapipeline.worker.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;
import io.wapipeline.worker.api.ApiWebhooks;

/**
 * The console marks what edits and revokes did: the message list, the message page (with every version, oldest first)
 * and the conversation thread say "edited" and "deleted by its sender", and show the newest words, escaped.
 */
class ConsoleEditsTest extends WorkerIntegrationTest {

    private static final long SENT = 1_778_100_000L;

    @Test
    void theListTheMessagePageAndTheThreadMarkEditedAndDeletedMessages() {
        String contact = "55119" + (10_000_000 + (int) (Math.random() * 80_000_000));
        String business = "PN-EDITS-" + UUID.randomUUID();
        String original = "wamid.console.original." + UUID.randomUUID();
        String edit = "wamid.console.edit." + UUID.randomUUID();
        String revoke = "wamid.console.revoke." + UUID.randomUUID();
        publish(ApiWebhooks.messages(business, contact, "Edit Contact", Webhooks.revokeItem(revoke, contact, original, SENT + 90),
                Webhooks.editItem(edit, contact, original, "<b>second</b> words", SENT + 60)));
        publish(ApiWebhooks.messages(business, contact, "Edit Contact", ApiWebhooks.text(original, contact, SENT, "first words")));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE phone_number_id = ?", business) == 3);
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("viewer", "viewer-password");

        String list = browser.get("/console/messages?business=" + business).body();
        assertThat(list).as("the original with its newest words and both marks, escaped")
                .containsPattern("<span>&lt;b&gt;second&lt;/b&gt; words</span>\\s*<span class=\"mark edited\" title=\"newest edit "
                        + Instant.ofEpochSecond(SENT + 60) + "\">edited</span>\\s*<span class=\"mark deleted\" title=\"deleted "
                        + Instant.ofEpochSecond(SENT + 90) + "\">deleted by its sender</span>\\s*</td>")
                .doesNotContain("<b>second</b>");
        assertThat(list).as("the edit and the revoke listed too").contains("<td>edit</td>").contains("<td>revoke</td>");

        String page = browser.get("/console/messages/" + original).body();
        assertThat(page).contains("<dd class=\"text\">&lt;b&gt;second&lt;/b&gt; words</dd>")
                .contains("newest edit " + Instant.ofEpochSecond(SENT + 60) + "; the words shown are its, the versions are below")
                .contains("<span class=\"mark deleted\">deleted by its sender</span>")
                .contains(Instant.ofEpochSecond(SENT + 90).toString())
                .doesNotContain("content hidden");
        String versions = page.substring(page.indexOf("<h2>Versions, oldest first</h2>"), page.indexOf("<h2>Status timeline</h2>"));
        assertThat(versions).containsSubsequence(Instant.ofEpochSecond(SENT).toString(), "as sent", "<p>first words</p>",
                Instant.ofEpochSecond(SENT + 60).toString(), edit, "<p>&lt;b&gt;second&lt;/b&gt; words</p>");
        assertThat(browser.get("/console/messages/" + edit).body()).as("an edit links to the message it changes")
                .contains("<dt>Edit of</dt>").contains(original);

        String thread = browser.get("/console/conversations/" + contact).body();
        assertThat(thread).containsPattern("<span>&lt;b&gt;second&lt;/b&gt; words</span>\\s*<span class=\"mark edited\"[^>]*>edited</span>"
                + "\\s*<span class=\"mark deleted\"[^>]*>deleted by its sender</span>");
    }
}
