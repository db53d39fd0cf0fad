package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wapipeline.testsupport.Fixtures;
import io.wapipeline.worker.WorkerIntegrationTest;

/** The shapes that are not a single inbound message: statuses, other fields, errors, batches and odd envelopes. */
class WebhookShapesTest extends WorkerIntegrationTest {

    private static final String STATUS = """
            SELECT status, status_rank, extract(epoch FROM timestamp)::bigint AS epoch, recipient_id, recipient_user_id,
                   conversation_id, conversation_origin, extract(epoch FROM conversation_expires_at)::bigint AS expires,
                   pricing_billable, pricing_model, pricing_category, pricing_type, biz_opaque_callback_data,
                   errors->0->>'code' AS error_code, errors->0->'error_data'->>'details' AS error_details, phone_number_id
            FROM whatsapp_message_status WHERE message_id = ? AND status = ?""";

    @Test
    void statusesKeepConversationAndPricing() {
        String id = "wamid.HBgNNTUxMTk4NzY1MDEyNhUCABIYFEQ2Qzg2QzZFRDIzODM3NDNGMUNDAA==";
        publish(Fixtures.bytes("statuses.json"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id = ?", id) == 3);
        Map<String, Object> sent = row(STATUS, id, "sent");
        assertThat(sent).containsEntry("status_rank", 1).containsEntry("epoch", 1778000126L)
                .containsEntry("recipient_id", "5511987650126").containsEntry("conversation_id", "2f1e6d4c8b7a9e0f3c5d1b2a4e6f8091")
                .containsEntry("conversation_origin", "utility").containsEntry("expires", 1778086526L)
                .containsEntry("pricing_billable", true).containsEntry("pricing_model", "PMP")
                .containsEntry("pricing_category", "utility").containsEntry("pricing_type", "regular")
                .containsEntry("error_code", null).containsEntry("phone_number_id", "106540352242922");
        Map<String, Object> read = row(STATUS, id, "read");
        assertThat(read).containsEntry("status_rank", 4).containsEntry("epoch", 1778000188L)
                .containsEntry("conversation_id", null).containsEntry("pricing_billable", null);
        assertThat(row("SELECT status, extract(epoch FROM status_at)::bigint AS epoch, failed_at FROM whatsapp_message_current_status WHERE message_id = ?", id))
                .containsEntry("status", "read").containsEntry("epoch", 1778000188L).containsEntry("failed_at", null);
    }

    @Test
    void failedStatusKeepsItsErrorsAndCallbackData() {
        String id = "wamid.HBgNNDkxNTExMjM0MDEyNxUCABIYFEVGRTk3OUNDNEY1RUUyNkZCMTRFAA==";
        publish(Fixtures.bytes("status-failed.json"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id = ?", id) == 1);
        assertThat(row(STATUS, id, "failed")).containsEntry("status_rank", 2).containsEntry("error_code", "131026")
                .containsEntry("error_details", "Message Undeliverable.").containsEntry("biz_opaque_callback_data", "invoice-7731")
                .containsEntry("recipient_id", "4915112340127");
    }

    @Test
    void playedStatusWithoutConversationKeepsTheBusinessScopedRecipient() {
        String id = "wamid.HBgMOTE5ODc2NTAwMTI4FQIAEhgUQzc2M0Q5Qzk2RjM1ODUwQTNBNEMA";
        publish(Fixtures.bytes("status-played.json"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id = ?", id) == 1);
        assertThat(row(STATUS, id, "played")).containsEntry("status_rank", 5)
                .containsEntry("recipient_user_id", "IN.27514096388350156032").containsEntry("conversation_id", null);
    }

    @Test
    void otherFieldsAreKeptAsEventsWithTheirJson() {
        publish(Fixtures.bytes("template-status-update.json"));
        publish(Fixtures.bytes("phone-number-quality-update.json"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_event WHERE field IN ('message_template_status_update', 'phone_number_quality_update')") == 2);
        assertThat(row("SELECT kind, waba_id, payload->>'event' AS event, payload->>'message_template_name' AS name FROM whatsapp_event WHERE field = 'message_template_status_update'"))
                .containsEntry("kind", "change").containsEntry("waba_id", "102290129340398")
                .containsEntry("event", "APPROVED").containsEntry("name", "order_shipped");
        assertThat(row("SELECT kind, extract(epoch FROM event_time)::bigint AS epoch, payload->>'current_limit' AS tier FROM whatsapp_event WHERE field = 'phone_number_quality_update'"))
                .containsEntry("kind", "change").containsEntry("epoch", 1778000132L).containsEntry("tier", "TIER_250");
    }

    @Test
    void valueLevelErrorsAreKeptOneEventEach() {
        publish(Fixtures.bytes("value-errors.json"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_event WHERE kind = 'error' AND payload->>'code' IN ('131000', '131053')") >= 2);
        assertThat(count("SELECT count(*) FROM whatsapp_event WHERE kind = 'error' AND payload->>'code' = '131053' AND phone_number_id = '106540352242922'"))
                .isEqualTo(1);
    }

    @Test
    void batchedPostStoresEveryItem() {
        publish(Fixtures.bytes("batched.json"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_event WHERE field = 'message_template_quality_update'") == 1);
        assertThat(count("SELECT count(*) FROM whatsapp_message WHERE from_number IN ('5511987650130', '5511987650131', '4915112340134')")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM whatsapp_message_status WHERE recipient_id IN ('5511987650132', '5511987650133')")).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM whatsapp_media WHERE media_id = '1638400013370001' AND state = 'pending'")).isEqualTo(1);
    }

    @Test
    void dashboardTestPayloadWithoutEnvelopeIsStored() {
        publish(Fixtures.bytes("dashboard-test.json"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE from_number = '16315550129'") == 1);
        assertThat(row("SELECT message_type, text_body, contact_name FROM whatsapp_message WHERE from_number = '16315550129'"))
                .containsEntry("message_type", "text").containsEntry("text_body", "this is a text message")
                .containsEntry("contact_name", "test user name");
    }

    @Test
    void businessScopedUserWithoutPhoneIsKeyedByUserId() {
        publish(Fixtures.bytes("business-scoped-user.json"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE contact_id = 'US.13491208655302741924'") == 1);
        assertThat(row("SELECT from_number, from_user_id, contact_username FROM whatsapp_message WHERE contact_id = 'US.13491208655302741924'"))
                .containsEntry("from_number", null).containsEntry("from_user_id", "US.13491208655302741924")
                .containsEntry("contact_username", "@maria.travels");
        assertThat(row("SELECT contact_wa_id, contact_user_id, contact_username, message_count FROM whatsapp_conversation WHERE contact_id = 'US.13491208655302741924'"))
                .containsEntry("contact_wa_id", null).containsEntry("contact_user_id", "US.13491208655302741924")
                .containsEntry("contact_username", "@maria.travels").containsEntry("message_count", 1L);
    }

    @Test
    void missingInteractiveObjectKeepsTheMessageAndTheValueError() {
        publish(Fixtures.bytes("interactive-missing-object.json"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE from_number = '201001230125'") == 1);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_event WHERE kind = 'error' AND payload->>'code' = '131000' AND waba_id = '102290129340398'") >= 1);
    }

    @Test
    void everyMediaMessageGetsAPendingDownloadJob() {
        publish(Fixtures.bytes("document.json"));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_media WHERE media_id = '903512877730145'") == 1);
        assertThat(row("SELECT message_id, media_type, mime_type, sha256, filename, state, attempts, extract(epoch FROM announced_at)::bigint AS epoch FROM whatsapp_media WHERE media_id = '903512877730145'"))
                .containsEntry("message_id", "wamid.HBgLMTQxNTU1NTAxMDUVAgASGBQ0RjgyNzhDODlBRDE2REEwNUZFQwA=")
                .containsEntry("media_type", "document").containsEntry("mime_type", "application/pdf")
                .containsEntry("sha256", "Q8wj+lK4e0zB0CtbEUFUFR1q3dsXyf3cBrAn+pniQAg=").containsEntry("filename", "lease-2026.pdf")
                .containsEntry("state", "pending").containsEntry("attempts", 0).containsEntry("epoch", 1778000105L);
    }
}
