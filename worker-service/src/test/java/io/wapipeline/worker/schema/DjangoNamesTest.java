package io.wapipeline.worker.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wapipeline.worker.WorkerIntegrationTest;
import io.wapipeline.worker.api.ApiWebhooks;

/**
 * The Django app's table names as views: every query of its troubleshooting guide, as docs/migrating-from-django.md
 * lists it, runs as written and returns the same rows as its twin over this system's tables; and each view's column
 * is the column of the new tables it says it is.
 */
class DjangoNamesTest extends WorkerIntegrationTest {

    private static final Path GUIDE = Path.of("../docs/migrating-from-django.md");
    /** A pair in the document: the guide's query, then the same question over the new tables. */
    private static final Pattern PAIR = Pattern.compile(
            "```sql\\n-- the guide\\n(.+?)\\n```\\s*```sql\\n-- the same over this system's tables\\n(.+?)\\n```", Pattern.DOTALL);
    private static final String CONTACT = "15550001234";

    @Autowired
    private DataSource dataSource;

    private static boolean published;

    /** Published once the worker has created its topic; dedupe makes a second publication harmless anyway. */
    private static synchronized void someTraffic() {
        if (published) {
            return;
        }
        published = true;
        long now = Instant.now().getEpochSecond();
        publishRecord(ApiWebhooks.messages("PN-DJANGO", CONTACT, "Ada Guide",
                ApiWebhooks.text("wamid.GUIDE-EXAMPLE", CONTACT, now - 120, "where is my order?"),
                ApiWebhooks.image("wamid.GUIDE-IMAGE", CONTACT, now - 60, "771100223344", "the parcel"),
                ApiWebhooks.location("wamid.GUIDE-LOCATION", CONTACT, now - 7200)));
        publishRecord(ApiWebhooks.messages("PN-DJANGO", "15550009999", "Bo Other",
                ApiWebhooks.text("wamid.GUIDE-OTHER", "15550009999", now - 86_400 * 3, "hello")));
    }

