package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wapipeline.model.WebhookRecord;
import io.wapipeline.testsupport.TestSignatures;
import io.wapipeline.worker.WorkerIntegrationTest;
import io.wapipeline.worker.system.Failures;

/**
 * One person is one contact, whatever order the webhooks naming them arrive in and however often: each sequence is
 * written in every order (and every order delivered twice) through the worker's own decoder and batch writer into the
 * real database, each order under a business account and number of its own, and every order must leave the same
 * contacts, ids, conversations and messages.
 */
class ContactIdentityTest extends WorkerIntegrationTest {

    private static final AtomicLong OFFSETS = new AtomicLong();

    @Autowired
    private RecordDecoder decoder;

    @Autowired
    private BatchWriter writer;

    @Autowired
    private DataSource dataSource;

    /** A phone number with a BSUID, then the BSUID alone, then a number change, then the new number. */
    private static final List<String> ONE_PERSON = List.of(
            message("m1", "\"from\":\"5511900000001\"", "{\"profile\":{\"name\":\"Ana\"},\"wa_id\":\"5511900000001\",\"user_id\":\"BR.900000000001\"}", 100, "Oi"),
            message("m2", "\"from_user_id\":\"BR.900000000001\"", "{\"profile\":{\"username\":\"@ana\"},\"user_id\":\"BR.900000000001\"}", 200, "Tudo bem?"),
            system("m3", "\"from\":\"5511900000001\"", "\"wa_id\":\"5511900000002\",\"type\":\"user_changed_number\"", 300),
            message("m4", "\"from\":\"5511900000002\"", "{\"profile\":{\"name\":\"Ana L\"},\"wa_id\":\"5511900000002\"}", 400, "Novo número"));

    /** Two contacts, a phone number and a BSUID, that a status then names together. */
    private static final List<String> TWO_BECOME_ONE = List.of(
            message("n1", "\"from\":\"5511900000003\"", "{\"profile\":{\"name\":\"Bia\"},\"wa_id\":\"5511900000003\"}", 150, "Olá"),
            message("n2", "\"from_user_id\":\"BR.900000000003\"", "{\"profile\":{\"name\":\"Bia S\"},\"user_id\":\"BR.900000000003\"}", 160, "Sou eu"),
            "{\"statuses\":[{\"id\":\"wamid.OUT-TAG-n3\",\"status\":\"delivered\",\"timestamp\":\"170\","
                    + "\"recipient_id\":\"5511900000003\",\"recipient_user_id\":\"BR.900000000003\"}]}");

