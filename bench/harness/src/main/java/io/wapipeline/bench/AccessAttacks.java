package io.wapipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.stack.DevSecrets;
import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.Service;
import io.wapipeline.stackkit.MalformedRequest;
import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.traffic.compose.SignedBody;

/**
 * The hostile suite's attacks on who may get in (issue 24), against one ingest and one worker with the stack's
 * defaults: the headers that keep answers out of other sites and caches, broken HTTP framing, a flood of refusals
 * aimed at the logs, console password and read-API token guessing, and a webhook forged straight onto the raw topic.
 * In this order, because the guessing rows leave this address locked for a minute.
 */
final class AccessAttacks {

    static final int FIRST = 4;
    static final int LAST = 9;

    private static final String ZEROS_SIGNATURE = "sha256=" + "0".repeat(64);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String MESSAGES = "/api/whatsapp/messages/";
    private static final int FLOOD = 1_000;
    private static final int GUESSES = 30;
    /** What the log may grow by for a flood of refusals: a line a minute per kind (1,000 refusals once wrote 217 KB). */
    private static final long LOG_BUDGET = 4 * 1024;

    private final BenchContext context;
    private final LocalStack stack;
    private final ServiceHttp http = new ServiceHttp();
    private final Iterator<SignedBody> signed;

    AccessAttacks(BenchContext context, LocalStack stack) {
        this.context = context;
        this.stack = stack;
        this.signed = BenchTraffic.bodies(Mix.TEXT, 0, stack.secrets().appSecret(), LAST, "access-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Every attack from {@link #FIRST} to {@link #LAST} in turn, or only {@code only} when it is not null. */
    List<HostileRow> run(Integer only) throws Exception {
        List<Attack> attacks = List.of(this::headers, this::malformedFraming, this::logFlood, this::passwordGuessing,
                this::tokenGuessing, this::forgedRecord);
        List<HostileRow> rows = new ArrayList<>();
        stack.start(Service.INGEST);
        stack.start(Service.WORKER);
        try {
            for (int number = FIRST; number <= LAST; number++) {
                if (only == null || only == number) {
                    rows.add(attacks.get(number - FIRST).run(number));
                }
            }
        }
        finally {
            stack.stop(Service.WORKER);
            stack.stop(Service.INGEST);
        }
        return rows;
    }

    @FunctionalInterface
    private interface Attack {
        HostileRow run(int number) throws Exception;
    }

    private HostileRow headers(int number) {
        String attack = number + ". headers: the console's sign-in page, a read-API answer with and without a token, the "
                + "handshake echoing `hub.challenge=<script>…`";
        context.say(attack);
        List<String> cookies = http.get(stack.workerUrl() + "/console/login").headers().allValues("Set-Cookie");
        HttpResponse<String> withToken = http.get(stack.workerUrl() + MESSAGES, "Authorization", "Bearer " + stack.secrets().apiToken());
        HttpResponse<String> without = http.get(stack.workerUrl() + MESSAGES);
        HttpResponse<String> echo = http.get(stack.ingestUrl() + ServiceHttp.WEBHOOK_PATH + "?hub.mode=subscribe"
                + "&hub.challenge=%3Cscript%3Ealert(1)%3C%2Fscript%3E&hub.verify_token=" + encode(stack.secrets().verifyToken()));
        boolean lax = !cookies.isEmpty() && cookies.stream().allMatch(cookie -> cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"));
        boolean noStore = withToken.statusCode() == 200 && noStore(withToken) && without.statusCode() == 401 && noStore(without);
        boolean nosniff = echo.statusCode() == 200 && echo.body().equals("<script>alert(1)</script>")
                && header(echo, "X-Content-Type-Options").equals("nosniff") && header(echo, "Content-Type").startsWith("text/plain");
        String outcome = ("console cookies %s; API %d `Cache-Control: %s`, without a token %d `Cache-Control: %s`; handshake %d "
                + "`Content-Type: %s`, `X-Content-Type-Options: %s`").formatted(cookies.stream().map(AccessAttacks::withoutValue).toList(),
                withToken.statusCode(), header(withToken, "Cache-Control"), without.statusCode(), header(without, "Cache-Control"),
                echo.statusCode(), header(echo, "Content-Type"), header(echo, "X-Content-Type-Options"));
        return row(attack, outcome, "session cookie `SameSite=Lax; HttpOnly`; every API answer `no-store`; the echo "
                + "`text/plain` with `nosniff`", lax && noStore && nosniff);
    }

    private HostileRow malformedFraming(int number) {
        String attack = number + ". malformed framing on raw sockets, to the webhook URL and the console's sign-in form: "
                + "chunk sizes `FFFFFFFFFFFFFFFFFF` and `-1`, 3,000 trailer lines, a 64 KiB header, a request line without protocol";
        context.say(attack);
        Map<String, String> answers = new TreeMap<>();
        boolean all = true;
        for (MalformedRequest request : MalformedRequest.values()) {
            MalformedRequest.Answer ingest = request.send(port(stack.ingestUrl()), ServiceHttp.WEBHOOK_PATH + "/",
                    "Content-Type: application/json", "X-Hub-Signature-256: " + ZEROS_SIGNATURE);
            MalformedRequest.Answer worker = request.send(port(stack.workerUrl()), "/console/login",
                    "Content-Type: application/x-www-form-urlencoded");
            answers.put(request.name().toLowerCase(Locale.ROOT), describe(ingest) + " / " + describe(worker));
            all &= isProblem400(ingest) && isProblem400(worker);
        }
        String outcome = "ingest / worker: " + answers.toString().replace("{", "").replace("}", "").replace("=", " ");
        return row(attack, outcome, "each answered 400 with the problem body (`application/problem+json`, no stack trace, "
                + "no `Server`) by both services", all);
    }

    private HostileRow logFlood(int number) throws IOException {
        String attack = ("%d. log flood: %,d POSTs signed `sha256=` and 64 zeros to the ingest, %,d read-API calls without a "
                + "token to the worker").formatted(number, FLOOD, FLOOD);
        context.say(attack);
        Path ingestLog = stack.home().resolve("logs/ingest.log");
        Path workerLog = stack.home().resolve("logs/worker.log");
        long ingestBefore = Files.size(ingestLog);
        long workerBefore = Files.size(workerLog);
        double refusedBefore = counter(stack.ingestUrl(), "whatsapp_webhook_requests_total", "outcome=\"signature_invalid\"");
        double missingBefore = counter(stack.workerUrl(), "whatsapp_api_requests_unauthorized_total", "reason=\"missing\"");
        Map<Integer, Long> posts = tally(n -> http.postWebhook(stack.ingestUrl(), floodBody(n), ZEROS_SIGNATURE).statusCode());
        Map<Integer, Long> calls = tally(n -> http.get(stack.workerUrl() + MESSAGES + "?flood=" + n).statusCode());
        LogGrowth ingest = LogGrowth.of(ingestLog, ingestBefore);
        LogGrowth worker = LogGrowth.of(workerLog, workerBefore);
        double refused = counter(stack.ingestUrl(), "whatsapp_webhook_requests_total", "outcome=\"signature_invalid\"") - refusedBefore;
        double missing = counter(stack.workerUrl(), "whatsapp_api_requests_unauthorized_total", "reason=\"missing\"") - missingBefore;
        String outcome = ("POSTs answered %s, API calls %s; ingest.log +%s, worker.log +%s; counted: %.0f refused signatures, "
                + "%.0f token-less calls").formatted(posts, calls, ingest, worker, refused, missing);
        boolean held = posts.equals(Map.of(403, (long) FLOOD)) && calls.equals(Map.of(401, (long) FLOOD))
                && ingest.ownBytes() <= LOG_BUDGET && worker.ownBytes() <= LOG_BUDGET && refused == FLOOD && missing == FLOOD;
        return row(attack, outcome, "every POST 403 and every call 401, each counted; the services' own lines in each log grow "
                + "by at most 4 KiB (a line a minute per kind; 1,000 refusals once wrote 217 KB); lines of libraries that no "
                + "request causes (a Kafka client's start) are in the total, not in the bar", held);
    }

    private HostileRow passwordGuessing(int number) {
        String attack = ("%d. console password guessing: %d wrong passwords for `%s` from one address, then the right one")
                .formatted(number, GUESSES, DevSecrets.CONSOLE_USER);
        context.say(attack);
        String name = DevSecrets.CONSOLE_USER;
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int n = 0; n < GUESSES; n++) {
            answers.add(signIn(name, "wrong-password-" + n));
        }
        HttpResponse<String> right = signIn(name, stack.secrets().consolePassword());
        boolean refusedFirst = answers.subList(0, 5).stream().allMatch(answer -> answer.statusCode() == 302
                && header(answer, "Location").endsWith("/console/login?error"));
        long locked = lockedAnswers(answers);
        String outcome = "answers %s, %d of them 429 with `Retry-After` (%s s); the right password while locked: %d".formatted(
                statuses(answers), locked, header(answers.get(GUESSES - 1), "Retry-After"), right.statusCode());
        return row(attack, outcome, "the first 5 refused (302 to `?error`), the other 25 answered 429 with `Retry-After`, the "
                + "right password refused (429) while locked", refusedFirst && locked == GUESSES - 5 && right.statusCode() == 429);
    }

    private HostileRow tokenGuessing(int number) {
        String attack = "%d. read-API token guessing: %d wrong bearer tokens from one address, then the right one".formatted(number, GUESSES);
        context.say(attack);
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int n = 0; n < GUESSES; n++) {
            answers.add(http.get(stack.workerUrl() + MESSAGES, "Authorization", "Bearer guess-" + UUID.randomUUID()));
        }
        HttpResponse<String> right = http.get(stack.workerUrl() + MESSAGES, "Authorization", "Bearer " + stack.secrets().apiToken());
        boolean refusedFirst = answers.subList(0, 20).stream().allMatch(answer -> answer.statusCode() == 401);
        long locked = lockedAnswers(answers);
        String outcome = "answers %s, %d of them 429 with `Retry-After` (%s s); the right token while locked: %d".formatted(
                statuses(answers), locked, header(answers.get(GUESSES - 1), "Retry-After"), right.statusCode());
        return row(attack, outcome, "the first 20 answered 401, the other 10 429 with `Retry-After`, the right token refused "
                + "(429) while locked", refusedFirst && locked == GUESSES - 20 && right.statusCode() == 429);
    }

    /** A webhook the ingest never saw, signed with zeros, produced to the raw topic as the ingest would produce it. */
    private HostileRow forgedRecord(int number) throws Exception {
        String id = "wamid.forged-" + UUID.randomUUID();
        String attack = ("%d. a webhook (message `%s`) signed `sha256=` and 64 zeros, produced straight to `%s` by a Kafka "
                + "client with the stack's own access").formatted(number, id, WebhookTopics.RAW);
        context.say(attack);
        double refusedBefore = counter(stack.workerUrl(), "whatsapp_worker_signatures_refused_total", "problem=\"mismatch\"");
        try (Pipeline pipeline = new Pipeline(stack); Ledger ledger = new Ledger(stack)) {
            pipeline.preload(List.of(new SignedBody(forgedBody(id), ZEROS_SIGNATURE, 1, 0, false)).iterator());
            context.await("the forged record dead-lettered", () -> !ledger.deadLetterReasons(id).isEmpty());
            List<String> reasons = ledger.deadLetterReasons(id);
            boolean stored = ledger.find(List.of(Item.message(id))).present().contains(Item.message(id));
            double refused = counter(stack.workerUrl(), "whatsapp_worker_signatures_refused_total", "problem=\"mismatch\"") - refusedBefore;
            String outcome = "dead letters: %d, reason `%s`; stored: %s; `whatsapp_worker_signatures_refused_total{problem=\"mismatch\"}` +%.0f"
                    .formatted(reasons.size(), shortened(reasons.get(0)), stored ? "yes" : "no", refused);
            return row(attack, outcome, "dead-lettered once with a `signature:` reason and counted; nothing of it stored",
                    reasons.size() == 1 && reasons.get(0).startsWith("signature:") && !stored && refused == 1);
        }
    }

    /** The row, with a signed webhook sent once the attack is over: the services still do their work. */
    private HostileRow row(String attack, String outcome, String bar, boolean held) {
        int status = http.signedPost(stack.ingestUrl(), signed.next());
        return new HostileRow(attack, "one after the attack: " + status, outcome, bar + "; the signed webhook 200", held && status == 200);
    }

    /** Signs in through the console's form, with the CSRF token of its page; the answer is the redirect that follows. */
    private HttpResponse<String> signIn(String name, String password) {
        Matcher csrf = CSRF.matcher(http.get(stack.workerUrl() + "/console/login").body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token in the console's sign-in form");
        }
        return http.postForm(stack.workerUrl() + "/console/login", "username=" + encode(name) + "&password=" + encode(password)
                + "&_csrf=" + encode(csrf.group(1)));
    }

    private static long lockedAnswers(List<HttpResponse<String>> answers) {
        return answers.stream().filter(answer -> answer.statusCode() == 429 && !header(answer, "Retry-After").isEmpty()).count();
    }

    private static Map<Integer, Long> statuses(List<HttpResponse<String>> answers) {
        Map<Integer, Long> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.statusCode(), 1L, Long::sum));
        return statuses;
    }

    private static Map<Integer, Long> tally(IntFunction<Integer> request) {
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int n = 0; n < FLOOD; n++) {
            statuses.merge(request.apply(n), 1L, Long::sum);
        }
        return statuses;
    }

    /** A counter's value, 0 before its first increment (Micrometer registers some only then). */
    private double counter(String serviceUrl, String name, String label) {
        double value = http.metric(serviceUrl, name, label);
        return Double.isNaN(value) ? 0 : value;
    }

    private static boolean isProblem400(MalformedRequest.Answer answer) {
        String headers = answer.headers().toLowerCase(Locale.ROOT);
        return answer.status() == 400 && headers.contains("content-type: application/problem+json") && !headers.contains("\nserver:")
                && answer.body().contains("\"status\":400") && !answer.body().contains("Exception") && !answer.body().contains("Tomcat");
    }

    private static String describe(MalformedRequest.Answer answer) {
        return answer.status() + (isProblem400(answer) ? " problem" : " other");
    }

    /** The cookie's name and attributes, its value left out (a session id). */
    private static String withoutValue(String cookie) {
        return cookie.replaceFirst("=[^;]*", "=…");
    }

    private static boolean noStore(HttpResponse<String> answer) {
        return header(answer, "Cache-Control").equals("no-store");
    }

    private static String header(HttpResponse<String> answer, String name) {
        return answer.headers().firstValue(name).orElse("");
    }

    private static String shortened(String text) {
        return text.length() <= 90 ? text : text.substring(0, 90) + "…";
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] floodBody(int n) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"flood-" + n + "\",\"changes\":[]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One inbound text message, as Meta would send it, with this id. */
    private static byte[] forgedBody(String id) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":\
                {"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},\
                "contacts":[{"profile":{"name":"Forger"},"wa_id":"15550000001"}],"messages":[{"from":"15550000001","id":"%s",\
                "timestamp":"%d","type":"text","text":{"body":"forged"}}]}}]}]}"""
                .formatted(id, Instant.now().getEpochSecond()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What a flood added to a service's log: all of it, and the lines of this project's own classes (Spring Boot's
     * pattern abbreviates their logger to {@code i.w.…}, {@code i.wapipeline.…} or {@code io.wapipeline.…}).
     */
    private record LogGrowth(long bytes, long lines, long ownBytes, long ownLines) {

        private static final Pattern OWN = Pattern.compile("\\s(?:i|io)\\.(?:w|wapipeline)\\.");

        static LogGrowth of(Path log, long sizeBefore) throws IOException {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(sizeBefore, all.length);
            List<String> added = new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
            List<String> own = added.stream().filter(line -> OWN.matcher(line).find()).toList();
            return new LogGrowth(all.length - from, added.size(), bytes(own), own.size());
        }

        private static long bytes(List<String> lines) {
            return lines.stream().mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1L).sum();
        }

        @Override
        public String toString() {
            return "%,d bytes (%d lines), of which the service's own %,d bytes (%d lines)".formatted(bytes, lines, ownBytes, ownLines);
        }
    }
}