    @Test
    void everyQueryOfTheGuideReturnsTheSameRowsAsItsTwinOverTheNewTables() throws Exception {
        awaitTraffic();
        List<String[]> pairs = pairs();
        assertThat(pairs).as("the guide's queries in " + GUIDE).hasSizeGreaterThanOrEqualTo(10);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            // one snapshot for both queries of a pair, whatever other tests' messages arrive meanwhile
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            for (String[] pair : pairs) {
                List<List<String>> guide = rows(connection, pair[0]);
                List<List<String>> twin = rows(connection, pair[1]);
                assertThat(guide).as(pair[0]).isEqualTo(twin);
                connection.commit();
            }
        }
    }

    @Test
    void theGuidesQueriesFindTheTrafficTheyAskAbout() throws Exception {
        awaitTraffic();
        try (Connection connection = dataSource.getConnection()) {
            assertThat(rows(connection, pair("Did one message arrive?")[0])).singleElement()
                    .satisfies(row -> assertThat(row.subList(0, 4)).containsExactly("wamid.GUIDE-EXAMPLE", CONTACT, "text", "where is my order?"));
            assertThat(rows(connection, pair("One contact's messages")[0])).as("newest first, with the contact's name")
                    .extracting(row -> row.subList(0, 3))
                    .containsExactly(List.of("Ada Guide", "image", "the parcel"), List.of("Ada Guide", "text", "where is my order?"),
                            List.of("Ada Guide", "location", "Sherlock Holmes Museum"));
        }
    }

    @Test
    void eachColumnOfTheMessageViewIsTheColumnItNames() {
        awaitTraffic();
        Map<String, Object> view = jdbc.sql("SELECT * FROM whatsapp_whatsappmessage WHERE message_id = 'wamid.GUIDE-IMAGE'").query().singleRow();
        Map<String, Object> row = jdbc.sql("""
                SELECT m.id, m.message_id, m.from_number, m.display_phone_number, m.phone_number_id, m.contact_name, m.message_type,
                       m.text_body, m.caption, m.media_id, m.media_mime_type, m.timestamp, m.raw_payload::text AS raw_payload,
                       c.id AS conversation_id, m.stored_at
                  FROM whatsapp_message m JOIN whatsapp_conversation c ON c.phone_number_id = m.phone_number_id AND c.contact_id = m.contact_id
                 WHERE m.message_id = 'wamid.GUIDE-IMAGE'""").query().singleRow();
        assertThat(view.keySet()).containsExactly("id", "message_id", "from_number", "to_number", "phone_number_id", "contact_name",
                "message_type", "text_body", "caption", "media_id", "media_mime_type", "timestamp", "raw_payload", "conversation_id",
                "created_at");
        assertThat(view.get("id")).isEqualTo(row.get("id"));
        assertThat(view.get("message_id")).isEqualTo("wamid.GUIDE-IMAGE");
        assertThat(view.get("from_number")).isEqualTo(CONTACT);
        assertThat(view.get("to_number")).isEqualTo(row.get("display_phone_number")).isNotNull();
        assertThat(view.get("phone_number_id")).isEqualTo("PN-DJANGO");
        assertThat(view.get("contact_name")).isEqualTo("Ada Guide");
        assertThat(view.get("message_type")).isEqualTo("image");
        assertThat(view.get("text_body")).isEqualTo(row.get("text_body")).isEqualTo("the parcel");
        assertThat(view.get("caption")).isEqualTo("the parcel");
        assertThat(view.get("media_id")).isEqualTo("771100223344");
        assertThat(view.get("media_mime_type")).isEqualTo(row.get("media_mime_type")).isNotNull();
        assertThat(view.get("timestamp")).isEqualTo(row.get("timestamp"));
        assertThat(String.valueOf(view.get("raw_payload"))).isEqualTo(row.get("raw_payload")).contains("771100223344");
        assertThat(view.get("conversation_id")).isEqualTo(row.get("conversation_id")).isNotNull();
        assertThat(view.get("created_at")).isEqualTo(row.get("stored_at"));

        Map<String, Object> conversation = jdbc.sql("SELECT * FROM whatsapp_whatsappconversation WHERE id = ?")
                .param(view.get("conversation_id")).query().singleRow();
        assertThat(conversation.keySet()).containsExactly("id", "phone_number", "name", "phone_number_id", "display_phone_number",
                "message_count", "last_message_at", "last_message_preview", "created_at", "updated_at");
        assertThat(conversation.get("phone_number")).isEqualTo(CONTACT);
        assertThat(conversation.get("name")).isEqualTo("Ada Guide");
        assertThat(conversation.get("phone_number_id")).isEqualTo("PN-DJANGO");
        assertThat(conversation.get("message_count")).isEqualTo(3L);
        assertThat(conversation.get("created_at")).as("the first message's time")
                .isEqualTo(jdbc.sql("SELECT timestamp FROM whatsapp_message WHERE message_id = 'wamid.GUIDE-LOCATION'").query().singleValue());
        assertThat(conversation.get("last_message_at"))
                .isEqualTo(jdbc.sql("SELECT timestamp FROM whatsapp_message WHERE message_id = 'wamid.GUIDE-IMAGE'").query().singleValue());
    }

    private void awaitTraffic() {
        someTraffic();
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql(
                "SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.GUIDE-%'").query(Long.class).single()).isEqualTo(4L));
    }

    private static List<String[]> pairs() throws IOException {
        Matcher pair = PAIR.matcher(Files.readString(GUIDE));
        List<String[]> pairs = new ArrayList<>();
        while (pair.find()) {
            pairs.add(new String[] { pair.group(1).strip(), pair.group(2).strip() });
        }
        return pairs;
    }

    /** The pair under the question that starts with {@code question}. */
    private static String[] pair(String question) throws IOException {
        String text = Files.readString(GUIDE);
        Matcher pair = PAIR.matcher(text);
        assertThat(pair.find(text.indexOf("**" + question))).as(question).isTrue();
        return new String[] { pair.group(1).strip(), pair.group(2).strip() };
    }

    private static List<List<String>> rows(Connection connection, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    row.add(String.valueOf(result.getObject(column)));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
