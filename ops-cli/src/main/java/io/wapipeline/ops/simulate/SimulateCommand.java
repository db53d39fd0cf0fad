package io.wapipeline.ops.simulate;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.wapipeline.ops.DurationConverter;
import io.wapipeline.ops.OpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import io.wapipeline.traffic.compose.SimulatedBusiness;
import io.wapipeline.traffic.compose.Traffic;
import io.wapipeline.traffic.send.Load;
import io.wapipeline.traffic.report.SimulationReport;
import io.wapipeline.traffic.send.SimulationSettings;
import io.wapipeline.traffic.send.Simulation;
import io.wapipeline.traffic.compose.Require;
import io.wapipeline.traffic.report.AnswerLog;
import io.wapipeline.traffic.compose.Mix;

/** {@code wa-ops simulate}: the command line over {@link Simulation}. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Sends Meta-shaped, correctly signed webhooks to an ingest URL: a realistic mix of inbound messages and "
                    + "status sequences (or the benchmark's text messages), batched, duplicated and out of order on "
                    + "request, at a given rate, count or duration and concurrency. Also the load generator for "
                    + "benchmarks.",
            "Prints a progress line on stderr every second and a summary on stdout. Exit code 0 when every POST was "
                    + "answered 2xx, 1 otherwise, 2 on bad usage." },
        footer = { "", "Example: wa-ops simulate --app-secret s3cret --mix mixed --batch 5 --rate 200 --duration 1m" })
public final class SimulateCommand implements Callable<Integer> {

    static final String APP_SECRET_VARIABLE = "WHATSAPP_APP_SECRET";
    static final long DEFAULT_COUNT = 100;

    @ParentCommand
    OpsCommand ops;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080/api/whatsapp/webhook",
            description = "Where to POST. Default:%n${DEFAULT-VALUE}")
    private URI url;

    @Option(names = "--app-secret", paramLabel = "SECRET",
            description = "App secret to sign with. Default: the first of the comma-separated " + APP_SECRET_VARIABLE
                    + " from the environment or ./.env.")
    private String appSecret;

    @Option(names = "--count", paramLabel = "N",
            description = "Fresh webhook POSTs to send; --duplicates re-deliveries come on top. Default: "
                    + DEFAULT_COUNT + ", unless --duration is given.")
    private Long count;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Send for this long instead of a count: 500ms, 30s, 2m, 1h or PT30S.")
    private Duration duration;

    @Option(names = "--rate", paramLabel = "R",
            description = "Requests per second, an open loop: each request has an intended start time and its latency "
                    + "counts from then, so a slow server shows as latency, not as a lower rate. "
                    + "Default: a closed loop, as fast as --concurrency allows.")
    private Double rate;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "8",
            description = "Requests in flight at most. Default: ${DEFAULT-VALUE}")
    private int concurrency;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long one request may take before it counts as an error. Default: ${DEFAULT-VALUE}")
    private Duration timeout;

    @Option(names = "--mix", paramLabel = "text|mixed",
            description = "text: inbound text messages of about 1.5 KB per single-message body, the benchmark's body. "
                    + "mixed: text, image, video, voice, document, sticker, location, contacts, button and list "
                    + "replies, quick-reply buttons and reactions, and sent/delivered/read status sequences with "
                    + "conversation and pricing, now and then failed. Default: ${DEFAULT-VALUE}")
    private Mix mix = Mix.MIXED;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1",
            description = "Items (messages and statuses) per POST, spread over entries and changes as Meta does, "
                    + "1 to " + Traffic.MAX_BATCH + ". Default: ${DEFAULT-VALUE}")
    private int batch;

    @Option(names = "--duplicates", paramLabel = "F", defaultValue = "0",
            description = "Fraction (0 to 1) of POSTs delivered once more, byte for byte, a little later. "
                    + "Default: ${DEFAULT-VALUE}")
    private double duplicates;

    @Option(names = "--shuffle-statuses",
            description = "Send each outbound message's statuses out of order; their timestamps stay true.")
    private boolean shuffleStatuses;

    @Option(names = "--contacts", paramLabel = "K", defaultValue = "" + Traffic.DEFAULT_CONTACTS,
            description = "Distinct simulated users. Default: ${DEFAULT-VALUE}")
    private int contacts;

    @Option(names = "--business-number", paramLabel = "NUMBER", defaultValue = SimulatedBusiness.DEFAULT_DISPLAY_PHONE_NUMBER,
            description = "metadata.display_phone_number. Default: ${DEFAULT-VALUE}")
    private String businessNumber;

    @Option(names = "--phone-number-id", paramLabel = "ID", defaultValue = SimulatedBusiness.DEFAULT_PHONE_NUMBER_ID,
            description = "metadata.phone_number_id. Default: ${DEFAULT-VALUE}")
    private String phoneNumberId;

    @Option(names = "--waba-id", paramLabel = "ID", defaultValue = SimulatedBusiness.DEFAULT_WABA_ID,
            description = "The WhatsApp Business Account id, entry[].id. Default: ${DEFAULT-VALUE}")
    private String wabaId;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Seed of every random choice: the same seed sends the same types, contacts, texts, batches, "
                    + "re-deliveries and status orders. Default: random, printed in the summary.")
    private Long seed;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Part of every message id (wamid.sim.<run-id>.…), so that runs never collide. "
                    + "Default: random, printed in the summary.")
    private String runId;

    @Option(names = "--warm-up", paramLabel = "TIME", converter = DurationConverter.class,
            description = "First send at the same load for this long and forget it, so that neither this JVM's nor the "
                    + "server's warm-up shows in the figures (message ids get the suffix -warm). Default: none.")
    private Duration warmUp;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "Also write every POST's outcome to FILE as it arrives, one tab-separated line each: epoch "
                    + "milliseconds, the status code (or error:<kind>), the inbound message ids and the ids of the "
                    + "messages whose statuses it carried (comma-separated). Default: none.")
    private Path answers;

    @Option(names = { "-q", "--quiet" }, description = "No progress line.")
    private boolean quiet;

    @Override
    public Integer call() {
        SimulationSettings settings = settings();
        try (AnswerLog answerLog = answers == null ? AnswerLog.NONE : AnswerLog.to(answers)) {
            if (warmUp != null && !warmUp.isZero()) {
                warmUp(settings);
            }
            return simulate(new Simulation(settings, answerLog), settings);
        }
    }

    private int simulate(Simulation simulation, SimulationSettings settings) {
        StopOnCtrlC stopOnCtrlC = new StopOnCtrlC(simulation, settings.load().timeout());
        try {
            SimulationReport report = run(simulation);
            PrintWriter out = spec.commandLine().getOut();
            out.print(SummaryText.of(settings, report));
            out.flush();
            return report.allAcknowledged() ? ExitCode.OK : ExitCode.SOFTWARE;
        }
        finally {
            stopOnCtrlC.summaryPrinted();
        }
    }

    /** The same traffic for {@code --warm-up}, under its own run id so that its rows are told apart; not reported. */
    private void warmUp(SimulationSettings settings) {
        Load load = settings.load();
        Traffic traffic = settings.traffic();
        String warmRunId = (traffic.runId().length() > 27 ? traffic.runId().substring(0, 27) : traffic.runId()) + "-warm";
        Simulation.run(new SimulationSettings(settings.url(), settings.appSecret(),
                new Load(0, warmUp, load.rate(), load.concurrency(), load.timeout()), traffic.withRunId(warmRunId)));
    }

    private SimulationReport run(Simulation simulation) {
        if (quiet) {
            return simulation.run(progress -> { });
        }
        ProgressLine progressLine = ProgressLine.on(spec.commandLine().getErr());
        SimulationReport report = simulation.run(progressLine);
        progressLine.finish();
        return report;
    }

    /**
     * The options as settings. A bad value throws {@link IllegalArgumentException} naming the option, which
     * {@code wa-ops} prints as one line and exits with 2.
     */
    private SimulationSettings settings() {
        Require.that(rate == null || rate > 0, "the rate (--rate) must be a positive number of requests per second");
        return new SimulationSettings(url, appSecret(), load(), traffic());
    }

    private String appSecret() {
        Optional<String> secret = Optional.ofNullable(appSecret)
                .or(() -> ops.environment().get(APP_SECRET_VARIABLE).flatMap(SimulateCommand::firstOf));
        return secret.orElseThrow(() -> new IllegalArgumentException("no app secret to sign with: pass --app-secret "
                + "or set " + APP_SECRET_VARIABLE + " (in the environment or ./.env)"));
    }

    private static Optional<String> firstOf(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(secret -> !secret.isEmpty()).findFirst();
    }

    private Load load() {
        long fresh = count != null ? count : duration == null ? DEFAULT_COUNT : 0;
        return new Load(fresh, duration, rate == null ? 0 : rate, concurrency, timeout);
    }

    private Traffic traffic() {
        return new Traffic(mix, batch, duplicates, shuffleStatuses, contacts,
                new SimulatedBusiness(businessNumber, phoneNumberId, wabaId),
                seed != null ? seed : Traffic.randomSeed(), runId != null ? runId : Traffic.newRunId());
    }
}
