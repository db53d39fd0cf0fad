package io.wapipeline.ops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.wapipeline.ops.TestStack;
import io.wapipeline.stack.LocalStack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring pack holds: the alert rules pass {@code promtool check rules} and their unit tests, and every
 * metric the Grafana dashboard and the rules query is one the services really export, scraped from the running
 * local stack after some traffic.
 */
class MonitoringTest {

    private static final Path MONITORING = Path.of("../monitoring").toAbsolutePath().normalize();
    /** A metric name in a PromQL expression: the services' own prefixes (up and label names are not metrics). */
    private static final Pattern METRIC = Pattern.compile("\\b((?:whatsapp|jvm|process|http_server|hikaricp|kafka)_[a-z0-9_]+)\\b");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theAlertRulesAreValidAndTheirUnitTestsPass() throws Exception {
        Path rules = MONITORING.resolve("prometheus");
        assertThat(promtool(rules, "check", "rules", "alerts.yml")).contains("SUCCESS: 11 rules found");
        assertThat(promtool(rules, "test", "rules", "alerts-test.yml")).contains("SUCCESS");
        assertThat(promtool(rules, "check", "config", "prometheus.yml")).contains("is valid prometheus config file syntax");
    }

    @Test
    void everyMetricTheDashboardAndTheRulesQueryIsExportedByTheServices() throws Exception {
        Set<String> dashboard = new TreeSet<>();
        JsonNode panels = JsonMapper.builder().build().readTree(Files.readString(MONITORING.resolve("grafana/whatsapp-pipeline.json")))
                .path("panels");
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                dashboard.addAll(metrics(target.path("expr").asString()));
            }
        }
        Set<String> rules = metrics(expressions(Files.readString(MONITORING.resolve("prometheus/alerts.yml"))));
        assertThat(dashboard).as("the dashboard's metrics").hasSizeGreaterThan(15);
        assertThat(rules).as("the rules' metrics").hasSizeGreaterThanOrEqualTo(8);

        LocalStack stack = TestStack.get();
        TestStack.Run simulate = TestStack.wa("simulate", "--url", stack.ingestUrl() + "/api/whatsapp/webhook", "--count", "20",
                "--mix", "mixed", "--seed", "17", "--run-id", "monitoring", "--quiet");
        assertThat(simulate.exitCode()).as(simulate.out() + simulate.err()).isZero();

        Set<String> wanted = new TreeSet<>(dashboard);
        wanted.addAll(rules);
        Set<String> documented = documented();
        assertThat(documented).as("the metrics docs/operations.md explains").hasSizeGreaterThan(20);
        // the lag gauges appear at the worker's first read of the group's lag (every 15 s)
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            Set<String> exported = exported(stack.ingestUrl());
            exported.addAll(exported(stack.workerUrl()));
            assertThat(exported).as("metrics the services export").containsAll(wanted);
            assertThat(documented).as("each documented metric is exported (a histogram as _count)")
                    .allSatisfy(name -> assertThat(exported).containsAnyOf(name, name + "_count"));
        });
    }

    /** The metric names in the first column of docs/operations.md's "What each metric means". */
    private static Set<String> documented() throws IOException {
        String operations = Files.readString(MONITORING.resolveSibling("docs/operations.md"));
        int start = operations.indexOf("### What each metric means");
        String table = operations.substring(start, operations.indexOf("\n\n", operations.indexOf("| --- |", start)));
        Set<String> names = new TreeSet<>();
        table.lines().filter(line -> line.startsWith("| `")).forEach(line -> {
            Matcher name = Pattern.compile("`(whatsapp_[a-z0-9_]+)`").matcher(line.substring(0, line.indexOf(" | ", 2)));
            while (name.find()) {
                names.add(name.group(1));
            }
        });
        return names;
    }

    /** The rules' {@code expr:} values (one line, or the indented block under {@code expr: |}), not their annotations. */
    private static String expressions(String rules) {
        StringBuilder expressions = new StringBuilder();
        boolean inBlock = false;
        for (String line : rules.lines().toList()) {
            String text = line.strip();
            if (text.startsWith("expr:")) {
                expressions.append(text.substring(5)).append('\n');
                inBlock = text.endsWith("|");
            }
            else if (inBlock && !text.matches("^(for|labels|annotations|- alert):.*") && !text.startsWith("- alert:")) {
                expressions.append(text).append('\n');
            }
            else {
                inBlock = false;
            }
        }
        return expressions.toString();
    }

    private static Set<String> metrics(String promql) {
        Set<String> names = new TreeSet<>();
        // label values ("kafka_unavailable") are not metric names
        Matcher metric = METRIC.matcher(promql.replaceAll("\"[^\"]*\"", "\"\""));
        while (metric.find()) {
            names.add(metric.group(1));
        }
        return names;
    }

    /** The metric names in one scrape of {@code /actuator/prometheus}. */
    private static Set<String> exported(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        Set<String> names = new TreeSet<>();
        scrape.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    private static String promtool(Path directory, String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "promtool";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        }
        catch (IOException missing) {
            throw new AssertionError("promtool is not installed: apt-get install prometheus (.ci/run installs it)", missing);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
