package io.wapipeline.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.wapipeline.bench.DeliveryPlan.Delivery;
import io.wapipeline.model.signature.WebhookSigner;
import io.wapipeline.traffic.compose.SignedBody;

/**
 * Signed bodies the pipeline must keep apart instead of storing, among good ones: one that is not JSON (dead-lettered),
 * and good text webhooks changed to a message from the year 10000 or with a 3,000-character message id (each kept as
 * an unreadable event).
 */
final class PoisonWebhooks {

    /** 10000-01-01T00:00:00Z in Unix seconds, as Meta writes timestamps: a string. */
    private static final String YEAR_10000 = "253402300800";
    private static final int LONG_ID_CHARACTERS = 3_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookSigner signer;

    PoisonWebhooks(String appSecret) {
        this.signer = new WebhookSigner(appSecret);
    }

    /** The {@code n}-th poison body, of the three kinds in turn, the later two made from {@code good}. */
    Delivery nth(int n, SignedBody good, String runId) {
        return switch (n % 3) {
            case 0 -> notJson("[poison " + runId + "-" + n + "]");
            case 1 -> fromTheYear10000(good);
            default -> withLongMessageId(good, "wamid.poison." + runId + "." + n + ".");
        };
    }

    /** {@code marker} names this body alone: bracketed, so that no marker is part of another. */
    private Delivery notJson(String marker) {
        byte[] body = ("this is {not JSON " + marker).getBytes(StandardCharsets.UTF_8);
        return new Delivery(1, body, signer.sign(body), List.of(Item.deadLetter(marker)));
    }

    private Delivery fromTheYear10000(SignedBody good) {
        ObjectNode root = (ObjectNode) JSON.readTree(good.body());
        ObjectNode message = firstMessage(root).put("timestamp", YEAR_10000);
        return signed(root, Item.keptApart(message.path("id").asString()));
    }

    private Delivery withLongMessageId(SignedBody good, String prefix) {
        ObjectNode root = (ObjectNode) JSON.readTree(good.body());
        String id = prefix + "L".repeat(LONG_ID_CHARACTERS - prefix.length());
        firstMessage(root).put("id", id);
        return signed(root, Item.keptApart(id));
    }

    private Delivery signed(ObjectNode root, Item item) {
        byte[] body = JSON.writeValueAsBytes(root);
        return new Delivery(1, body, signer.sign(body), List.of(item));
    }

    private static ObjectNode firstMessage(ObjectNode root) {
        return (ObjectNode) root.path("entry").get(0).path("changes").get(0).path("value").path("messages").get(0);
    }
}
