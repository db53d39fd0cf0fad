package io.wapipeline.traffic.compose;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * What a simulation sends.
 *
 * @param mix             which webhooks
 * @param batch           items (messages and statuses) per POST, spread over entries and changes as Meta does
 * @param duplicates      the fraction, 0 to 1, of POSTs delivered a second time, byte for byte, a little later
 * @param shuffleStatuses whether the statuses of one outbound message are sent out of order (timestamps stay true)
 * @param contacts        distinct simulated users
 * @param business        the business the webhooks are addressed to
 * @param seed            seeds every random choice: the same seed gives the same types, contacts, texts, batches,
 *                        re-deliveries and status orders (ids still carry the run id, timestamps the clock)
 * @param runId           part of every message id, so that two runs never collide in the pipeline's database
 */
public record Traffic(Mix mix, int batch, double duplicates, boolean shuffleStatuses, int contacts,
        SimulatedBusiness business, long seed, String runId) {

    /** Meta batches up to 1000 updates in one POST. */
    public static final int MAX_BATCH = 1000;
    public static final int DEFAULT_CONTACTS = 100;

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public Traffic {
        Objects.requireNonNull(mix, "mix");
        Objects.requireNonNull(business, "business");
        Require.that(batch >= 1 && batch <= MAX_BATCH, "the batch (--batch) must be between 1 and " + MAX_BATCH);
        Require.that(duplicates >= 0 && duplicates <= 1, "the duplicates fraction (--duplicates) must be between 0 and 1");
        Require.that(contacts >= 1 && contacts <= ContactBook.MAX_CONTACTS,
                "the contacts (--contacts) must be between 1 and " + ContactBook.MAX_CONTACTS);
        Require.that(runId != null && RUN_ID.matcher(runId).matches(),
                "the run id (--run-id) must be 1 to 32 letters, digits, '-' or '_'");
    }

    /** One item per POST, no duplicates, statuses in order, {@value #DEFAULT_CONTACTS} contacts, a random seed and run id. */
    public static Traffic of(Mix mix) {
        return new Traffic(mix, 1, 0, false, DEFAULT_CONTACTS, SimulatedBusiness.DEFAULT, randomSeed(), newRunId());
    }

    public Traffic batched(int itemsPerPost) {
        return new Traffic(mix, itemsPerPost, duplicates, shuffleStatuses, contacts, business, seed, runId);
    }

    public Traffic withDuplicates(double fraction) {
        return new Traffic(mix, batch, fraction, shuffleStatuses, contacts, business, seed, runId);
    }

    public Traffic shufflingStatuses() {
        return new Traffic(mix, batch, duplicates, true, contacts, business, seed, runId);
    }

    public Traffic withContacts(int distinctContacts) {
        return new Traffic(mix, batch, duplicates, shuffleStatuses, distinctContacts, business, seed, runId);
    }

    public Traffic addressedTo(SimulatedBusiness simulatedBusiness) {
        return new Traffic(mix, batch, duplicates, shuffleStatuses, contacts, simulatedBusiness, seed, runId);
    }

    public Traffic withSeed(long randomSeed) {
        return new Traffic(mix, batch, duplicates, shuffleStatuses, contacts, business, randomSeed, runId);
    }

    public Traffic withRunId(String id) {
        return new Traffic(mix, batch, duplicates, shuffleStatuses, contacts, business, seed, id);
    }

    public static long randomSeed() {
        return ThreadLocalRandom.current().nextLong();
    }

    /** Eight base-36 characters (36^7 to 36^8 - 1): two runs share one with odds of about one in 10^12. */
    public static String newRunId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(78_364_164_096L, 2_821_109_907_456L), 36);
    }
}
