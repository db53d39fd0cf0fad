package io.wapipeline.worker.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.wapipeline.worker.WorkerIntegrationTest;
import io.wapipeline.worker.api.ApiWebhooks;

/**
 * The console behind Spring Security: nothing but the sign-in page without a session, wrong passwords refused, CSRF
 * on every POST, strict headers on every page, and the read API untouched (no session, no console headers).
 */
class ConsoleSecurityTest extends WorkerIntegrationTest {

    @Test
    void everyPageRedirectsToSignInWithoutASession() {
        ConsoleClient anonymous = new ConsoleClient(port);
        for (String page : new String[] { "/console/", "/console/messages", "/console/messages/wamid.any" }) {
            HttpResponse<String> answer = anonymous.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(page).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/console/login"));
        }
        assertThat(anonymous.get("/console/login").statusCode()).isEqualTo(200);
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void aWrongPasswordIsRefusedAndARightOneOpensTheMessages() {
        double failedBefore = signIns("failed");
        double succeededBefore = signIns("succeeded");
        ConsoleClient browser = new ConsoleClient(port);
        HttpResponse<String> wrong = browser.signIn("operator", "not-the-password");
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?error"));
        assertThat(browser.get("/console/messages").statusCode()).isEqualTo(302);

        HttpResponse<String> right = browser.signIn("viewer", "viewer-password");
        assertThat(right.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/messages"));
        HttpResponse<String> messages = browser.get("/console/messages");
        assertThat(messages.statusCode()).isEqualTo(200);
        assertThat(messages.body()).contains("<h1>Messages</h1>").contains("viewer · viewer");
        assertThat(signIns("failed")).as("failed sign-ins counted").isGreaterThanOrEqualTo(failedBefore + 1);
        assertThat(signIns("succeeded")).as("sign-ins counted").isGreaterThanOrEqualTo(succeededBefore + 1);
    }

    private double signIns(String outcome) {
        return meters.get("whatsapp.console.signins").tag("outcome", outcome).counter().count();
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefused() {
        ConsoleClient browser = new ConsoleClient(port);
        assertThat(browser.post("/console/login", Map.of("username", "operator", "password", "operator-password"), null)
                .statusCode()).as("sign-in without a token").isEqualTo(403);

        browser.signIn("operator", "operator-password");
        assertThat(browser.post("/console/logout", Map.of(), null).statusCode()).as("sign-out without a token").isEqualTo(403);
        assertThat(browser.get("/console/messages").statusCode()).as("still signed in").isEqualTo(200);
        HttpResponse<String> signOut = browser.post("/console/logout", Map.of(), "/console/messages");
        assertThat(signOut.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login?signed-out"));
        assertThat(browser.get("/console/messages").statusCode()).as("signed out").isEqualTo(302);
    }

    @Test
    void actionsAreForOperatorsOnly() {
        ConsoleClient viewer = new ConsoleClient(port);
        viewer.signIn("viewer", "viewer-password");
        assertThat(viewer.post("/console/actions/anything", Map.of(), "/console/messages").statusCode()).isEqualTo(403);
    }

    @Test
    void everyConsoleAnswerCarriesTheSecurityHeaders() {
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("viewer", "viewer-password");
        for (String page : new String[] { "/console/login", "/console/messages" }) {
            HttpResponse<String> answer = browser.get(page);
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(page).hasValue(ConsoleSecurity.CONTENT_SECURITY_POLICY);
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(page).hasValue("DENY");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(page).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(page).hasValue("same-origin");
            assertThat(answer.headers().firstValue("Cache-Control")).as(page).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        }
    }

    @Test
    void theReadApiIsUntouched() {
        HttpResponse<String> api = new ConsoleClient(port).get("/api/whatsapp/messages");
        assertThat(api.statusCode()).as("no bearer token").isEqualTo(401);
        assertThat(api.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(api.headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    @Test
    void aSignedInUserFindsAStoredMessageByItsWordsAndOpensIt() {
        String words = "console search " + UUID.randomUUID();
        String id = "wamid.console." + UUID.randomUUID();
        publish(ApiWebhooks.messages("PN1", "5511900000001", "Ana <b>Console</b>",
                ApiWebhooks.text(id, "5511900000001", 1_764_590_000L, words)));
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("viewer", "viewer-password");

        await().atMost(WAIT).untilAsserted(() -> assertThat(browser.get("/console/messages?q=" + words.replace(' ', '+')).body())
                .contains(words));
        HttpResponse<String> list = browser.get("/console/messages?q=" + words.replace(' ', '+'));
        assertThat(list.body()).contains("Ana &lt;b&gt;Console&lt;/b&gt;").doesNotContain("<b>Console</b>");
        HttpResponse<String> one = browser.get("/console/messages/" + id);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains(id).contains(words).contains("5511900000001").contains("As Meta sent it");
        assertThat(browser.get("/console/messages/wamid.nothing-" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }
}
