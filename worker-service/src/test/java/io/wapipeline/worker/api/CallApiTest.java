package io.wapipeline.worker.api;

import static io.wapipeline.worker.CallWebhooks.BUSINESS_NUMBER;
import static io.wapipeline.worker.CallWebhooks.callStatus;
import static io.wapipeline.worker.CallWebhooks.calls;
import static io.wapipeline.worker.CallWebhooks.connect;
import static io.wapipeline.worker.CallWebhooks.failed;
import static io.wapipeline.worker.CallWebhooks.terminate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.wapipeline.testsupport.Conformance;
import io.wapipeline.testsupport.RequiresConformanceCorpus;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code /api/whatsapp/calls/}: calls newest first with their filters and pages, and one call with its reports. */
class CallApiTest extends ApiIntegrationTest {

    private static final long T = 1_778_200_000L;
    private static final String USER = "USER_INITIATED";
    private static final String BUSINESS = "BUSINESS_INITIATED";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void callsAreListedNewestFirstWithEachFilterAndInKeysetPages() {
        String business = unique("pn");
        String ana = customer();
        String bo = customer();
        String answered = "wacid." + unique("answered");
        String rejected = "wacid." + unique("rejected");
        String failedCall = "wacid." + unique("failed");
        publish(calls(business, ana, "BR." + ana, List.of(connect(answered, ana, USER, T),
                terminate(answered, ana, USER, T + 130, "COMPLETED", T + 5, 120)), List.of()));
        publish(calls(business, bo, "BR." + bo, List.of(), List.of(callStatus(rejected, "RINGING", T + 200, bo),
                callStatus(rejected, "REJECTED", T + 210, bo))));
        publish(calls(business, ana, "BR." + ana, List.of(connect(failedCall, ana, BUSINESS, T + 300),
                failed(failedCall, ana, BUSINESS, T + 301)), List.of()));
        awaitCallEvents(business, 6);
        String calls = "/api/whatsapp/calls?business=" + business;

        Map<String, Object> page = ok(calls);

        assertThat(page).containsEntry("nextCursor", null);
        List<Map<String, Object>> items = items(page);
        assertThat(field(items, "callId")).containsExactly(failedCall, rejected, answered);
        assertThat(items.get(2)).containsExactlyEntriesOf(new Call(answered, business, ana).customer(ana, "BR." + ana)
                .ends(USER, ana, BUSINESS_NUMBER).status("COMPLETED", T + 130).times(T, T + 130).answered(T + 5, T + 125, 120)
                .callback("ticket-42").json());
        assertThat(items.get(1)).containsExactlyEntriesOf(new Call(rejected, business, bo).customer(bo, "BR." + bo)
                .ends(null, null, bo).status("REJECTED", T + 210).times(T + 200, T + 210).json());
        assertThat(field(items(ok(calls + "&contact=" + ana)), "callId")).containsExactly(failedCall, answered);
        assertThat(field(items(ok(calls + "&direction=" + BUSINESS)), "callId")).containsExactly(failedCall);
        assertThat(field(items(ok(calls + "&status=REJECTED")), "callId")).containsExactly(rejected);
        assertThat(field(items(ok(calls + "&from=" + Instant.ofEpochSecond(T + 200) + "&to=" + Instant.ofEpochSecond(T + 300))),
                "callId")).as("from inclusive, to exclusive, on the earliest report").containsExactly(rejected);
        assertThat(pagesOfOne(calls)).containsExactly(failedCall, rejected, answered);
        assertThat(get(calls + "&limit=0").statusCode()).isEqualTo(400);
        assertThat(json(get(calls + "&from=yesterday"))).containsEntry("status", 400)
                .containsEntry("detail", "from must be an ISO-8601 instant such as 2026-05-01T00:00:00Z");
    }

