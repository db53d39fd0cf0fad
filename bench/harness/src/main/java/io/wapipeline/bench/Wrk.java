package io.wapipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wapipeline.stackkit.OrphanGuard;
import io.wapipeline.traffic.compose.SignedBody;

/**
 * {@code wrk} (Debian package) in its own process, POSTing pre-signed Meta-shaped bodies in turn: a Lua script reads
 * {@code signature<TAB>body} lines and cycles through them, so signing costs the load generator nothing. Each of the
 * two threads takes every other line, so with as many bodies as requests no body is sent twice.
 */
final class Wrk {

    private static final String SCRIPT = """
            local requests = {}
            local i = 0
            local threads = 0
            setup = function(thread)
              thread:set("id", threads)
              threads = threads + 1
            end
            init = function(args)
              local n = 0
              for line in io.lines(args[1]) do
                if n % 2 == id then
                  local tab = line:find("\\t", 1, true)
                  local headers = { ["Content-Type"] = "application/json", ["X-Hub-Signature-256"] = line:sub(1, tab - 1) }
                  requests[#requests + 1] = wrk.format("POST", nil, headers, line:sub(tab + 1))
                end
                n = n + 1
              end
            end
            request = function()
              i = i % #requests + 1
              return requests[i]
            end
            done = function(summary, latency, requests)
              io.write(string.format("p99.9 latency: %dus\\n", latency:percentile(99.9)))
            end
            """;

    /** The same, with a pause after each answer, so that each connection sends at a fixed pace (args[2] ms). */
    private static final String PACED = SCRIPT.replace("init = function(args)", "init = function(args)\n  pause = tonumber(args[2])")
            + "delay = function()\n  return pause\nend\n";

    private final Path script;
    private final Path pacedScript;
    private final Path bodies;

    private Wrk(Path script, Path pacedScript, Path bodies) {
        this.script = script;
        this.pacedScript = pacedScript;
        this.bodies = bodies;
    }

    /** Writes the script and the bodies file under {@code directory}. */
    static Wrk prepare(Path directory, Iterator<SignedBody> signedBodies, int count) {
        return prepare(directory, "signed-bodies.tsv", signedBodies, count);
    }

    /** The same, with the bodies in a file of their own (for sets that must not be mixed). */
    static Wrk prepare(Path directory, String bodiesFile, Iterator<SignedBody> signedBodies, int count) {
        try {
            Files.createDirectories(directory);
            Path script = Files.writeString(directory.resolve("signed-posts.lua"), SCRIPT);
            Path paced = Files.writeString(directory.resolve("paced-signed-posts.lua"), PACED);
            Path bodies = directory.resolve(bodiesFile);
            try (Writer writer = Files.newBufferedWriter(bodies, StandardCharsets.UTF_8)) {
                for (int n = 0; n < count && signedBodies.hasNext(); n++) {
                    SignedBody body = signedBodies.next();
                    String json = new String(body.body(), StandardCharsets.UTF_8);
                    if (json.indexOf('\n') >= 0) {
                        throw new IllegalStateException("a body spans lines; the script reads one body per line");
                    }
                    writer.write(body.signature() + "\t" + json + "\n");
                }
            }
            return new Wrk(script, paced, bodies);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not prepare wrk's files in " + directory, e);
        }
    }

    static boolean installed() {
        try {
            Process probe = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(10, TimeUnit.SECONDS);
        }
        catch (IOException notThere) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code wrk} closed-loop with {@code connections} for {@code duration}. */
    Result run(String url, int connections, Duration duration) {
        return execute(List.of("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s", "--timeout", "10s",
                "--latency", "-s", script.toString(), url, "--", bodies.toString()), connections, duration);
    }

    /**
     * Runs {@code wrk} at about {@code rate} requests per second: each of {@code connections} pauses
     * {@code connections / rate} after every answer. Not open loop: a slow answer delays that connection's next
     * request, so the achieved rate is reported and latency is per request, without coordinated-omission correction.
     */
    Result paced(String url, int connections, double rate, Duration duration) {
        return paced(url, connections, rate, 0, duration);
    }

    /**
     * The same, shortening each pause by {@code expectedLatencyMillis} (a warm-up run's median), so that pause plus
     * answer make up one connection's share of the rate.
     */
    Result paced(String url, int connections, double rate, double expectedLatencyMillis, Duration duration) {
        double share = connections * 1000 / rate;
        // At most a tenth of the pause: a warm-up's latency overstates the steady state (with a quarter, the end to
        // end run's cold warm-up took 19 ms off a 78 ms pause and the rate overshot to 4,019 req/s, past its bodies).
        double expected = Double.isNaN(expectedLatencyMillis) ? 0 : Math.min(expectedLatencyMillis, share / 10);
        long pauseMillis = Math.max(0, Math.round(share - expected));
        return execute(List.of("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s", "--timeout", "10s",
                "--latency", "-s", pacedScript.toString(), url, "--", bodies.toString(), Long.toString(pauseMillis)),
                connections, duration);
    }

    private Result execute(List<String> command, int connections, Duration duration) {
        try {
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            OrphanGuard.ofThisJvm().stopOnExit(wrk.toHandle(), "wrk");
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS) || wrk.exitValue() != 0
                    || output.contains(".lua:")) {
                throw new IllegalStateException("wrk failed:\n" + output);
            }
            return Result.parse(connections, output);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not run wrk (apt-get install wrk)", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while wrk ran", e);
        }
    }

    /** wrk's latency text ({@code 850.00us}, {@code 7.45ms}, {@code 1.02s}, {@code 2.00m}) in milliseconds. */
    static double millis(String wrkLatency) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("([\\d.]+)(us|ms|s|m)").matcher(wrkLatency);
        if (!matcher.matches()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }

    /** What one wrk run reported: requests per second, answers that were not 2xx, socket errors, latencies. */
    record Result(int connections, long requests, double requestsPerSecond, long non2xx, long socketErrors, String average,
            String p50, String p99, String p999, String max) {

        boolean clean() {
            return non2xx == 0 && socketErrors == 0;
        }

        static Result parse(int connections, String output) {
            return new Result(connections, (long) number(output, "(\\d+) requests in"), number(output, "Requests/sec:\\s+([\\d.]+)"),
                    (long) number(output, "Non-2xx or 3xx responses:\\s+(\\d+)"), socketErrors(output),
                    text(output, "Latency\\s+(\\S+)"),
                    text(output, "\\s50%\\s+(\\S+)"), text(output, "\\s99%\\s+(\\S+)"),
                    text(output, "p99\\.9 latency: (\\S+)"),
                    text(output, "Latency\\s+\\S+\\s+\\S+\\s+(\\S+)"));
        }

        private static double number(String output, String regex) {
            Matcher matcher = Pattern.compile(regex).matcher(output);
            return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
        }

        private static String text(String output, String regex) {
            Matcher matcher = Pattern.compile(regex).matcher(output);
            return matcher.find() ? matcher.group(1) : "?";
        }

        private static long socketErrors(String output) {
            Matcher matcher = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(output);
            long total = 0;
            if (matcher.find()) {
                for (int group = 1; group <= 4; group++) {
                    total += Long.parseLong(matcher.group(group));
                }
            }
            return total;
        }
    }
}
