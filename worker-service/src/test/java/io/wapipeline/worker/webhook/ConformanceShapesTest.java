package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wapipeline.testsupport.Conformance;
import io.wapipeline.testsupport.RequiresConformanceCorpus;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * The 2026 shapes as other projects captured them (the conformance corpus, pywa's test data), through Kafka into the
 * exact rows: a coexistence echo, a number change, an identity change and a marketing preference. Ids are made this
 * test's own, so other tests storing the same files never meet them.
 */
@RequiresConformanceCorpus
class ConformanceShapesTest extends WorkerIntegrationTest {

    @Test
    void anEchoFromPywaIsTheBusinesssReplyToTheUser() {
        publish(corpus("pywa/outgoing_message__text.json").replace("<WHATSAPP_MESSAGE_ID>", "wamid.CONF-ECHO-1")
                .replace("<WHATSAPP_USER_PHONE_NUMBER>", "5511960000001").replace("<BSUID>", "BR.960000000001")
                .replace("<PARENT_BSUID>", "BR.ENT.960000000001").replace("<BUSINESS_PHONE_NUMBER_ID>", "PN-CONF-ECHO"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = 'wamid.CONF-ECHO-1'") == 1);
        assertThat(row("SELECT source, outbound, contact_id, to_number, to_user_id, text_body, message_type"
                + " FROM whatsapp_message WHERE message_id = 'wamid.CONF-ECHO-1'"))
                .containsEntry("source", "echo").containsEntry("outbound", true).containsEntry("contact_id", "5511960000001")
                .containsEntry("to_number", "5511960000001").containsEntry("to_user_id", "BR.960000000001")
                .containsEntry("text_body", "Test message").containsEntry("message_type", "text");
        assertThat(count("SELECT count(*) FROM whatsapp_contact_identifier WHERE contact_id = '5511960000001'")).isEqualTo(3);
    }

    @Test
    void aNumberChangeFromPywaLinksTheOldAndTheNewNumber() {
        publish(corpus("pywa/system__phone_number_change.json").replace("972987654321", "5511960000002")
                .replace("972912345678", "5511960000003").replace("wamid.xyzxyz==", "wamid.CONF-SYSTEM-1"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = 'wamid.CONF-SYSTEM-1'") == 1);
        assertThat(jdbc.sql("SELECT value || '→' || contact_id FROM whatsapp_contact_identifier WHERE value IN"
                + " ('5511960000002', '5511960000003') ORDER BY value").query(String.class).list())
                .containsExactly("5511960000002→5511960000002", "5511960000003→5511960000002");
        assertThat(row("SELECT system_type, contact_id FROM whatsapp_message WHERE message_id = 'wamid.CONF-SYSTEM-1'"))
                .containsEntry("system_type", "user_changed_number").containsEntry("contact_id", "5511960000002");
    }

    @Test
    void aMarketingResumeFromPywaIsTheContactsPreference() {
        publish(corpus("pywa/user_marketing_preferences__resume.json").replace("16505551234", "5511960000004")
                .replace("972987654321", "5511960000005").replace("US.13491208655302741918", "US.960000000005"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_contact WHERE contact_id = '5511960000004'"
                + " AND marketing_preference IS NOT NULL") == 1);
        Map<String, Object> contact = row("SELECT marketing_preference, extract(epoch FROM marketing_preference_at)::bigint AS at"
                + " FROM whatsapp_contact WHERE contact_id = '5511960000004'");
        assertThat(contact).containsEntry("marketing_preference", "resume").containsEntry("at", 1731705721L);
        assertThat(count("SELECT count(*) FROM whatsapp_event WHERE field = 'user_preferences'"
                + " AND payload::text LIKE '%5511960000004%'")).as("the change kept whole, for the preference's history").isEqualTo(1);
    }

    private static String corpus(String file) {
        try {
            return Files.readString(Conformance.directory().resolve(file));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
