package io.wapipeline.model.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.wapipeline.testsupport.Fixtures;
import tools.jackson.databind.JsonNode;

class WebhookParserTest {

    private static final Business BUSINESS = new Business("102290129340398", "106540352242922", "15550783881");

    private static final String BUSINESS_PHONE = "15550783881";

    private static final String FIRST_MESSAGE = "/entry/0/changes/0/value/messages/0";

    private static final String FIRST_CHANGE_VALUE = "/entry/0/changes/0/value";

    // Messages

    @Test
    void textMessageDecodesMetasEscapes() {
        MessageReceived message = onlyMessage("text.json");

        assertReceived(message, "text", "wamid.HBgNNTUxMTk4NzY1MDEwMRUCABIYFDM3MkVBMDhDQUIzM0U3MUMwMkM2AA==",
                "5511987650101", "José Conceição 😀", 1778000101);
        assertThat(message.textBody()).isEqualTo("Olá! Peço o catálogo: https://example.com/cat?lang=pt 👍");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody"));
        assertThat(message.contactId()).isEqualTo("5511987650101");
    }

    @Test
    void imageCaptionIsBothItsCaptionAndItsText() {
        MessageReceived message = onlyMessage("image.json");

        assertReceived(message, "image", "wamid.HBgNNDkxNTExMjM0MDEwMhUCABIYFDBFNzYyOTI3OTQ4ODhENEYxRkE3AA==",
                "4915112340102", "Lena Schröder", 1778000102);
        assertThat(message.caption()).isEqualTo("Kassenbon vom Montag");
        assertThat(message.textBody()).isEqualTo("Kassenbon vom Montag");
        assertThat(message.media()).isEqualTo(new Media("1503221334168021", "image/jpeg",
                "YQXWzHavQAMl6U1YjOURvlv9u3O0N9xR7KQ5F9ekPj0=", null, null, null,
                "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1503221334168021&ext=1778000402&hash=ATuX2k1Yq3Fq"));
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody", "caption", "media"));
    }

