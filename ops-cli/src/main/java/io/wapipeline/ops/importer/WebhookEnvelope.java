package io.wapipeline.ops.importer;

import java.util.Optional;

import io.wapipeline.model.payload.Business;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook Meta sends around one {@code messages[]} item, for the rows that kept only the item: the account as
 * entry id, the business number as metadata, and the sender's profile name when one is known.
 */
final class WebhookEnvelope {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookEnvelope() {
    }

    static byte[] around(JsonNode item, Business business, Optional<String> contactName) {
        ObjectNode webhook = JSON.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode entry = webhook.putArray("entry").addObject().put("id", business.wabaId());
        ObjectNode change = entry.putArray("changes").addObject().put("field", "messages");
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        ObjectNode metadata = value.putObject("metadata");
        putIfPresent(metadata, "display_phone_number", business.displayPhoneNumber());
        putIfPresent(metadata, "phone_number_id", business.phoneNumberId());
        contactName.ifPresent(name -> value.putArray("contacts").addObject()
                .<ObjectNode>set("profile", JSON.createObjectNode().put("name", name)).put("wa_id", item.path("from").asString()));
        value.putArray("messages").add(item);
        return JSON.writeValueAsBytes(webhook);
    }

    static void putIfPresent(ObjectNode node, String property, String value) {
        if (value != null && !value.isBlank()) {
            node.put(property, value);
        }
    }
}
