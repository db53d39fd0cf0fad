package io.wapipeline.traffic.compose;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import io.wapipeline.model.signature.WebhookSigner;

/**
 * The POSTs of a run in sending order: fresh webhooks of {@code batch} items each, signed, with re-deliveries of
 * earlier ones mixed in. Used by the one thread that sends, so every body follows from the seed.
 */
public final class PostSource {

    private final ItemStream items;
    private final WebhookComposer composer;
    private final Redeliveries redeliveries;
    private final WebhookSigner signer;
    private final int batch;
    private final long freshLimit;
    private long freshSent;

    private PostSource(ItemStream items, WebhookComposer composer, Redeliveries redeliveries, WebhookSigner signer,
            int batch, long freshLimit) {
        this.items = items;
        this.composer = composer;
        this.redeliveries = redeliveries;
        this.signer = signer;
        this.batch = batch;
        this.freshLimit = freshLimit;
    }

    /**
     * Separate random streams for contents, layout and re-deliveries, so that asking for duplicates or another batch
     * size does not change which messages are sent.
     */
    public static PostSource of(Traffic traffic, String appSecret, long count, LongSupplier epochSeconds) {
        SplittableRandom random = new SplittableRandom(traffic.seed());
        ItemStream items = ItemStream.of(traffic, random.split(), epochSeconds);
        WebhookComposer composer = new WebhookComposer(traffic.business(), random.split());
        Redeliveries redeliveries = new Redeliveries(traffic.duplicates(), random.split());
        return new PostSource(items, composer, redeliveries, new WebhookSigner(appSecret), traffic.batch(),
                count > 0 ? count : Long.MAX_VALUE);
    }

    /** The next POST, or null once the count is reached and every re-delivery is out. */
    public Post next() {
        Post due = redeliveries.due(freshSent);
        if (due != null) {
            return due;
        }
        return freshSent < freshLimit ? fresh() : redeliveries.next();
    }

    private Post fresh() {
        List<SimulatedItem> batchItems = Stream.generate(items::next).limit(batch).toList();
        byte[] body = composer.compose(batchItems);
        Post post = Post.of(body, signer.sign(body), batchItems);
        redeliveries.consider(post, ++freshSent);
        return post;
    }
}