    @Test
    void videoWithoutCaptionHasOnlyItsMedia() {
        MessageReceived message = onlyMessage("video.json");

        assertReceived(message, "video", "wamid.HBgMOTE5ODc2NTAwMTAzFQIAEhgURkZCQUY1OEYxMjMxNjI4RjlBQzIA",
                "919876500103", "Priya Sharma", 1778000103);
        assertThat(message.media()).isEqualTo(new Media("1184536120183921", "video/mp4",
                "DKsclhdAT68rJOIh4YnKWUWBPhTT92Y0WwnKE7vij/w=", null, null, null, null));
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("media"));
    }

    @Test
    void voiceNoteIsAnAudioMessageWithVoiceSet() {
        MessageReceived message = onlyMessage("audio-voice.json");

        assertReceived(message, "audio", "wamid.HBgLMzM2MTIzNDAxMDQVAgASGBRDRkQwNTg3RjZERjZFNjczMDhGNgA=",
                "33612340104", "Camille", 1778000104);
        assertThat(message.media()).isEqualTo(new Media("2040783719982210", "audio/ogg; codecs=opus",
                "btiRnOIEkKXjrYYwpPq2lHUper0H23ORjdXzb8+usRs=", null, true, null, null));
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("media"));
    }

    @Test
    void documentKeepsItsFilenameAndCaption() {
        MessageReceived message = onlyMessage("document.json");

        assertReceived(message, "document", "wamid.HBgLMTQxNTU1NTAxMDUVAgASGBQ0RjgyNzhDODlBRDE2REEwNUZFQwA=",
                "14155550105", "Jordan Lee", 1778000105);
        assertThat(message.caption()).isEqualTo("Signed lease, page 1-3");
        assertThat(message.textBody()).isEqualTo("Signed lease, page 1-3");
        assertThat(message.media()).isEqualTo(new Media("903512877730145", "application/pdf",
                "Q8wj+lK4e0zB0CtbEUFUFR1q3dsXyf3cBrAn+pniQAg=", "lease-2026.pdf", null, null, null));
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody", "caption", "media"));
    }

    @Test
    void animatedStickerIsMediaWithAnimatedSet() {
        MessageReceived message = onlyMessage("sticker.json");

        assertReceived(message, "sticker", "wamid.HBgNNTIxNTUxMjM0MDEwNhUCABIYFDY1ODFGNjU0MzE0OENDMjQyNTJFAA==",
                "5215512340106", "Sofía", 1778000106);
        assertThat(message.media()).isEqualTo(new Media("761245093377210", "image/webp",
                "V8SxOkxzNecvFmngUG6ZII3x2gUMEl2meLI+u1W/TGE=", null, null, true, null));
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("media"));
    }

    @Test
    void locationCarriesCoordinatesNameAndAddress() {
        MessageReceived message = onlyMessage("location.json");

        assertReceived(message, "location", "wamid.HBgMNDQ3NzAwOTAwMTA3FQIAEhgUNjQ2OUFDODRBODk3NDhCQjY3QjkA",
                "447700900107", "Oliver", 1778000107);
        assertThat(message.location()).isEqualTo(new Location(51.523767, -0.1585557, "Sherlock Holmes Museum",
                "221B Baker St, London NW1 6XE", null));
        assertThat(message.textBody()).isEqualTo("Sherlock Holmes Museum");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody", "location"));
    }

    @Test
    void sharedContactCardsAreKeptInTheRawItem() {
        MessageReceived message = onlyMessage("contacts.json");

        assertReceived(message, "contacts", "wamid.HBgLMzQ2MTIzNDAxMDgVAgASGBQ5REI0OUE1OTI0OUVFRkI2RjY1MgA=",
                "34612340108", "Lucía", 1778000108);
        JsonNode card = tree(message.rawJson()).at("/contacts/0");
        assertThat(card.at("/name/formatted_name").asString()).isEqualTo("Marta García");
        assertThat(card.at("/phones/0/wa_id").asString()).isEqualTo("34612349988");
        assertThat(card.at("/org/company").asString()).isEqualTo("Ferretería García");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd());
    }

    @Test
    void buttonReplyGivesTheButtonIdAndTitle() {
        MessageReceived message = onlyMessage("interactive-button-reply.json");

        assertReceived(message, "interactive", "wamid.HBgNMjM0ODAxMjM0MDEwORUCABIYFDI0MkI5QUU3QjVGQTc0ODVERDUxAA==",
                "2348012340109", "Chinedu", 1778000109);
        assertThat(message.interactiveType()).isEqualTo("button_reply");
        assertThat(message.replyId()).isEqualTo("confirm-order-4411");
        assertThat(message.replyTitle()).isEqualTo("Yes, confirm");
        assertThat(message.textBody()).isEqualTo("Yes, confirm");
        assertThat(message.context()).isEqualTo(new ReplyContext(
                "wamid.HBgNMjM0ODAxMjM0MDEwORUCABIYFEJFNDdCRjZDODMzODRFNTZGRUM3AA==", BUSINESS_PHONE, false, false));
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(
                commonFieldsAnd("textBody", "context", "interactiveType", "replyId", "replyTitle"));
    }

    @Test
    void listReplyGivesTheRowIdAndTitleAndKeepsItsDescription() {
        MessageReceived message = onlyMessage("interactive-list-reply.json");

        assertReceived(message, "interactive", "wamid.HBgMNjI4MTIzNDUwMTEwFQIAEhgUNzIxRTAwRTc1MzJCNDQyNjc3QkYA",
                "628123450110", "Budi", 1778000110);
        assertThat(message.interactiveType()).isEqualTo("list_reply");
        assertThat(message.replyId()).isEqualTo("slot-2026-05-06-0930");
        assertThat(message.replyTitle()).isEqualTo("Wed 09:30");
        assertThat(message.textBody()).isEqualTo("Wed 09:30");
        assertThat(message.context()).isEqualTo(new ReplyContext(
                "wamid.HBgMNjI4MTIzNDUwMTEwFQIAEhgUMDI0RDBGQTlFMzkxQjdDOUFGQjgA", BUSINESS_PHONE, false, false));
        assertThat(tree(message.rawJson()).at("/interactive/list_reply/description").asString())
                .isEqualTo("Jakarta Selatan branch");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(
                commonFieldsAnd("textBody", "context", "interactiveType", "replyId", "replyTitle"));
    }

    @Test
    void flowReplyKeepsItsResponseJsonAsTheStringMetaSent() {
        MessageReceived message = onlyMessage("interactive-nfm-reply.json");

        assertReceived(message, "interactive", "wamid.HBgLMjc4MjEyMzAxMTEVAgASGBRCMjZBQjQ3Qjg4MTkwRUZGNDBGMwA=",
                "27821230111", "Thabo", 1778000111);
        assertThat(message.interactiveType()).isEqualTo("nfm_reply");
        assertThat(message.replyId()).isEqualTo("flow");
        assertThat(message.textBody()).isEqualTo("Sent");
        assertThat(message.context()).isEqualTo(new ReplyContext(
                "wamid.HBgLMjc4MjEyMzAxMTEVAgASGBQxQ0IzMjZDMzM3RjAzRjI2RjBGQwA=", BUSINESS_PHONE, false, false));
        JsonNode responseJson = tree(message.rawJson()).at("/interactive/nfm_reply/response_json");
        assertThat(responseJson.isString()).isTrue();
        assertThat(tree(responseJson.asString()).at("/delivery_date").asString()).isEqualTo("2026-05-08");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(
                commonFieldsAnd("textBody", "context", "interactiveType", "replyId"));
    }

    @Test
    void templateQuickReplyGivesPayloadAndText() {
        MessageReceived message = onlyMessage("button.json");

        assertReceived(message, "button", "wamid.HBgMMzkzNDcxMjMwMTEyFQIAEhgUN0I3RkNDNzhENkNEMTUwNzkyNUIA",
                "393471230112", "Giulia", 1778000112);
        assertThat(message.replyId()).isEqualTo("STOP_PROMOTIONS");
        assertThat(message.replyTitle()).isEqualTo("Stop promotions");
        assertThat(message.textBody()).isEqualTo("Stop promotions");
        assertThat(message.context()).isEqualTo(new ReplyContext(
                "wamid.HBgMMzkzNDcxMjMwMTEyFQIAEhgUMjRDRjk4MEE1RjBCREE0RTk5MjYA", BUSINESS_PHONE, false, false));
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody", "context", "replyId", "replyTitle"));
    }

    @Test
    void reactionNamesTheMessageAndTheEmoji() {
        MessageReceived message = onlyMessage("reaction.json");

        assertReceived(message, "reaction", "wamid.HBgNNTQ5MTEyMzQ1MDExMxUCABIYFEE5MDQzRkZFNDY5ODAzRjdBN0YwAA==",
                "5491123450113", "Mateo", 1778000113);
        assertThat(message.reactionMessageId()).isEqualTo("wamid.HBgNNTQ5MTEyMzQ1MDExMxUCABIYFDJGNjgyNTM1QkFGOTJDMjQ4MDNFAA==");
        assertThat(message.reactionEmoji()).isEqualTo("\u2764\uFE0F");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("reactionMessageId", "reactionEmoji"));
    }

    @Test
    void removedReactionNamesTheMessageWithoutAnEmoji() {
        MessageReceived message = onlyMessage("reaction-removed.json");

        assertReceived(message, "reaction", "wamid.HBgNNTQ5MTEyMzQ1MDExNBUCABIYFDc5NDY4MUVGNzMzNkZFMDA0REQxAA==",
                "5491123450114", "Valentina", 1778000114);
        assertThat(message.reactionMessageId()).isEqualTo("wamid.HBgNNTQ5MTEyMzQ1MDExNBUCABIYFEFGNDYyMjI2NjczNUMzODUxRTFBAA==");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("reactionMessageId"));
    }

    @Test
    void orderTextIsItsReadableTextAndItsItemsStayInTheRawItem() {
        MessageReceived message = onlyMessage("order.json");

        assertReceived(message, "order", "wamid.HBgMOTcxNTAxMjMwMTE1FQIAEhgUQ0NFNTVFNDMwOUE3NTM5ODVCREQA",
                "971501230115", "Omar", 1778000115);
        assertThat(message.textBody()).isEqualTo("Please deliver after 6pm");
        JsonNode order = tree(message.rawJson()).at("/order");
        assertThat(order.at("/catalog_id").asString()).isEqualTo("1376448323247910");
        assertThat(order.at("/product_items").size()).isEqualTo(2);
        assertThat(order.at("/product_items/0/item_price").doubleValue()).isEqualTo(45.5);
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody"));
    }

    @Test
    void changedNumberIsASystemMessageWithoutAContactProfile() {
        MessageReceived message = onlyMessage("system-user-changed-number.json");

        assertReceived(message, "system", "wamid.HBgLMTQxNTU1NTAxMTYVAgASGBQyRjZGQzM5MTk1RUI5RTcyNjAzRAA=",
                "14155550116", null, 1778000116);
        assertThat(message.systemType()).isEqualTo("user_changed_number");
        assertThat(message.textBody()).isEqualTo("Alex changed from 14155550116 to 14155550216");
        assertThat(tree(message.rawJson()).at("/system/wa_id").asString()).isEqualTo("14155550216");
        assertThat(message.identityChange()).isEqualTo(new IdentityChange("14155550216", null, null));
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody", "systemType", "identityChange"));
    }

    @Test
    void identityChangeIsASystemMessageThatKeepsTheIdentity() {
        MessageReceived message = onlyMessage("system-identity-changed.json");

        assertReceived(message, "system", "wamid.HBgLMTQxNTU1NTAxMTcVAgASGBRDOTc2RjQzNjExNUEzM0QwMDk1OAA=",
                "14155550117", null, 1778000117);
        assertThat(message.systemType()).isEqualTo("customer_identity_changed");
        assertThat(message.textBody()).isEqualTo("User 14155550117 changed their security code");
        assertThat(tree(message.rawJson()).at("/identity/hash").asString()).isEqualTo("8c9gSQ3hQ+s=");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody", "systemType"));
    }

    @Test
    void unsupportedMessageKeepsItsErrors() {
        MessageReceived message = onlyMessage("unsupported.json");

        assertReceived(message, "unsupported", "wamid.HBgMODE5MDEyMzQwMTE4FQIAEhgUOTk1RkVFMUYxQTdFQjNBMkE5MzUA",
                "819012340118", "Haruto", 1778000118);
        assertThat(tree(message.errorsJson())).isEqualTo(fixtureAt("unsupported.json", FIRST_MESSAGE + "/errors"));
        assertThat(tree(message.errorsJson()).at("/0/code").intValue()).isEqualTo(131051);
        assertThat(tree(message.rawJson()).at("/unsupported/type").asString()).isEqualTo("edit");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("errorsJson"));
    }

    @Test
    void unknownTypeIsKeptAsSentWithItsObject() {
        MessageReceived message = onlyMessage("unknown-type.json");

        assertReceived(message, "future_thing", "wamid.HBgMODIxMDEyMzQwMTE5FQIAEhgUNzg4NTg4QkRBQzM3QUM3NTk4N0QA",
                "821012340119", "Minjun", 1778000119);
        assertThat(tree(message.rawJson()).at("/future_thing/shape").asString()).isEqualTo("hologram");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd());
    }

    @Test
    void revokeNamesTheWithdrawnMessage() {
        MessageReceived message = onlyMessage("revoke.json");

        assertReceived(message, "revoke", "wamid.HBgLNjE0MTIzNDAxMjAVAgASGBRFODVBMEY0OTgwNTQ5MzY1MTI4MwA=",
                "61412340120", "Chloe", 1778000120);
        assertThat(message.revokedMessageId()).isEqualTo("wamid.HBgLNjE0MTIzNDAxMjAVAgASGBRERDVGQUNBRDBENTVBODMxQzAxNwA=");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("revokedMessageId"));
    }

    @Test
    void welcomeRequestIsAMessageWithoutBody() {
        MessageReceived message = onlyMessage("request-welcome.json");

        assertReceived(message, "request_welcome", "wamid.HBgKNjU5MTIzMDEyMRUCABIYFDEwMjYyQjlDOTczN0FCRDE1QUIwAA==",
                "6591230121", "Wei", 1778000121);
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd());
    }

    @Test
    void replyCarriesTheQuotedMessageAndTheForwardedFlag() {
        MessageReceived message = onlyMessage("reply-with-context.json");

        assertReceived(message, "text", "wamid.HBgMMzUxOTEyMzQwMTIyFQIAEhgUNTk0OUJDREREOEYxRjg1QkU4OTMA",
                "351912340122", "João", 1778000122);
        assertThat(message.textBody()).isEqualTo("Forwarding this to you again, is it still valid?");
        assertThat(message.context()).isEqualTo(new ReplyContext(
                "wamid.HBgMMzUxOTEyMzQwMTIyFQIAEhgUNTdFQkU4QUQ5M0U5NDQ0MjVFN0UA", BUSINESS_PHONE, true, false));
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody", "context"));
    }

    @Test
    void clickToWhatsAppReferralIsKeptAsJson() {
        MessageReceived message = onlyMessage("referral.json");

        assertReceived(message, "text", "wamid.HBgMNTczMDAxMjMwMTIzFQIAEhgUMzNCODhBRUZEMzU1NDA0RTEyODEA",
                "573001230123", "Andrés", 1778000123);
        assertThat(message.textBody()).isEqualTo("Hi! I saw your ad, is shipping really free?");
        assertThat(tree(message.referralJson())).isEqualTo(fixtureAt("referral.json", FIRST_MESSAGE + "/referral"));
        assertThat(tree(message.referralJson()).at("/source_url").asString()).isEqualTo("https://fb.me/4zQ2nJx1b");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody", "referralJson"));
    }

    @Test
    void businessScopedUserWithoutPhoneIsIdentifiedByUserId() {
        MessageReceived message = onlyMessage("business-scoped-user.json");

        assertReceived(message, "text", "wamid.HBgUMTM0OTEyMDg2NTUzMDI3NDE5MjQVAgASGBRERjZFNUNCNzU4MzZFQTc3NjRGMAA=",
                null, null, 1778000124);
        assertThat(message.fromUserId()).isEqualTo("US.13491208655302741924");
        assertThat(message.contactUsername()).isEqualTo("@maria.travels");
        assertThat(message.textBody()).isEqualTo("Do you have rooms for next weekend?");
        assertThat(message.contactId()).isEqualTo("US.13491208655302741924");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("fromUserId", "contactUsername", "textBody"));
    }

    @Test
    void interactiveWithoutItsObjectIsStillAMessageAndTheValueErrorAnEvent() {
        ParsedWebhook parsed = parse("interactive-missing-object.json");

        assertThat(parsed.statuses()).isEmpty();
        assertThat(parsed.messages()).singleElement().satisfies(message -> {
            assertReceived(message, "interactive", "wamid.HBgMMjAxMDAxMjMwMTI1FQIAEhgUOEVENzkxRTY5NjAxNUI3N0YyODEA",
                    "201001230125", "Youssef", 1778000125);
            assertThat(tree(message.rawJson())).isEqualTo(fixtureAt("interactive-missing-object.json", FIRST_MESSAGE));
            assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd());
        });
        assertThat(parsed.events()).singleElement().satisfies(event -> {
            assertThat(event.business()).isEqualTo(BUSINESS);
            assertThat(event.kind()).isEqualTo(EventReceived.ERROR);
            assertThat(event.field()).isEqualTo("messages");
            assertThat(tree(event.payloadJson())).isEqualTo(
                    fixtureAt("interactive-missing-object.json", FIRST_CHANGE_VALUE + "/errors/0"));
            assertThat(tree(event.payloadJson()).at("/code").intValue()).isEqualTo(131000);
            assertThat(event).hasAllNullFieldsOrPropertiesExcept("business", "kind", "field", "payloadJson");
        });
    }

    @Test
    void unknownPropertiesAreKeptInTheRawItemAndInAChangeEventForTheValue() {
        ParsedWebhook parsed = parse("unknown-properties.json");

        assertThat(parsed.messages()).hasSize(1);
        MessageReceived message = parsed.messages().get(0);
        assertReceived(message, "text", "wamid.HBgLMzM2MTIzNDAxMzUVAgASGBQ1MDM0NzlCMDM2RjUxNjY2REQzMQA=",
                "33612340135", "Chloé", 1778000141);
        assertThat(message.textBody()).isEqualTo("Bonjour");
        JsonNode raw = tree(message.rawJson());
        assertThat(raw.at("/ai_label/intent").asString()).isEqualTo("greeting");
        assertThat(raw.at("/text/language_guess").asString()).isEqualTo("fr");
        assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody"));
        assertThat(parsed.events()).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(EventReceived.CHANGE);
            assertThat(event.field()).isEqualTo("messages");
            assertThat(tree(event.payloadJson())).isEqualTo(fixtureAt("unknown-properties.json", FIRST_CHANGE_VALUE));
            assertThat(tree(event.payloadJson()).at("/throughput_tier/level").asString()).isEqualTo("HIGH");
        });
    }

    // Statuses

    @Test
    void statusesOfOneMessageAreReadInTheOrderSent() {
        ParsedWebhook parsed = parse("statuses.json");

        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.statuses()).extracting(StatusReported::status).containsExactly("sent", "delivered", "read");
        assertThat(parsed.statuses()).extracting(StatusReported::messageId)
                .containsOnly("wamid.HBgNNTUxMTk4NzY1MDEyNhUCABIYFEQ2Qzg2QzZFRDIzODM3NDNGMUNDAA==");
        for (int i = 0; i < 3; i++) {
            assertThat(tree(parsed.statuses().get(i).rawJson()))
                    .isEqualTo(fixtureAt("statuses.json", FIRST_CHANGE_VALUE + "/statuses/" + i));
        }
    }

    @Test
    void sentStatusCarriesConversationAndPricing() {
        StatusReported sent = parse("statuses.json").statuses().get(0);

        assertStatus(sent, "sent", "wamid.HBgNNTUxMTk4NzY1MDEyNhUCABIYFEQ2Qzg2QzZFRDIzODM3NDNGMUNDAA==", 1778000126,
                "5511987650126");
        assertThat(sent.conversationId()).isEqualTo("2f1e6d4c8b7a9e0f3c5d1b2a4e6f8091");
        assertThat(sent.conversationOrigin()).isEqualTo("utility");
        assertThat(sent.conversationExpiresAt()).isEqualTo(Instant.ofEpochSecond(1778086526));
        assertPricing(sent);
        assertThat(sent).hasAllNullFieldsOrPropertiesExcept(statusFieldsAnd("conversationId", "conversationOrigin",
                "conversationExpiresAt", "billable", "pricingModel", "pricingCategory", "pricingType"));
    }

    @Test
    void deliveredStatusWithoutExpiryHasNoExpiry() {
        StatusReported delivered = parse("statuses.json").statuses().get(1);

        assertStatus(delivered, "delivered", "wamid.HBgNNTUxMTk4NzY1MDEyNhUCABIYFEQ2Qzg2QzZFRDIzODM3NDNGMUNDAA==",
                1778000127, "5511987650126");
        assertThat(delivered.conversationId()).isEqualTo("2f1e6d4c8b7a9e0f3c5d1b2a4e6f8091");
        assertThat(delivered.conversationOrigin()).isEqualTo("utility");
        assertPricing(delivered);
        assertThat(delivered).hasAllNullFieldsOrPropertiesExcept(statusFieldsAnd("conversationId", "conversationOrigin",
                "billable", "pricingModel", "pricingCategory", "pricingType"));
    }

    @Test
    void readStatusWithoutConversationOrPricingHasNeither() {
        StatusReported read = parse("statuses.json").statuses().get(2);

        assertStatus(read, "read", "wamid.HBgNNTUxMTk4NzY1MDEyNhUCABIYFEQ2Qzg2QzZFRDIzODM3NDNGMUNDAA==", 1778000188,
                "5511987650126");
        assertThat(read).hasAllNullFieldsOrPropertiesExcept(statusFieldsAnd());
    }

    @Test
    void failedStatusKeepsItsErrorsAndCallbackData() {
        StatusReported failed = onlyStatus("status-failed.json");

        assertStatus(failed, "failed", "wamid.HBgNNDkxNTExMjM0MDEyNxUCABIYFEVGRTk3OUNDNEY1RUUyNkZCMTRFAA==", 1778000129,
                "4915112340127");
        assertThat(failed.bizOpaqueCallbackData()).isEqualTo("invoice-7731");
        JsonNode errors = tree(failed.errorsJson());
        assertThat(errors).isEqualTo(fixtureAt("status-failed.json", FIRST_CHANGE_VALUE + "/statuses/0/errors"));
        assertThat(errors.at("/0/code").intValue()).isEqualTo(131026);
        assertThat(errors.at("/0/error_data/details").asString()).isEqualTo("Message Undeliverable.");
        assertThat(failed).hasAllNullFieldsOrPropertiesExcept(statusFieldsAnd("bizOpaqueCallbackData", "errorsJson"));
    }

    @Test
    void playedStatusWithoutConversationNamesTheBusinessScopedRecipient() {
        StatusReported played = onlyStatus("status-played.json");

        assertStatus(played, "played", "wamid.HBgMOTE5ODc2NTAwMTI4FQIAEhgUQzc2M0Q5Qzk2RjM1ODUwQTNBNEMA", 1778000130,
                "919876500128");
        assertThat(played.recipientUserId()).isEqualTo("IN.27514096388350156032");
        assertThat(played).hasAllNullFieldsOrPropertiesExcept(statusFieldsAnd("recipientUserId"));
    }

    // Other fields, errors, envelopes

    @Test
    void templateStatusUpdateIsAChangeEventWithTheEntryTime() {
        EventReceived event = onlyEvent("template-status-update.json");

        assertThat(event.business()).isEqualTo(new Business("102290129340398", null, null));
        assertThat(event.kind()).isEqualTo(EventReceived.CHANGE);
        assertThat(event.field()).isEqualTo("message_template_status_update");
        assertThat(event.time()).isEqualTo(Instant.ofEpochSecond(1778000131));
        assertThat(tree(event.payloadJson())).isEqualTo(fixtureAt("template-status-update.json", FIRST_CHANGE_VALUE));
        assertThat(tree(event.payloadJson()).at("/event").asString()).isEqualTo("APPROVED");
    }

    @Test
    void phoneNumberQualityUpdateIsAChangeEvent() {
        EventReceived event = onlyEvent("phone-number-quality-update.json");

        assertThat(event.business()).isEqualTo(new Business("102290129340398", null, null));
        assertThat(event.kind()).isEqualTo(EventReceived.CHANGE);
        assertThat(event.field()).isEqualTo("phone_number_quality_update");
        assertThat(event.time()).isEqualTo(Instant.ofEpochSecond(1778000132));
        assertThat(tree(event.payloadJson())).isEqualTo(fixtureAt("phone-number-quality-update.json", FIRST_CHANGE_VALUE));
    }

    @Test
    void eachValueLevelErrorIsAnErrorEvent() {
        ParsedWebhook parsed = parse("value-errors.json");

        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.statuses()).isEmpty();
        assertThat(parsed.events()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            EventReceived event = parsed.events().get(i);
            assertThat(event.business()).isEqualTo(BUSINESS);
            assertThat(event.kind()).isEqualTo(EventReceived.ERROR);
            assertThat(event.field()).isEqualTo("messages");
            assertThat(tree(event.payloadJson())).isEqualTo(fixtureAt("value-errors.json", FIRST_CHANGE_VALUE + "/errors/" + i));
            assertThat(event).hasAllNullFieldsOrPropertiesExcept("business", "kind", "field", "payloadJson");
        }
        assertThat(parsed.events()).extracting(event -> tree(event.payloadJson()).at("/code").intValue())
                .containsExactly(131000, 131053);
    }

    @Test
    void dashboardTestWithoutEnvelopeIsParsed() {
        ParsedWebhook parsed = parse("dashboard-test.json");

        assertThat(parsed.statuses()).isEmpty();
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.messages()).singleElement().satisfies(message -> {
            assertThat(message.business()).isEqualTo(new Business(null, "123456123", "16505551111"));
            assertThat(message.messageId()).isEqualTo("wamid.HBgLMTYzMTU1NTAxMjkVAgASGBQ2QzMzNEQ1NjM1RTI4MzQ0OTNDMQA=");
            assertThat(message.type()).isEqualTo("text");
            assertThat(message.from()).isEqualTo("16315550129");
            assertThat(message.contactName()).isEqualTo("test user name");
            assertThat(message.timestamp()).isEqualTo(Instant.ofEpochSecond(1778000133));
            assertThat(message.textBody()).isEqualTo("this is a text message");
            assertThat(tree(message.rawJson())).isEqualTo(fixtureAt("dashboard-test.json", "/value/messages/0"));
            assertThat(message).hasAllNullFieldsOrPropertiesExcept(commonFieldsAnd("textBody"));
        });
    }

    @Test
    void batchedPayloadYieldsEveryItemOfEveryEntryAndChange() {
        ParsedWebhook parsed = parse("batched.json");
        Business secondBusiness = new Business("102290129340399", "106540352242944", "15550783882");

        assertThat(parsed.size()).isEqualTo(7);
        assertThat(parsed.messages()).extracting(MessageReceived::messageId, MessageReceived::from,
                MessageReceived::contactName, MessageReceived::type, MessageReceived::business)
                .containsExactly(
                        tuple("wamid.HBgNNTUxMTk4NzY1MDEzMBUCABIYFEY4NTlBRjBDOEU5NEI4NjY3MzFDAA==", "5511987650130", "Rafael",
                                "text", BUSINESS),
                        tuple("wamid.HBgNNTUxMTk4NzY1MDEzMRUCABIYFEIxNzE5MEE5N0YyQkRCNUI1QkU4AA==", "5511987650131", "Beatriz",
                                "text", BUSINESS),
                        tuple("wamid.HBgNNDkxNTExMjM0MDEzNBUCABIYFDQ0NjZBRTg2Qjg3RTU5OUI3OEZDAA==", "4915112340134", "Jonas",
                                "image", secondBusiness));
        assertThat(parsed.statuses()).extracting(StatusReported::messageId, StatusReported::status,
                StatusReported::recipientId)
                .containsExactly(
                        tuple("wamid.HBgNNTUxMTk4NzY1MDEzMhUCABIYFEVDRjE4MTIyQkFDNTVDRUVCN0RDAA==", "delivered", "5511987650132"),
                        tuple("wamid.HBgNNTUxMTk4NzY1MDEzMxUCABIYFEVDRkFFNUY0NEM1REZEQjRGOTI1AA==", "sent", "5511987650133"),
                        tuple("wamid.HBgNNTUxMTk4NzY1MDEzMhUCABIYFDU3NTlFRkUyQUI0QjBDQjE4QkRGAA==", "read", "5511987650132"));
        assertThat(parsed.events()).singleElement().satisfies(event -> {
            assertThat(event.business()).isEqualTo(new Business("102290129340399", null, null));
            assertThat(event.kind()).isEqualTo(EventReceived.CHANGE);
            assertThat(event.field()).isEqualTo("message_template_quality_update");
            assertThat(event.time()).isEqualTo(Instant.ofEpochSecond(1778000140));
            assertThat(tree(event.payloadJson())).isEqualTo(fixtureAt("batched.json", "/entry/1/changes/1/value"));
        });
    }

    @Test
    void plainTextIsNotAWebhookBecauseItIsNotJson() {
        assertThatThrownBy(() -> WebhookParser.parse(Fixtures.bytes("not-json.txt")))
                .isInstanceOf(NotAWebhookException.class)
                .hasMessageStartingWith("not JSON: ");
    }

    @Test
    void otherObjectIsNotAWhatsAppWebhook() {
        assertThatThrownBy(() -> WebhookParser.parse(Fixtures.bytes("not-whatsapp.json")))
                .isInstanceOf(NotAWebhookException.class)
                .hasMessage("not a WhatsApp webhook: object is 'page'");
    }

    @Test
    void jsonWithoutEntryOrFieldIsNotAWebhook() {
        assertThatThrownBy(() -> WebhookParser.parse(Fixtures.bytes("json-not-webhook.json")))
                .isInstanceOf(NotAWebhookException.class)
                .hasMessage("not a WhatsApp webhook: neither entry[] nor field/value");
    }

    @Test
    void emptyBodyIsNotAWebhook() {
        assertThatThrownBy(() -> WebhookParser.parse(new byte[0]))
                .isInstanceOf(NotAWebhookException.class)
                .hasMessage("not a WhatsApp webhook: the body is not a JSON object");
    }

    // Helpers

    private static ParsedWebhook parse(String fixture) {
        return WebhookParser.parse(Fixtures.bytes(fixture));
    }

    /** The fixture's single message, after checking that nothing else was parsed and that the item was kept whole. */
    private static MessageReceived onlyMessage(String fixture) {
        ParsedWebhook parsed = parse(fixture);
        assertThat(parsed.statuses()).isEmpty();
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.messages()).hasSize(1);
        MessageReceived message = parsed.messages().get(0);
        assertThat(tree(message.rawJson())).isEqualTo(fixtureAt(fixture, FIRST_MESSAGE));
        return message;
    }

    private static StatusReported onlyStatus(String fixture) {
        ParsedWebhook parsed = parse(fixture);
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.statuses()).hasSize(1);
        StatusReported status = parsed.statuses().get(0);
        assertThat(tree(status.rawJson())).isEqualTo(fixtureAt(fixture, FIRST_CHANGE_VALUE + "/statuses/0"));
        return status;
    }

    private static EventReceived onlyEvent(String fixture) {
        ParsedWebhook parsed = parse(fixture);
        assertThat(parsed.messages()).isEmpty();
        assertThat(parsed.statuses()).isEmpty();
        assertThat(parsed.events()).hasSize(1);
        return parsed.events().get(0);
    }

    private static void assertReceived(MessageReceived message, String type, String messageId, String from,
            String contactName, long sentAtEpochSecond) {
        assertThat(message.business()).isEqualTo(BUSINESS);
        assertThat(message.type()).isEqualTo(type);
        assertThat(message.messageId()).isEqualTo(messageId);
        assertThat(message.from()).isEqualTo(from);
        assertThat(message.contactName()).isEqualTo(contactName);
        assertThat(message.timestamp()).isEqualTo(Instant.ofEpochSecond(sentAtEpochSecond));
        assertThat(message.source()).isEqualTo(MessageSource.LIVE);
        assertThat(message.outbound()).isFalse();
        assertThat(message.to()).isEqualTo(PersonIds.NONE);
    }

    /** The fields {@link #assertReceived} checks, plus the raw item, plus those named: all others must be null. */
    private static String[] commonFieldsAnd(String... fields) {
        return Stream.concat(Stream.of("business", "type", "messageId", "from", "contactName", "timestamp", "rawJson", "source", "outbound", "to"),
                Stream.of(fields)).toArray(String[]::new);
    }

    private static void assertStatus(StatusReported status, String name, String messageId, long atEpochSecond,
            String recipientId) {
        assertThat(status.business()).isEqualTo(BUSINESS);
        assertThat(status.status()).isEqualTo(name);
        assertThat(status.messageId()).isEqualTo(messageId);
        assertThat(status.timestamp()).isEqualTo(Instant.ofEpochSecond(atEpochSecond));
        assertThat(status.recipientId()).isEqualTo(recipientId);
    }

    private static String[] statusFieldsAnd(String... fields) {
        return Stream.concat(Stream.of("business", "status", "messageId", "timestamp", "recipientId", "rawJson", "participant"),
                Stream.of(fields)).toArray(String[]::new);
    }

    private static void assertPricing(StatusReported status) {
        assertThat(status.billable()).isTrue();
        assertThat(status.pricingModel()).isEqualTo("PMP");
        assertThat(status.pricingCategory()).isEqualTo("utility");
        assertThat(status.pricingType()).isEqualTo("regular");
    }

    private static JsonNode tree(String json) {
        return Json.MAPPER.readTree(json);
    }

    private static JsonNode fixtureAt(String fixture, String pointer) {
        JsonNode node = Json.MAPPER.readTree(Fixtures.bytes(fixture)).at(pointer);
        assertThat(node.isMissingNode()).as("%s has %s", fixture, pointer).isFalse();
        return node;
    }
}
