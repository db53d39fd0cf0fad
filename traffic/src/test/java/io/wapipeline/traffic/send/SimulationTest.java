package io.wapipeline.traffic.send;

import static java.util.function.Function.identity;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.StatusReported;
import io.wapipeline.model.signature.SignatureCheck;
import io.wapipeline.traffic.testkit.WebhookReceiver.Received;
import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.traffic.compose.Post;
import io.wapipeline.traffic.compose.PostSource;
import io.wapipeline.traffic.compose.Traffic;
import io.wapipeline.traffic.report.SimulationReport;
import io.wapipeline.traffic.send.Load;
import io.wapipeline.traffic.send.Simulation;
import io.wapipeline.traffic.send.SimulationSettings;
import io.wapipeline.traffic.testkit.Bodies;
import io.wapipeline.traffic.testkit.WebhookReceiver;

class SimulationTest {

    private static final String SECRET = "simulate-test-secret";
    private static final List<String> STATUS_ORDER = List.of("sent", "delivered", "read", "failed");

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = WebhookReceiver.start(SECRET);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void everyPostIsSignedOverItsExactBytesAndSentAsJson() {
        SimulationReport report = Simulation.run(settings(Load.count(30), Traffic.of(Mix.MIXED).batched(3).withSeed(1)));

        assertThat(receiver.received()).hasSize(30).allSatisfy(post -> {
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.signature()).isEqualTo(SignatureCheck.VALID);
            assertThat(post.contentType()).isEqualTo("application/json");
        });
        assertThat(report.allAcknowledged()).isTrue();
    }

    @Test
    void countSendsExactlyThatManyPosts() {
        SimulationReport report = Simulation.run(settings(Load.count(57).withConcurrency(5), Traffic.of(Mix.TEXT)));

        assertThat(receiver.received()).hasSize(57);
        assertThat(report.posts()).isEqualTo(57);
        assertThat(report.redeliveries()).isZero();
        assertThat(report.messages()).isEqualTo(57);
        assertThat(report.statuses()).isZero();
        assertThat(report.answersByStatus()).containsExactly(entry(200, 57L));
        assertThat(report.errorsByKind()).isEmpty();
        assertThat(report.latencyMicros().getTotalCount()).isEqualTo(57);
    }

    @Test
    void batchPutsThatManyItemsInEachBodySpreadOverEntriesAndChanges() {
        SimulationReport report = Simulation.run(settings(Load.count(6), Traffic.of(Mix.MIXED).batched(40).withSeed(3)));

        List<Received> posts = receiver.received();
        assertThat(posts).hasSize(6).allSatisfy(post -> {
            assertThat(post.parsed().messages().size() + post.parsed().statuses().size()).isEqualTo(40);
            assertThat(post.parsed().events()).isEmpty();
        });
        assertThat(report.items()).isEqualTo(240);
        assertThat(posts).anySatisfy(post -> assertThat(Bodies.json(post.body()).path("entry").size()).isGreaterThan(1));
        assertThat(posts).anySatisfy(post -> assertThat(Bodies.changes(post.body())).anySatisfy(value ->
                assertThat(value.path("value").has("messages") && value.path("value").has("statuses")).isTrue()));
    }

    @Test
    void duplicatesAreByteIdenticalRedeliveriesSentLaterAndCounted() {
        SimulationReport report = Simulation.run(settings(Load.count(60).withConcurrency(1),
                Traffic.of(Mix.MIXED).withDuplicates(0.25).withSeed(11)));

        List<String> bodies = receiver.received().stream().map(Received::text).toList();
        Map<String, Long> copies = bodies.stream().collect(groupingBy(identity(), counting()));
        long redelivered = copies.values().stream().filter(count -> count == 2).count();
        assertThat(copies).hasSize(60);
        assertThat(copies.values()).allMatch(count -> count <= 2);
        assertThat(redelivered).isPositive();
        assertThat(report.redeliveries()).isEqualTo(redelivered);
        assertThat(report.posts()).isEqualTo(60 + redelivered).isEqualTo(bodies.size());
        copies.forEach((body, count) -> {
            if (count == 2) {
                assertThat(bodies.lastIndexOf(body)).as("a fresh POST comes between").isGreaterThan(bodies.indexOf(body) + 1);
            }
        });
        long distinctItems = copies.keySet().stream().map(Bodies::parse).mapToLong(parsed -> parsed.size()).sum();
        assertThat(report.items()).as("a re-delivery carries no new item").isEqualTo(distinctItems);
    }

    @Test
    void shuffledStatusesAreSentOutOfOrderWhileTheirTimestampsStayTrue() {
        Simulation.run(settings(Load.count(80).withConcurrency(1), Traffic.of(Mix.MIXED).shufflingStatuses().withSeed(5)));

        Map<String, List<StatusReported>> byMessage = statusesByMessageInArrivalOrder();
        assertThat(byMessage.values()).anySatisfy(statuses -> assertThat(inTrueOrder(statuses)).isFalse());
        assertThat(byMessage.values()).allSatisfy(statuses -> assertThat(timestampsInTrueOrder(statuses)).isTrue());
    }

    @Test
    void withoutShufflingEveryMessagesStatusesComeInOrder() {
        Simulation.run(settings(Load.count(80).withConcurrency(1), Traffic.of(Mix.MIXED).withSeed(5)));

        Map<String, List<StatusReported>> byMessage = statusesByMessageInArrivalOrder();
        assertThat(byMessage).isNotEmpty();
        assertThat(byMessage.values()).allSatisfy(statuses -> assertThat(inTrueOrder(statuses)).isTrue());
    }

    @Test
    void answersAreCountedByStatusCodeAndOnlyAcknowledgedIdsAreReported() {
        receiver.answer(arrival -> arrival % 3 == 0 ? 503 : 200);

        SimulationReport report = Simulation.run(settings(Load.count(30).withConcurrency(4),
                Traffic.of(Mix.MIXED).batched(2).withRunId("answers")));

        assertThat(report.answersByStatus()).containsExactly(entry(200, 20L), entry(503, 10L));
        assertThat(report.allAcknowledged()).isFalse();
        List<Received> acknowledged = receiver.received().stream().filter(post -> post.status() == 200).toList();
        assertThat(report.inboundMessageIds()).isEqualTo(acknowledged.stream()
                .flatMap(post -> post.parsed().messages().stream()).map(MessageReceived::messageId).sorted().toList());
        assertThat(report.outboundMessageIds()).isEqualTo(acknowledged.stream()
                .flatMap(post -> post.parsed().statuses().stream()).map(StatusReported::messageId).distinct().sorted()
                .toList());
        assertThat(report.inboundMessageIds()).allMatch(id -> id.startsWith("wamid.sim.answers.in."));
        assertThat(report.outboundMessageIds()).allMatch(id -> id.startsWith("wamid.sim.answers.out."));
    }

    @Test
    void refusedConnectionsAreCountedAsErrorsNotAnswers() throws IOException {
        URI nobodyListens = URI.create("http://127.0.0.1:" + freePort() + WebhookReceiver.PATH);

        SimulationReport report = Simulation.run(new SimulationSettings(nobodyListens, SECRET, Load.count(3),
                Traffic.of(Mix.TEXT)));

        assertThat(report.posts()).isEqualTo(3);
        assertThat(report.errorsByKind()).containsExactly(entry("ConnectException", 3L));
        assertThat(report.answersByStatus()).isEmpty();
        assertThat(report.allAcknowledged()).isFalse();
        assertThat(report.inboundMessageIds()).isEmpty();
    }

    @Test
    void aFixedRateRunSendsTheWholeCount() {
        SimulationReport report = Simulation.run(settings(Load.count(25).atRate(500), Traffic.of(Mix.TEXT)));

        assertThat(receiver.received()).hasSize(25);
        assertThat(report.answersByStatus()).containsExactly(entry(200, 25L));
    }

    @Test
    void aDurationRunEndsAndReportsWhatItSent() {
        SimulationReport report = Simulation.run(settings(Load.duration(Duration.ofMillis(300)).atRate(100),
                Traffic.of(Mix.MIXED)));

        assertThat(report.posts()).isPositive().isEqualTo(receiver.received().size());
        assertThat(report.allAcknowledged()).isTrue();
    }

    @Test
    void stopEndsTheRunAndTheReportCountsWhatWasSent() throws Exception {
        Simulation simulation = new Simulation(settings(Load.count(1_000_000).atRate(200), Traffic.of(Mix.TEXT)));
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<SimulationReport> run = runner.submit(() -> simulation.run(progress -> { }));
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().size() >= 5);

            simulation.stop();

            await().atMost(Duration.ofSeconds(60)).until(run::isDone);
            assertThat(run.get().posts()).isEqualTo(receiver.received().size()).isLessThan(1_000_000);
        }
        finally {
            runner.shutdownNow();
        }
    }

    @Test
    void theSameSeedAndRunIdMakeTheSameBodies() {
        Traffic traffic = Traffic.of(Mix.MIXED).batched(4).withDuplicates(0.3).shufflingStatuses().withRunId("same");

        List<String> first = bodies(settings(Load.count(20), traffic.withSeed(99)));
        List<String> second = bodies(settings(Load.count(20), traffic.withSeed(99)));
        List<String> otherSeed = bodies(settings(Load.count(20), traffic.withSeed(100)));

        assertThat(first).hasSizeGreaterThan(20).isEqualTo(second).isNotEqualTo(otherSeed);
    }

    @Test
    void twoRunsNeverShareAMessageId() {
        SimulationReport first = Simulation.run(settings(Load.count(10), Traffic.of(Mix.MIXED).withSeed(8)));
        SimulationReport second = Simulation.run(settings(Load.count(10), Traffic.of(Mix.MIXED).withSeed(8)));

        assertThat(first.runId()).isNotEqualTo(second.runId());
        assertThat(first.inboundMessageIds()).isNotEmpty().doesNotContainAnyElementsOf(second.inboundMessageIds());
        assertThat(first.outboundMessageIds()).isNotEmpty().doesNotContainAnyElementsOf(second.outboundMessageIds());
    }

    private SimulationSettings settings(Load load, Traffic traffic) {
        return new SimulationSettings(receiver.url(), SECRET, load, traffic);
    }

    /** Every body a run would send, generated without sending, at a fixed clock. */
    private static List<String> bodies(SimulationSettings settings) {
        PostSource source = PostSource.of(settings.traffic(), settings.appSecret(), settings.load().count(), () -> 1_778_000_000L);
        List<String> bodies = new ArrayList<>();
        for (Post post = source.next(); post != null; post = source.next()) {
            bodies.add(new String(post.body(), StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private Map<String, List<StatusReported>> statusesByMessageInArrivalOrder() {
        Map<String, List<StatusReported>> byMessage = new LinkedHashMap<>();
        receiver.received().stream().flatMap(post -> post.parsed().statuses().stream())
                .forEach(status -> byMessage.computeIfAbsent(status.messageId(), id -> new ArrayList<>()).add(status));
        return byMessage;
    }

    private static boolean inTrueOrder(List<StatusReported> statuses) {
        List<StatusReported> ordered = new ArrayList<>(statuses);
        ordered.sort(Comparator.comparingInt(status -> STATUS_ORDER.indexOf(status.status())));
        return ordered.equals(statuses);
    }

    private static boolean timestampsInTrueOrder(List<StatusReported> statuses) {
        List<StatusReported> byTime = new ArrayList<>(statuses);
        byTime.sort(Comparator.comparing(StatusReported::timestamp));
        return inTrueOrder(byTime);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
