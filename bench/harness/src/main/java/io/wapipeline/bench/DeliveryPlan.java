package io.wapipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import io.wapipeline.traffic.compose.SignedBody;

/**
 * What the fault suite's own sender ({@link DeliverySender}) posts, for the faults {@code wa-ops simulate} does not
 * make: signed bodies in order, each {@code copies} times at the same moment, and what an acknowledged one promises.
 */
record DeliveryPlan(List<Delivery> deliveries) {

    /** One body, its {@code X-Hub-Signature-256}, how many copies go out at once, and what it carries. */
    record Delivery(int copies, byte[] body, String signature, List<Item> items) {

        /** A body of simulate's generator, once, carrying the messages and statuses it holds. */
        static Delivery of(SignedBody body) {
            return new Delivery(1, body.body(), body.signature(), WebhookItems.of(body.body()));
        }

        Delivery times(int n) {
            return new Delivery(n, body, signature, items);
        }
    }

    static DeliveryPlan once(List<Delivery> deliveries) {
        return new DeliveryPlan(List.copyOf(deliveries));
    }

    /** Every webhook twice at the same moment, then each a third time once all the pairs are out (a later retry). */
    static DeliveryPlan threeTimesTwoAtOnce(List<Delivery> deliveries) {
        return new DeliveryPlan(Stream.concat(deliveries.stream().map(delivery -> delivery.times(2)),
                deliveries.stream().map(delivery -> delivery.times(1))).toList());
    }

    long posts() {
        return deliveries.stream().mapToLong(Delivery::copies).sum();
    }

    /** What the delivery behind an answer line's tag (its index in the plan) carries. */
    List<Item> items(String tag) {
        return deliveries.get(Integer.parseInt(tag)).items();
    }

    /** The sender's input: one line per delivery, tab-separated: copies, tag, signature, the body in base64. */
    Path write(Path file) {
        StringBuilder text = new StringBuilder();
        for (int tag = 0; tag < deliveries.size(); tag++) {
            Delivery delivery = deliveries.get(tag);
            text.append(delivery.copies()).append('\t').append(tag).append('\t').append(delivery.signature()).append('\t')
                    .append(Base64.getEncoder().encodeToString(delivery.body())).append('\n');
        }
        try {
            return Files.writeString(file, text);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
