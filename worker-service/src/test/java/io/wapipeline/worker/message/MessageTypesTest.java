package io.wapipeline.worker.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.wapipeline.testsupport.Fixtures;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * Every inbound message shape, from its fixture through Kafka into {@code whatsapp_message}, checked column by column:
 * the columns a type fills hold the fixture's values, and every other type-specific column is null.
 */
class MessageTypesTest extends WorkerIntegrationTest {

    private static final String SELECT = """
            SELECT message_type, phone_number_id, contact_id, from_number, from_user_id, contact_name, contact_username,
                   text_body, caption, media_id, media_mime_type, media_sha256, media_filename, media_voice, media_animated,
                   reply_to_message_id, context_from, forwarded, reaction_message_id, reaction_emoji, latitude, longitude,
                   location_name, location_address, interactive_type, reply_id, reply_title, system_type, revoked_message_id,
                   edited_message_id, referral->>'source_id' AS referral_source_id, errors->0->>'code' AS error_code,
                   extract(epoch FROM timestamp)::bigint AS epoch, raw_payload->>'id' AS raw_id, source_topic
            FROM whatsapp_message WHERE message_id = ?""";

    /** Columns only some types fill; each must be null unless a case expects it. */
    private static final Set<String> TYPE_SPECIFIC = Set.of("from_user_id", "contact_username", "text_body", "caption",
            "media_id", "media_mime_type", "media_sha256", "media_filename", "media_voice", "media_animated",
            "reply_to_message_id", "context_from", "reaction_message_id", "reaction_emoji", "latitude", "longitude",
            "location_name", "location_address", "interactive_type", "reply_id", "reply_title", "system_type",
            "revoked_message_id", "edited_message_id", "referral_source_id", "error_code");

