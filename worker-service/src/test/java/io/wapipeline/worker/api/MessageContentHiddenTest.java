package io.wapipeline.worker.api;

import static io.wapipeline.worker.api.ApiWebhooks.T;
import static io.wapipeline.worker.api.MessageEditsTest.at;
import static io.wapipeline.worker.api.MessageEditsTest.ordered;
import static io.wapipeline.worker.api.MessageEditsTest.withoutReceivedAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.groups.Tuple.tuple;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.zaxxer.hikari.HikariDataSource;

import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerInstance;
import io.wapipeline.worker.console.ConsoleClient;

/**
 * {@code whatsapp.api.revoked-content: hide}: a second worker reads this test context's database with the setting (it
 * consumes nothing). A message its sender deleted, and its edits, are still listed and marked deleted, with their
 * content left out and {@code contentHidden} saying why, in the API and the console alike; a search by words does not
 * find them. The context's own worker keeps the default and shows everything.
 */
class MessageContentHiddenTest extends ApiIntegrationTest {

    private static final long SENT = T + 500;

    @Autowired
    private DataSource dataSource;

    @Test
    void hideLeavesOutWhatItsSenderDeletedAndSaysWhy() throws SQLException {
        String business = unique("pn");
        String contact = unique("contact");
        String original = "wamid.secret-" + contact;
        String edit = "wamid.secret-edit-" + contact;
        String revoke = "wamid.secret-revoke-" + contact;
        String kept = "wamid.kept-" + contact;
        publish(ApiWebhooks.messages(business, contact, "Ana", ApiWebhooks.text(original, contact, SENT, "secret words"),
                Webhooks.editItem(edit, contact, original, "even more secret", SENT + 60),
                Webhooks.revokeItem(revoke, contact, original, SENT + 90),
                ApiWebhooks.text(kept, contact, SENT + 120, "secret but kept")));
        awaitMessages(business, 4);

        try (WorkerInstance hiding = WorkerInstance.start(database(), "hide-" + UUID.randomUUID(), "whatsapp.worker.consume=false",
                "whatsapp.api.revoked-content=hide", "whatsapp.console.users=" + CONSOLE_USERS)) {
            Map<String, Object> hidden = okAt(hiding.port(), "/api/whatsapp/messages/" + original);

            assertThat(withoutReceivedAt(hidden)).isEqualTo(ordered("messageId", original, "businessPhoneNumberId", business,
                    "contactId", contact, "from", contact, "fromUserId", null, "contactName", "Ana", "type", "text", "text", null,
                    "caption", null, "timestamp", at(SENT), "replyToMessageId", null, "reaction", null, "location", null,
                    "media", null, "editedMessageId", null, "revokedMessageId", null, "edited", true, "editedAt", at(SENT + 60),
                    "deleted", true, "deletedAt", at(SENT + 90), "contentHidden", "deleted by its sender",
                    "source", "live", "outbound", false, "groupId", null, "historyStatus", null, "versions", List.of(ordered("messageId", original, "timestamp", at(SENT), "text", null, "caption", null),
                            ordered("messageId", edit, "timestamp", at(SENT + 60), "text", null, "caption", null)),
                    "direction", "inbound", "rawPayload", null, "currentStatus", null, "statuses", List.of()));
            assertThat(items(okAt(hiding.port(), "/api/whatsapp/messages?business=" + business)))
                    .extracting(item -> item.get("messageId"), item -> item.get("text"), item -> item.get("deleted"),
                            item -> item.get("contentHidden"))
                    .containsExactly(tuple(kept, "secret but kept", false, null),
                            tuple(revoke, null, false, null),
                            tuple(edit, null, true, "deleted by its sender"),
                            tuple(original, null, true, "deleted by its sender"));
            assertThat(items(okAt(hiding.port(), "/api/whatsapp/messages?business=" + business + "&q=secret")))
                    .as("the hidden words find nothing").extracting(item -> item.get("messageId")).containsExactly(kept);
            assertThat(items(ok("/api/whatsapp/messages?business=" + business + "&q=secret")))
                    .as("where content is kept, they do").extracting(item -> item.get("messageId")).containsExactly(kept, edit, original);
            assertThat(ok("/api/whatsapp/messages/" + original)).containsEntry("text", "even more secret")
                    .containsEntry("deleted", true).containsEntry("contentHidden", null);

            ConsoleClient browser = new ConsoleClient(hiding.port());
            browser.signIn("viewer", "viewer-password");
            String page = browser.get("/console/messages/" + original).body();
            assertThat(page).contains("deleted by its sender").contains("hidden: deleted by its sender (whatsapp.api.revoked-content is hide)")
                    .doesNotContain("secret words").doesNotContain("even more secret");
            assertThat(browser.get("/console/conversations/" + contact).body()).contains("secret but kept").contains("content hidden")
                    .doesNotContain("secret words").doesNotContain("even more secret");
        }
    }

    @Test
    void aValueOtherThanKeepOrHideStopsStartUpNamingTheSetting() {
        Throwable failure = catchThrowable(() -> WorkerInstance.start(database(), "hide-" + UUID.randomUUID(),
                "whatsapp.worker.consume=false", "whatsapp.api.revoked-content=erase").close());

        Throwable cause = failure;
        while (cause != null && (cause.getMessage() == null || !cause.getMessage().contains("whatsapp.api.revoked-content"))) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a start-up failure naming the setting, got %s", failure).isNotNull();
    }

    /** This context's database (its DATABASE_URL makes a new one each time it is read). */
    private String database() throws SQLException {
        return dataSource.unwrap(HikariDataSource.class).getJdbcUrl();
    }
}
