package io.wapipeline.ops.doctor;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.KafkaCredentials;
import io.wapipeline.model.settings.Setting;
import io.wapipeline.ops.Environment;
import io.wapipeline.ops.KafkaOptions;
import io.wapipeline.ops.OpsCommand;
import io.wapipeline.ops.records.KafkaTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wa-ops doctor}: runs every check, prints ✓ or ✗ with the fix, exits 0 only when all pass. */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = {
        "The troubleshooting checklist, automated. Run it with the services' settings (their environment or .env).",
        "Checks: required variables (and misspellings), database and migrations, the Kafka login, Kafka and topics, consumer lag, the "
                + "public webhook URL (HTTPS, handshake, signed POST), the Graph API token. Exit code 0 only when all pass." })
public final class DoctorCommand implements Callable<Integer> {

    @ParentCommand
    OpsCommand ops;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--webhook-url", paramLabel = "URL",
            description = "The URL Meta calls (default: WHATSAPP_WEBHOOK_URL), e.g. https://hooks.example.com/api/whatsapp/webhook.")
    URI webhookUrl;

    @Option(names = "--group", defaultValue = WebhookTopics.DEFAULT_WORKER_GROUP, description = "The workers' consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(names = "--max-lag", defaultValue = "10000", description = "Lag above which the workers count as behind (default: ${DEFAULT-VALUE}).")
    long maxLag;

    @Option(names = "--partitions", defaultValue = "" + WebhookTopics.DEFAULT_PARTITIONS, description = "Partitions each topic should have (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--graph-api-version", defaultValue = "v24.0", description = "Default: ${DEFAULT-VALUE}.")
    String graphApiVersion;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Environment environment = ops.environment();
        int failed = 0;
        try (KafkaAdmin admin = new KafkaAdmin(kafkaTarget(environment))) {
            for (Check check : checks(environment, admin)) {
                failed += report(out, check.name(), check.run());
            }
        }
        out.println(failed == 0 ? "All checks passed." : failed + " check(s) failed.");
        return failed == 0 ? 0 : 1;
    }

    /** The brokers and their login; with a half-given login, none (the Kafka credentials check names what is missing). */
    private KafkaTarget kafkaTarget(Environment environment) {
        try {
            return kafka.target(environment);
        }
        catch (IllegalArgumentException halfGiven) {
            return new KafkaTarget(kafka.bootstrapServers(environment), KafkaCredentials.from(name -> null));
        }
    }

    private List<Check> checks(Environment environment, KafkaAdmin admin) {
        List<Check> checks = new ArrayList<>(List.of(new SettingsCheck(environment), new DatabaseCheck(environment),
                new KafkaLoginCheck(environment, admin), new KafkaCheck(admin, partitions), new ConsumerLagCheck(admin, group, maxLag)));
        checks.addAll(webhookChecks(environment));
        checks.add(new GraphTokenCheck(environment.getOrDefault(Setting.GRAPH_API_URL.variable(), "https://graph.facebook.com"),
                graphApiVersion, environment.get(Setting.ACCESS_TOKEN.variable()),
                environment.get("WHATSAPP_GRAPH_TRUSTSTORE").map(Path::of),
                environment.getOrDefault("WHATSAPP_GRAPH_TRUSTSTORE_PASSWORD", "changeit")));
        return checks;
    }

    private List<Check> webhookChecks(Environment environment) {
        Optional<URI> url = Optional.ofNullable(webhookUrl).or(() -> environment.get("WHATSAPP_WEBHOOK_URL").map(URI::create));
        if (url.isEmpty()) {
            return List.of(new WebhookChecks.Named("webhook URL answers the handshake", () -> Check.Result.fail(
                    "no webhook URL given", "pass --webhook-url or set WHATSAPP_WEBHOOK_URL to the URL you gave Meta")));
        }
        return new WebhookChecks(url.get(), environment.getOrDefault(Setting.VERIFY_TOKEN.variable(), ""),
                environment.getOrDefault(Setting.APP_SECRET.variable(), "").split(",")[0].strip()).checks();
    }

    private static int report(PrintWriter out, String name, Check.Result result) {
        out.printf("%s %s: %s%n", result.passed() ? "✓" : "✗", name, result.detail());
        if (!result.passed()) {
            for (String line : result.fix().split("\n")) {
                out.println("    fix: " + line);
            }
        }
        out.flush();
        return result.passed() ? 0 : 1;
    }
}
