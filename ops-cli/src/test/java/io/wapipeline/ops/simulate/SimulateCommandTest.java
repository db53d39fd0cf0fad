package io.wapipeline.ops.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.signature.SignatureCheck;
import io.wapipeline.ops.Environment;
import io.wapipeline.ops.OpsCommand;
import io.wapipeline.traffic.testkit.WebhookReceiver.Received;
import io.wapipeline.traffic.testkit.WebhookReceiver;

/** {@code wa-ops simulate} as an operator runs it: options, summary, exit codes. */
class SimulateCommandTest {

    private static final String SECRET = "command-test-secret";

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
    void helpListsEveryOption() {
        Run run = wa(Map.of(), "simulate", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: wa-ops simulate", "--url", "--app-secret", "--count", "--duration",
                "--rate", "--concurrency", "--timeout", "--mix", "--batch", "--duplicates", "--shuffle-statuses",
                "--contacts", "--business-number", "--phone-number-id", "--waba-id", "--seed", "--run-id", "--answers", "--quiet",
                "WHATSAPP_APP_SECRET", "http://127.0.0.1:8080/api/whatsapp/webhook", "Default: mixed");
    }

    @Test
    void countSendsExactlyThatManySignedPostsAndPrintsTheSummary() {
        Run run = simulate("--count", "12", "--mix", "text", "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(receiver.received()).hasSize(12).extracting(Received::signature).containsOnly(SignatureCheck.VALID);
        assertThat(run.out()).contains("against " + receiver.url(), "POSTs sent  12 (12 fresh, 0 re-deliveries)",
                "items sent  12 (12 messages, 0 statuses)", "answers     200: 12", "errors      none",
                "latency ms  p50 ", " p95 ", " p99 ", " p99.9 ", " max ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void warmUpSendsFirstUnderItsOwnRunIdAndIsLeftOutOfTheSummary() {
        Run run = simulate("--count", "5", "--mix", "text", "--quiet", "--run-id", "measured", "--warm-up", "300ms",
                "--rate", "50");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("POSTs sent  5 (5 fresh, 0 re-deliveries)", "answers     200: 5");
        List<String> bodies = receiver.received().stream().map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList();
        assertThat(bodies.stream().filter(body -> body.contains("wamid.sim.measured-warm."))).isNotEmpty();
        assertThat(bodies.stream().filter(body -> body.contains("wamid.sim.measured."))).hasSize(5);
        assertThat(bodies.indexOf(bodies.stream().filter(body -> body.contains("wamid.sim.measured.")).findFirst().orElseThrow()))
                .isGreaterThan(0);
    }

    @Test
    void answersOtherThan2xxAreCountedAndExitWithOne() {
        receiver.answer(arrival -> arrival % 2 == 0 ? 503 : 200);

        Run run = simulate("--count", "10", "--quiet");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("answers     200: 5  503: 5");
    }

    @Test
    void answersFileHasOneLinePerPostWithItsOutcomeAndMessageIds(@TempDir Path directory) throws IOException {
        receiver.answer(arrival -> arrival % 2 == 0 ? 503 : 200);
        Path answers = directory.resolve("answers.tsv");
        long before = System.currentTimeMillis();

        Run run = simulate("--count", "6", "--mix", "text", "--concurrency", "1", "--run-id", "logged", "--quiet",
                "--answers", answers.toString());

        List<String[]> lines = Files.readAllLines(answers).stream().map(line -> line.split("\t", -1)).toList();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(lines).hasSize(6).allSatisfy(line -> {
            assertThat(line).hasSize(4);
            assertThat(Long.parseLong(line[0])).isBetween(before, System.currentTimeMillis());
            assertThat(line[2]).matches("wamid\\.sim\\.logged\\.in\\.\\d{10}");
            assertThat(line[3]).isEmpty();
        });
        assertThat(lines).extracting(line -> line[1]).containsExactly("200", "503", "200", "503", "200", "503");
        assertThat(lines).extracting(line -> line[2]).doesNotHaveDuplicates();
    }

    @Test
    void aPostThatGetsNoAnswerIsLoggedWithTheKindOfError(@TempDir Path directory) throws IOException {
        Path answers = directory.resolve("answers.tsv");
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run run = wa(Map.of(), "simulate", "--url", "http://127.0.0.1:" + closedPort + "/", "--app-secret", SECRET,
                "--count", "2", "--mix", "mixed", "--quiet", "--answers", answers.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(Files.readAllLines(answers)).hasSize(2).allSatisfy(line -> assertThat(line).contains("\terror:ConnectException\t"));
    }

    @Test
    void withoutAnAppSecretItSaysWhatToSetAndExitsWithTwo() {
        Run run = wa(Map.of(), "simulate", "--url", receiver.url().toString(), "--count", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no app secret to sign with: pass --app-secret or set WHATSAPP_APP_SECRET");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void theAppSecretDefaultsToTheFirstOfWhatsappAppSecret() {
        Run run = wa(Map.of("WHATSAPP_APP_SECRET", " " + SECRET + " ,the-next-secret"), "simulate",
                "--url", receiver.url().toString(), "--count", "3", "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(receiver.received()).hasSize(3).extracting(Received::signature).containsOnly(SignatureCheck.VALID);
    }

    @Test
    void countAndDurationTogetherAreAUsageError() {
        Run run = simulate("--count", "3", "--duration", "10s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("either a count (--count) or a duration (--duration)");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aBadValueNamesItsOption() {
        assertThat(simulate("--batch", "1001").err()).contains("--batch");
        assertThat(simulate("--duplicates", "1.5").err()).contains("--duplicates");
        assertThat(simulate("--rate", "0").err()).contains("--rate");
        assertThat(simulate("--duration", "soon").err()).contains("'soon' is not a duration");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void trafficOptionsShapeWhatIsSent() {
        Run run = simulate("--count", "10", "--batch", "5", "--duplicates", "0.5", "--shuffle-statuses", "--seed", "4",
                "--concurrency", "1", "--contacts", "3", "--business-number", "15550001111", "--phone-number-id", "42",
                "--waba-id", "43", "--run-id", "cli-run", "--quiet");

        List<Received> posts = receiver.received();
        long distinct = posts.stream().map(Received::text).distinct().count();
        assertThat(run.exitCode()).isZero();
        assertThat(distinct).isEqualTo(10);
        assertThat(posts.size()).isGreaterThan(10);
        assertThat(run.out()).contains("POSTs sent  " + posts.size() + " (10 fresh, " + (posts.size() - 10) + " re-deliveries)",
                "Simulation cli-run (seed 4)");
        List<MessageReceived> messages = new ArrayList<>();
        posts.forEach(post -> {
            assertThat(post.parsed().size()).isEqualTo(5);
            messages.addAll(post.parsed().messages());
        });
        assertThat(messages).allSatisfy(message -> {
            assertThat(message.messageId()).startsWith("wamid.sim.cli-run.in.");
            assertThat(message.business().displayPhoneNumber()).isEqualTo("15550001111");
            assertThat(message.business().phoneNumberId()).isEqualTo("42");
            assertThat(message.business().wabaId()).isEqualTo("43");
        });
        assertThat(messages.stream().map(MessageReceived::from).distinct().count()).as("--contacts 3").isBetween(1L, 3L);
    }

    @Test
    void aDurationRunAtARatePrintsProgressOnStderr() {
        Run run = simulate("--duration", "1500ms", "--rate", "20", "--mix", "text");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).containsPattern("\\d+s  sent \\d+  200: \\d+  rate \\d+/s");
        assertThat(run.out()).contains("(from each request's intended start)");
    }

    private Run simulate(String... options) {
        List<String> args = new ArrayList<>(List.of("simulate", "--url", receiver.url().toString(), "--app-secret", SECRET));
        args.addAll(List.of(options));
        return wa(Map.of(), args.toArray(String[]::new));
    }

    private static Run wa(Map<String, String> variables, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(variables, new Properties());
        int exitCode = OpsCommand.run(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