    @Test
    void aCallShowsItsFieldsAndItsReportsOldestFirst() {
        String business = unique("pn");
        String customer = customer();
        String callId = "wacid.HBgL/" + unique("detail") + "+AA==";
        String ringing = callStatus(callId, "RINGING", T, customer);
        String connect = connect(callId, customer, BUSINESS, T + 1);
        String failed = failed(callId, customer, BUSINESS, T + 2);
        publish(calls(business, customer, "BR." + customer, List.of(failed, connect), List.of(ringing)));
        awaitCallEvents(business, 3);
        String path = "/api/whatsapp/calls/" + URLEncoder.encode(callId, StandardCharsets.UTF_8);

        Map<String, Object> detail = ok(path);

        Map<String, Object> expected = new Call(callId, business, customer).customer(customer, "BR." + customer)
                .ends(BUSINESS, BUSINESS_NUMBER, customer).status("FAILED", T + 2).times(T, T + 2)
                .errors(List.of(Map.of("code", 138006, "title", "Lack of call permission"))).json();
        expected.put("events", List.of(
                event("status", "RINGING", T, ringing, detail, 0),
                event("connect", null, T + 1, connect, detail, 1),
                event("terminate", "FAILED", T + 2, failed, detail, 2)));
        assertThat(detail).containsExactlyEntriesOf(expected);
        assertThat(ok(path + "/")).as("with the trailing slash").isEqualTo(detail);
    }