    record Case(String fixture, String messageId, Map<String, Object> columns) {
        @Override
        public String toString() {
            return fixture;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("text.json", "wamid.HBgNNTUxMTk4NzY1MDEwMRUCABIYFDM3MkVBMDhDQUIzM0U3MUMwMkM2AA==", "text", "5511987650101", 1778000101,
                        "contact_name", "José Conceição 😀", "text_body", "Olá! Peço o catálogo: https://example.com/cat?lang=pt 👍"),
                c("image.json", "wamid.HBgNNDkxNTExMjM0MDEwMhUCABIYFDBFNzYyOTI3OTQ4ODhENEYxRkE3AA==", "image", "4915112340102", 1778000102,
                        "contact_name", "Lena Schröder", "text_body", "Kassenbon vom Montag", "caption", "Kassenbon vom Montag",
                        "media_id", "1503221334168021", "media_mime_type", "image/jpeg",
                        "media_sha256", "YQXWzHavQAMl6U1YjOURvlv9u3O0N9xR7KQ5F9ekPj0="),
                c("video.json", "wamid.HBgMOTE5ODc2NTAwMTAzFQIAEhgURkZCQUY1OEYxMjMxNjI4RjlBQzIA", "video", "919876500103", 1778000103,
                        "contact_name", "Priya Sharma", "media_id", "1184536120183921", "media_mime_type", "video/mp4",
                        "media_sha256", "DKsclhdAT68rJOIh4YnKWUWBPhTT92Y0WwnKE7vij/w="),
                c("audio-voice.json", "wamid.HBgLMzM2MTIzNDAxMDQVAgASGBRDRkQwNTg3RjZERjZFNjczMDhGNgA=", "audio", "33612340104", 1778000104,
                        "contact_name", "Camille", "media_id", "2040783719982210", "media_mime_type", "audio/ogg; codecs=opus",
                        "media_sha256", "btiRnOIEkKXjrYYwpPq2lHUper0H23ORjdXzb8+usRs=", "media_voice", true),
                c("document.json", "wamid.HBgLMTQxNTU1NTAxMDUVAgASGBQ0RjgyNzhDODlBRDE2REEwNUZFQwA=", "document", "14155550105", 1778000105,
                        "contact_name", "Jordan Lee", "text_body", "Signed lease, page 1-3", "caption", "Signed lease, page 1-3",
                        "media_id", "903512877730145", "media_mime_type", "application/pdf", "media_filename", "lease-2026.pdf",
                        "media_sha256", "Q8wj+lK4e0zB0CtbEUFUFR1q3dsXyf3cBrAn+pniQAg="),
                c("sticker.json", "wamid.HBgNNTIxNTUxMjM0MDEwNhUCABIYFDY1ODFGNjU0MzE0OENDMjQyNTJFAA==", "sticker", "5215512340106", 1778000106,
                        "contact_name", "Sofía", "media_id", "761245093377210", "media_mime_type", "image/webp",
                        "media_sha256", "V8SxOkxzNecvFmngUG6ZII3x2gUMEl2meLI+u1W/TGE=", "media_animated", true),
                c("location.json", "wamid.HBgMNDQ3NzAwOTAwMTA3FQIAEhgUNjQ2OUFDODRBODk3NDhCQjY3QjkA", "location", "447700900107", 1778000107,
                        "contact_name", "Oliver", "text_body", "Sherlock Holmes Museum", "latitude", 51.523767, "longitude", -0.1585557,
                        "location_name", "Sherlock Holmes Museum", "location_address", "221B Baker St, London NW1 6XE"),
                c("contacts.json", "wamid.HBgLMzQ2MTIzNDAxMDgVAgASGBQ5REI0OUE1OTI0OUVFRkI2RjY1MgA=", "contacts", "34612340108", 1778000108,
                        "contact_name", "Lucía"),
                c("interactive-button-reply.json", "wamid.HBgNMjM0ODAxMjM0MDEwORUCABIYFDI0MkI5QUU3QjVGQTc0ODVERDUxAA==", "interactive",
                        "2348012340109", 1778000109, "contact_name", "Chinedu", "text_body", "Yes, confirm", "interactive_type", "button_reply",
                        "reply_id", "confirm-order-4411", "reply_title", "Yes, confirm", "context_from", "15550783881",
                        "reply_to_message_id", "wamid.HBgNMjM0ODAxMjM0MDEwORUCABIYFEJFNDdCRjZDODMzODRFNTZGRUM3AA=="),
                c("interactive-list-reply.json", "wamid.HBgMNjI4MTIzNDUwMTEwFQIAEhgUNzIxRTAwRTc1MzJCNDQyNjc3QkYA", "interactive",
                        "628123450110", 1778000110, "contact_name", "Budi", "text_body", "Wed 09:30", "interactive_type", "list_reply",
                        "reply_id", "slot-2026-05-06-0930", "reply_title", "Wed 09:30", "context_from", "15550783881",
                        "reply_to_message_id", "wamid.HBgMNjI4MTIzNDUwMTEwFQIAEhgUMDI0RDBGQTlFMzkxQjdDOUFGQjgA"),
                c("interactive-nfm-reply.json", "wamid.HBgLMjc4MjEyMzAxMTEVAgASGBRCMjZBQjQ3Qjg4MTkwRUZGNDBGMwA=", "interactive",
                        "27821230111", 1778000111, "contact_name", "Thabo", "text_body", "Sent", "interactive_type", "nfm_reply",
                        "reply_id", "flow", "context_from", "15550783881",
                        "reply_to_message_id", "wamid.HBgLMjc4MjEyMzAxMTEVAgASGBQxQ0IzMjZDMzM3RjAzRjI2RjBGQwA="),
                c("button.json", "wamid.HBgMMzkzNDcxMjMwMTEyFQIAEhgUN0I3RkNDNzhENkNEMTUwNzkyNUIA", "button", "393471230112", 1778000112,
                        "contact_name", "Giulia", "text_body", "Stop promotions", "reply_id", "STOP_PROMOTIONS", "reply_title", "Stop promotions",
                        "context_from", "15550783881", "reply_to_message_id", "wamid.HBgMMzkzNDcxMjMwMTEyFQIAEhgUMjRDRjk4MEE1RjBCREE0RTk5MjYA"),
                c("reaction.json", "wamid.HBgNNTQ5MTEyMzQ1MDExMxUCABIYFEE5MDQzRkZFNDY5ODAzRjdBN0YwAA==", "reaction", "5491123450113", 1778000113,
                        "contact_name", "Mateo", "reaction_message_id", "wamid.HBgNNTQ5MTEyMzQ1MDExMxUCABIYFDJGNjgyNTM1QkFGOTJDMjQ4MDNFAA==",
                        "reaction_emoji", "❤️"),
                c("reaction-removed.json", "wamid.HBgNNTQ5MTEyMzQ1MDExNBUCABIYFDc5NDY4MUVGNzMzNkZFMDA0REQxAA==", "reaction", "5491123450114",
                        1778000114, "contact_name", "Valentina",
                        "reaction_message_id", "wamid.HBgNNTQ5MTEyMzQ1MDExNBUCABIYFEFGNDYyMjI2NjczNUMzODUxRTFBAA=="),
                c("order.json", "wamid.HBgMOTcxNTAxMjMwMTE1FQIAEhgUQ0NFNTVFNDMwOUE3NTM5ODVCREQA", "order", "971501230115", 1778000115,
                        "contact_name", "Omar", "text_body", "Please deliver after 6pm"),
                c("system-user-changed-number.json", "wamid.HBgLMTQxNTU1NTAxMTYVAgASGBQyRjZGQzM5MTk1RUI5RTcyNjAzRAA=", "system", "14155550116",
                        1778000116, "contact_name", null, "text_body", "Alex changed from 14155550116 to 14155550216",
                        "system_type", "user_changed_number"),
                c("system-identity-changed.json", "wamid.HBgLMTQxNTU1NTAxMTcVAgASGBRDOTc2RjQzNjExNUEzM0QwMDk1OAA=", "system", "14155550117",
                        1778000117, "contact_name", null, "text_body", "User 14155550117 changed their security code",
                        "system_type", "customer_identity_changed"),
                c("unsupported.json", "wamid.HBgMODE5MDEyMzQwMTE4FQIAEhgUOTk1RkVFMUYxQTdFQjNBMkE5MzUA", "unsupported", "819012340118", 1778000118,
                        "contact_name", "Haruto", "error_code", "131051"),
                c("unknown-type.json", "wamid.HBgMODIxMDEyMzQwMTE5FQIAEhgUNzg4NTg4QkRBQzM3QUM3NTk4N0QA", "future_thing", "821012340119",
                        1778000119, "contact_name", "Minjun"),
                c("revoke.json", "wamid.HBgLNjE0MTIzNDAxMjAVAgASGBRFODVBMEY0OTgwNTQ5MzY1MTI4MwA=", "revoke", "61412340120", 1778000120,
                        "contact_name", "Chloe", "revoked_message_id", "wamid.HBgLNjE0MTIzNDAxMjAVAgASGBRERDVGQUNBRDBENTVBODMxQzAxNwA="),
                c("request-welcome.json", "wamid.HBgKNjU5MTIzMDEyMRUCABIYFDEwMjYyQjlDOTczN0FCRDE1QUIwAA==", "request_welcome", "6591230121",
                        1778000121, "contact_name", "Wei"),
                c("reply-with-context.json", "wamid.HBgMMzUxOTEyMzQwMTIyFQIAEhgUNTk0OUJDREREOEYxRjg1QkU4OTMA", "text", "351912340122", 1778000122,
                        "contact_name", "João", "text_body", "Forwarding this to you again, is it still valid?", "context_from", "15550783881",
                        "reply_to_message_id", "wamid.HBgMMzUxOTEyMzQwMTIyFQIAEhgUNTdFQkU4QUQ5M0U5NDQ0MjVFN0UA", "forwarded", true),
                c("referral.json", "wamid.HBgMNTczMDAxMjMwMTIzFQIAEhgUMzNCODhBRUZEMzU1NDA0RTEyODEA", "text", "573001230123", 1778000123,
                        "contact_name", "Andrés", "text_body", "Hi! I saw your ad, is shipping really free?",
                        "referral_source_id", "120210987654321001"),
                c("unknown-properties.json", "wamid.HBgLMzM2MTIzNDAxMzUVAgASGBQ1MDM0NzlCMDM2RjUxNjY2REQzMQA=", "text", "33612340135", 1778000141,
                        "contact_name", "Chloé", "text_body", "Bonjour"),
                c("interactive-missing-object.json", "wamid.HBgMMjAxMDAxMjMwMTI1FQIAEhgUOEVENzkxRTY5NjAxNUI3N0YyODEA", "interactive",
                        "201001230125", 1778000125, "contact_name", "Youssef"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyMessageShapeIsStoredColumnByColumn(Case expected) {
        publish(Fixtures.bytes(expected.fixture()));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = ?", expected.messageId()) == 1);
        Map<String, Object> row = row(SELECT, expected.messageId());
        expected.columns().forEach((column, value) -> assertThat(row.get(column)).as(column).isEqualTo(value));
        TYPE_SPECIFIC.stream().filter(column -> !expected.columns().containsKey(column))
                .forEach(column -> assertThat(row.get(column)).as(column + " should be null").isNull());
        assertThat(row).containsEntry("raw_id", expected.messageId()).containsEntry("source_topic", "whatsapp.webhooks.raw")
                .containsEntry("phone_number_id", "106540352242922");
    }

    /** A case: the type, the sender, the time, and the type's own columns as name/value pairs. */
    private static Case c(String fixture, String messageId, String type, String from, long epoch, Object... columns) {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("message_type", type);
        expected.put("from_number", from);
        expected.put("contact_id", from);
        expected.put("epoch", epoch);
        expected.put("forwarded", false);
        for (int i = 0; i < columns.length; i += 2) {
            expected.put((String) columns[i], columns[i + 1]);
        }
        return new Case(fixture, messageId, expected);
    }

}