    @Test
    void aPersonNamedByPhoneBusinessIdAndANewNumberIsOneContactInEveryOrder() {
        List<Map<String, List<Map<String, Object>>>> outcomes = outcomesOfEveryOrder(ONE_PERSON);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isEqualTo(outcomes.get(0)));
        Map<String, List<Map<String, Object>>> outcome = outcomes.get(0);
        assertThat(outcome.get("contacts")).singleElement().satisfies(contact -> {
            assertThat(contact.get("contact_id")).isEqualTo("5511900000001");
            assertThat(contact.get("key_kind")).isEqualTo("wa_id");
            assertThat(contact.get("profile_name")).isEqualTo("Ana L");
        });
        assertThat(outcome.get("ids")).extracting(id -> id.get("kind") + ":" + id.get("value") + "→" + id.get("contact_id"))
                .containsExactly("user_id:BR.900000000001→5511900000001", "wa_id:5511900000001→5511900000001",
                        "wa_id:5511900000002→5511900000001");
        assertThat(outcome.get("conversations")).singleElement().satisfies(conversation -> {
            assertThat(conversation.get("contact_id")).isEqualTo("5511900000001");
            assertThat(conversation.get("message_count")).isEqualTo(4L);
            assertThat(conversation.get("last_message_id")).isEqualTo("wamid.TAG-m4");
        });
        assertThat(outcome.get("messages")).extracting(m -> m.get("contact_id")).containsOnly("5511900000001");
    }

    @Test
    void twoContactsThatAStatusNamesTogetherAreMergedInEveryOrder() {
        List<Map<String, List<Map<String, Object>>>> outcomes = outcomesOfEveryOrder(TWO_BECOME_ONE);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isEqualTo(outcomes.get(0)));
        Map<String, List<Map<String, Object>>> outcome = outcomes.get(0);
        assertThat(outcome.get("contacts")).singleElement().satisfies(contact -> {
            assertThat(contact.get("contact_id")).isEqualTo("5511900000003");
            assertThat(contact.get("profile_name")).isEqualTo("Bia S");
        });
        assertThat(outcome.get("conversations")).singleElement().satisfies(conversation -> {
            assertThat(conversation.get("message_count")).isEqualTo(2L);
            assertThat(conversation.get("first_message_at")).isEqualTo(java.sql.Timestamp.from(Instant.ofEpochSecond(150)));
        });
    }

    @Test
    void workersWritingOnePersonsWebhooksAtOnceLeaveWhatOneWorkerLeaves() throws Exception {
        List<Map<String, List<Map<String, Object>>>> concurrent = new ArrayList<>();
        String first = UUID.randomUUID().toString().substring(0, 8);
        ONE_PERSON.forEach(value -> write(first, value));
        Map<String, List<Map<String, Object>>> expected = outcome(first);
        ExecutorService workers = Executors.newFixedThreadPool(ONE_PERSON.size());
        try {
            for (int run = 0; run < 10; run++) {
                String tag = UUID.randomUUID().toString().substring(0, 8);
                List<Future<?>> writes = new ArrayList<>();
                ONE_PERSON.forEach(value -> writes.add(workers.submit(() -> writeRetryingDeadlocks(tag, value))));
                for (Future<?> write : writes) {
                    write.get();
                }
                concurrent.add(outcome(tag));
            }
        }
        finally {
            workers.shutdownNow();
        }
        assertThat(expected.get("contacts")).hasSize(1);
        assertThat(concurrent).allSatisfy(outcome -> assertThat(outcome).isEqualTo(expected));
    }

    /**
     * A batch in flight holds its account's contact lock shared while it files rows. A batch naming only new people
     * links them without waiting for it; a batch that merges two stored contacts changes keys the batch in flight may
     * be filing rows under, so it waits for it, and then merges.
     */
    @Test
    void onlyAMergeWaitsForTheBatchesInFlight() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        write(tag, TWO_BECOME_ONE.get(0));
        ExecutorService workers = Executors.newSingleThreadExecutor();
        try (Connection inFlight = dataSource.getConnection()) {
            inFlight.setAutoCommit(false);
            try (var lock = inFlight.prepareStatement("SELECT pg_advisory_xact_lock_shared(hashtextextended(?, 0))")) {
                lock.setString(1, "whatsapp_contact:WABA-" + tag);
                lock.executeQuery().close();
            }

            Future<?> newPerson = workers.submit(() -> write(tag, TWO_BECOME_ONE.get(1)));
            await().atMost(Duration.ofMinutes(2)).until(newPerson::isDone);
            newPerson.get();
            assertThat(rows("SELECT contact_id FROM whatsapp_contact WHERE waba_id = ? ORDER BY contact_id", "WABA-" + tag))
                    .extracting(row -> row.get("contact_id")).containsExactly("5511900000003", "BR.900000000003");

            Future<?> merge = workers.submit(() -> write(tag, TWO_BECOME_ONE.get(2)));
            await().atMost(Duration.ofMinutes(2)).until(() -> waitingFor("whatsapp_contact:WABA-" + tag) == 1);
            assertThat(merge).isNotDone();
            inFlight.rollback();
            await().atMost(Duration.ofMinutes(2)).until(merge::isDone);
            merge.get();
        }
        finally {
            workers.shutdownNow();
        }
        assertThat(rows("SELECT contact_id FROM whatsapp_contact WHERE waba_id = ?", "WABA-" + tag))
                .extracting(row -> row.get("contact_id")).containsExactly("5511900000003");
        assertThat(rows("SELECT value, contact_id FROM whatsapp_contact_identifier WHERE waba_id = ? ORDER BY value", "WABA-" + tag))
                .extracting(row -> row.get("value") + "→" + row.get("contact_id"))
                .containsExactly("5511900000003→5511900000003", "BR.900000000003→5511900000003");
    }

    /** How many transactions wait for the advisory lock of that name. */
    private long waitingFor(String name) {
        return jdbc.sql("""
                SELECT count(*) FROM pg_locks
                 WHERE locktype = 'advisory' AND NOT granted
                   AND ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)
                """).param(name).query(Long.class).single();
    }

    /** As the listener does: a batch the database stopped for a transient reason is written again. */
    private void writeRetryingDeadlocks(String tag, String value) {
        for (int attempt = 1; ; attempt++) {
            try {
                write(tag, value);
                return;
            }
            catch (RuntimeException failure) {
                if (!Failures.isTransient(failure) || attempt == 20) {
                    throw failure;
                }
            }
        }
    }

    /** Every order of the webhooks, each delivered twice, each under an account and number of its own. */
    private List<Map<String, List<Map<String, Object>>>> outcomesOfEveryOrder(List<String> values) {
        List<Map<String, List<Map<String, Object>>>> outcomes = new ArrayList<>();
        for (List<Integer> order : permutations(values.size())) {
            String tag = UUID.randomUUID().toString().substring(0, 8);
            for (int round = 0; round < 2; round++) {
                order.forEach(index -> write(tag, values.get(index)));
            }
            outcomes.add(outcome(tag));
        }
        return outcomes;
    }

    private void write(String tag, String value) {
        String metadata = "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550000000\","
                + "\"phone_number_id\":\"PN-" + tag + "\"},";
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA-" + tag + "\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":" + metadata + value.substring(1).replace("TAG", tag) + "}]}]}";
        ProducerRecord<String, byte[]> produced = WebhookRecord.keyed(body.getBytes(StandardCharsets.UTF_8), Instant.now(),
                UUID.randomUUID().toString(), TestSignatures.sign(body.getBytes(StandardCharsets.UTF_8))).toProducerRecord();
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(produced.topic(), 0, OFFSETS.incrementAndGet(),
                produced.key(), produced.value());
        produced.headers().forEach(header -> consumed.headers().add(header));
        writer.write(new DecodedBatch(decoder.decode(List.of(consumed))));
    }

    /** What the order left, with its tag taken out so that orders compare. */
    private Map<String, List<Map<String, Object>>> outcome(String tag) {
        return Map.of(
                "contacts", rows("SELECT contact_id, key_kind, profile_name, username, first_seen_at, last_seen_at"
                        + " FROM whatsapp_contact WHERE waba_id = ? ORDER BY contact_id", "WABA-" + tag),
                "ids", rows("SELECT kind, value, contact_id, first_seen_at, last_seen_at FROM whatsapp_contact_identifier"
                        + " WHERE waba_id = ? ORDER BY kind, value", "WABA-" + tag),
                "conversations", rows("SELECT contact_id, message_count, first_message_at, last_message_at,"
                        + " replace(last_message_id, ?, 'TAG') AS last_message_id, contact_name, contact_wa_id, contact_user_id"
                        + " FROM whatsapp_conversation WHERE phone_number_id = ? ORDER BY contact_id", tag, "PN-" + tag),
                "messages", rows("SELECT replace(message_id, ?, 'TAG') AS message_id, contact_id FROM whatsapp_message"
                        + " WHERE phone_number_id = ? ORDER BY message_id", tag, "PN-" + tag));
    }

    private List<Map<String, Object>> rows(String sql, Object... params) {
        var statement = jdbc.sql(sql);
        for (Object param : params) {
            statement = statement.param(param);
        }
        return statement.query().listOfRows();
    }

    private static String message(String id, String sender, String contact, long at, String text) {
        return "{\"contacts\":[" + contact + "],\"messages\":[{" + sender + ",\"id\":\"wamid.TAG-" + id + "\",\"timestamp\":\"" + at
                + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]}";
    }

    private static String system(String id, String sender, String system, long at) {
        return "{\"messages\":[{" + sender + ",\"id\":\"wamid.TAG-" + id + "\",\"timestamp\":\"" + at
                + "\",\"type\":\"system\",\"system\":{\"body\":\"changed\"," + system + "}}]}";
    }

    private static List<List<Integer>> permutations(int size) {
        List<List<Integer>> all = new ArrayList<>();
        permute(new ArrayList<>(), size, all);
        return all;
    }

    private static void permute(List<Integer> prefix, int size, List<List<Integer>> all) {
        if (prefix.size() == size) {
            all.add(List.copyOf(prefix));
            return;
        }
        for (int i = 0; i < size; i++) {
            if (!prefix.contains(i)) {
                prefix.add(i);
                permute(prefix, size, all);
                prefix.remove(prefix.size() - 1);
            }
        }
    }
}
