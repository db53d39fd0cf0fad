package io.wapipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wapipeline.stackkit.OrphanGuard;

/**
 * {@code wa-ops simulate} in its own JVM, so the load generator shares no heap, GC or JIT with the broker or the
 * measured service; its summary is parsed back into numbers, or (for the fault suite) its answers read as they come.
 */
final class SimulateProcess {

    private SimulateProcess() {
    }

    /** Open loop: text webhooks at {@code rate} for {@code duration}; latency counts from each request's intended start. */
    static Result atRate(Path repository, String url, String secret, double rate, Duration duration, Duration warmUp,
            String runId) {
        return run(repository, List.of("--rate", Double.toString(rate), "--concurrency", "4000", "--warm-up",
                warmUp.toMillis() + "ms"), url, secret, duration, runId);
    }

    /** Closed loop with {@code concurrency} requests in flight. */
    static Result closedLoop(Path repository, String url, String secret, int concurrency, Duration duration, String runId) {
        return run(repository, List.of("--concurrency", Integer.toString(concurrency)), url, secret, duration, runId);
    }

    /**
     * In the background, for the fault suite: {@code traffic} (simulate's options: mix, batch, …) at {@code rate} for
     * at most {@code duration}, every answer written to {@code answers} as it arrives (simulate's {@code --answers}),
     * its output beside it. Closing it stops the sending; simulate then waits for the answers in flight.
     */
    static ChildProcess inBackground(Path repository, String url, String secret, List<String> traffic, double rate,
            Duration duration, String runId, Path answers) {
        List<String> command = command(repository, url, secret, duration, runId);
        command.addAll(traffic);
        command.addAll(List.of("--rate", Double.toString(rate), "--concurrency", "256", "--answers", answers.toString()));
        return ChildProcess.start("wa-ops simulate " + runId, command, answers.resolveSibling(runId + ".simulate.log"));
    }

    private static List<String> command(Path repository, String url, String secret, Duration duration, String runId) {
        return new ArrayList<>(List.of(ChildProcess.java(), "-jar",
                repository.resolve("ops-cli/target/wa-ops-exec.jar").toString(), "simulate", "--url", url, "--app-secret",
                secret, "--duration", duration.toSeconds() + "s", "--run-id", runId, "--quiet", "--timeout", "10s"));
    }

    private static Result run(Path repository, List<String> load, String url, String secret, Duration duration, String runId) {
        List<String> command = command(repository, url, secret, duration, runId);
        command.addAll(List.of("--mix", "text"));
        command.addAll(load);
        try {
            Process simulate = new ProcessBuilder(command).redirectErrorStream(true).start();
            OrphanGuard.ofThisJvm().stopOnExit(simulate.toHandle(), "wa-ops simulate " + runId);
            String output = new String(simulate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!simulate.waitFor(duration.toSeconds() + 120, TimeUnit.SECONDS) || simulate.exitValue() > 1) {
                throw new IllegalStateException("simulate failed:\n" + output);
            }
            return Result.parse(output);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not run wa-ops simulate", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulate ran", e);
        }
    }

    /** The numbers of simulate's summary. */
    record Result(long posts, long answered200, long messages, double achievedRate, double p50, double p99, double p999,
            double max) {

        long not200() {
            return posts - answered200;
        }

        static Result parse(String summary) {
            Matcher latency = find(summary, "latency ms\\s+p50 ([\\d.]+)\\s+p95 [\\d.]+\\s+p99 ([\\d.]+)\\s+p99\\.9 ([\\d.]+)\\s+max ([\\d.]+)");
            return new Result(Long.parseLong(find(summary, "POSTs sent\\s+(\\d+)").group(1)),
                    Long.parseLong(optional(summary, "answers\\s+.*?200: (\\d+)", "0")),
                    Long.parseLong(find(summary, "items sent\\s+\\d+ \\((\\d+) messages").group(1)),
                    Double.parseDouble(find(summary, "elapsed\\s+[\\d.]+ s, ([\\d.]+) POSTs/s").group(1)),
                    Double.parseDouble(latency.group(1)), Double.parseDouble(latency.group(2)),
                    Double.parseDouble(latency.group(3)), Double.parseDouble(latency.group(4)));
        }

        private static Matcher find(String text, String regex) {
            Matcher matcher = Pattern.compile(regex).matcher(text);
            if (!matcher.find()) {
                throw new IllegalStateException("simulate's summary has no '" + regex + "':\n" + text);
            }
            return matcher;
        }

        private static String optional(String text, String regex, String fallback) {
            Matcher matcher = Pattern.compile(regex).matcher(text);
            return matcher.find() ? matcher.group(1) : fallback;
        }
    }
}