    @Test
    void aCallNoOneStoredIsNotFoundAndCallsWantTheToken() {
        HttpResponse<String> missing = get("/api/whatsapp/calls/wacid." + unique("nothing"));

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(missing)).containsEntry("status", 404).containsEntry("title", "Not Found")
                .containsEntry("detail", "no call has this id");
        for (String path : List.of("/api/whatsapp/calls", "/api/whatsapp/calls/", "/api/whatsapp/calls/wacid.any")) {
            assertThat(get(path, null).statusCode()).as("%s without a token", path).isEqualTo(401);
            assertThat(get(path, "Bearer wrong-token").statusCode()).as("%s with a wrong token", path).isEqualTo(401);
        }
    }

    /**
     * pywa's call webhooks, as Meta documents them, with call ids and a business number of this test's own (the
     * fuzzing test stores the same files mutated): each stored and read back field by field.
     */
    @Test
    @RequiresConformanceCorpus
    void pywasCallWebhooksAreStoredAndReadBack() {
        String business = unique("pn");
        String run = unique("pywa");
        JsonNode userConnect = publishCorpusFile("call_connect__user_initiated.json", business, run + "-1");
        JsonNode businessConnect = publishCorpusFile("call_connect__business_initiated.json", business, run + "-2");
        JsonNode terminate = publishCorpusFile("call_terminate__call_terminate.json", business, run + "-3");
        JsonNode status = publishCorpusFile("call_status__call_status.json", business, run + "-4");
        awaitCallEvents(business, 4);

        assertReadBack(userConnect.at("/calls/0"), new Call(userConnect.at("/calls/0/id").asString(), business, "972987654321")
                .customer("972987654321", "US.13491208655302741918").ends(USER, "972987654321", "16315553601")
                .times(1_752_583_107L, 1_752_583_107L));
        assertReadBack(businessConnect.at("/calls/0"), new Call(businessConnect.at("/calls/0/id").asString(), business,
                "16315553601").customer("16315553601", null).ends(BUSINESS, "16315553602", "16315553601")
                .times(1_752_582_933L, 1_752_582_933L));
        assertReadBack(terminate.at("/calls/0"), new Call(terminate.at("/calls/0/id").asString(), business, "16315553601")
                .customer("16315553601", null).ends(BUSINESS, "16315553602", "16315553601").status("COMPLETED", 1_671_644_824L)
                .times(1_671_644_824L, 1_671_644_824L).answered(1_671_644_824L, 1_671_644_944L, 120).callback("random_string"));
        assertReadBack(status.at("/statuses/0"), new Call(status.at("/statuses/0/id").asString(), business, "163155536021")
                .customer("163155536021", null).ends(null, null, "163155536021").status("RINGING", 1_671_644_824L)
                .times(1_671_644_824L, 1_671_644_824L).callback("random_string"));
        assertThat(count("SELECT count(*) FROM whatsapp_message_status WHERE message_id = ?", status.at("/statuses/0/id").asString()))
                .as("the call status is no message status").isZero();
    }

    private void assertReadBack(JsonNode item, Call call) {
        Map<String, Object> detail = ok("/api/whatsapp/calls/" + URLEncoder.encode(call.callId, StandardCharsets.UTF_8));
        Map<String, Object> expected = call.json();
        String event = item.has("event") ? item.get("event").asString() : "status";
        expected.put("events", List.of(event(event, item.has("status") ? item.get("status").asString() : null,
                Long.parseLong(item.get("timestamp").asString()), item.toString(), detail, 0)));
        assertThat(detail).as(call.callId).containsExactlyEntriesOf(expected);
        assertThat(items(ok("/api/whatsapp/calls?business=" + call.business + "&contact=" + call.contact)))
                .as("listed under its contact").anySatisfy(listed -> assertThat(listed).containsExactlyEntriesOf(call.json()));
    }

    /** The change value of the corpus file as published: its call ids prefixed with {@code run}, its number {@code business}. */
    private JsonNode publishCorpusFile(String name, String business, String run) {
        try {
            JsonNode body = JSON.readTree(Files.readString(Conformance.directory().resolve("pywa").resolve(name)));
            ObjectNode value = (ObjectNode) body.at("/entry/0/changes/0/value");
            ((ObjectNode) value.get("metadata")).put("phone_number_id", business);
            for (String array : List.of("calls", "statuses")) {
                value.path(array).forEach(item -> ((ObjectNode) item).put("id",
                        item.get("id").asString().replace("wacid.", "wacid." + run + "-")));
            }
            publish(JSON.writeValueAsString(body));
            return value;
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every call id of a pager that asks for one call per page, in page order. */
    private List<Object> pagesOfOne(String calls) {
        List<Object> seen = new java.util.ArrayList<>();
        String next = calls + "&limit=1";
        while (next != null) {
            Map<String, Object> page = ok(next);
            seen.addAll(field(items(page), "callId"));
            next = page.get("nextCursor") == null ? null : calls + "&limit=1&cursor=" + page.get("nextCursor");
        }
        return seen;
    }

    private void awaitCallEvents(String business, long expected) {
        await().atMost(WAIT).until(() -> count("""
                SELECT count(*) FROM whatsapp_call_event e JOIN whatsapp_call c USING (call_id)
                 WHERE c.phone_number_id = ?""", business) == expected);
    }

    /** A report as the detail shows it; its receive time is the ingest's, taken from the answer once it is not null. */
    private static Map<String, Object> event(String event, String status, long at, String item, Map<String, Object> detail,
            int position) {
        Object receivedAt = object(((List<?>) detail.get("events")).get(position)).get("receivedAt");
        assertThat(receivedAt).as("receivedAt of report %d", position).isNotNull();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("event", event);
        expected.put("status", status);
        expected.put("timestamp", Instant.ofEpochSecond(at).toString());
        expected.put("receivedAt", receivedAt);
        expected.put("rawPayload", JSON.readValue(item, new TypeReference<Map<String, Object>>() { }));
        return expected;
    }

    private static String customer() {
        return "5531" + ThreadLocalRandom.current().nextLong(10_000_000L, 100_000_000L);
    }

    /** A call as the API answers it, built up from what a test stored. */
    private static final class Call {

        private final String callId;
        private final String business;
        private final String contact;
        private final Map<String, Object> json = new LinkedHashMap<>();

        Call(String callId, String business, String contact) {
            this.callId = callId;
            this.business = business;
            this.contact = contact;
            for (String name : List.of("callId", "businessPhoneNumberId", "contactId", "customerWaId", "customerUserId",
                    "direction", "from", "to", "status", "statusAt", "startedAt", "endedAt", "durationSeconds", "firstEventAt",
                    "lastEventAt", "bizOpaqueCallbackData", "errors")) {
                json.put(name, null);
            }
            json.put("callId", callId);
            json.put("businessPhoneNumberId", business);
            json.put("contactId", contact);
        }

        Call customer(String waId, String userId) {
            json.put("customerWaId", waId);
            json.put("customerUserId", userId);
            return this;
        }

        Call ends(String direction, String from, String to) {
            json.put("direction", direction);
            json.put("from", from);
            json.put("to", to);
            return this;
        }

        Call status(String status, long at) {
            json.put("status", status);
            json.put("statusAt", Instant.ofEpochSecond(at).toString());
            return this;
        }

        Call times(long first, long last) {
            json.put("firstEventAt", Instant.ofEpochSecond(first).toString());
            json.put("lastEventAt", Instant.ofEpochSecond(last).toString());
            return this;
        }

        Call answered(long started, long ended, int duration) {
            json.put("startedAt", Instant.ofEpochSecond(started).toString());
            json.put("endedAt", Instant.ofEpochSecond(ended).toString());
            json.put("durationSeconds", duration);
            return this;
        }

        Call callback(String data) {
            json.put("bizOpaqueCallbackData", data);
            return this;
        }

        Call errors(List<Map<String, Object>> errors) {
            json.put("errors", errors);
            return this;
        }

        Map<String, Object> json() {
            return new LinkedHashMap<>(json);
        }
    }
}
