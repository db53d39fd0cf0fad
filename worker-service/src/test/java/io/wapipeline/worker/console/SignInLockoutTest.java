package io.wapipeline.worker.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * Password guessing against the console is slowed: after five wrong passwords in a row a user name, known or not, is
 * locked, and every sign-in as it is answered 429 with Retry-After without its password being looked at; once the
 * lock is over the right password works. The session cookie is SameSite. (A short lock, and the per-address limit set
 * out of the way so that only the per-name one is at work here.)
 */
@TestPropertySource(properties = { "whatsapp.lockout.duration=2s", "whatsapp.lockout.max-duration=2s",
        "whatsapp.lockout.failures-per-name=5", "whatsapp.lockout.failures-per-address=1000" })
class SignInLockoutTest extends WorkerIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void thirtyWrongPasswordsAreRefused429AndTheRightOneWorksOnceTheLockIsOver() {
        double locksBefore = meters.get("whatsapp.lockouts").tag("limit", "console_user_name").counter().count();
        ConsoleClient browser = new ConsoleClient(port);

        List<HttpResponse<String>> answers = wrongPasswords(browser, "operator", 30);

        assertThat(answers.subList(0, 5)).allSatisfy(answer -> assertThat(answer.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/login?error")));
        assertThat(answers.subList(5, 30)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(429);
            assertThat(answer.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 3));
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("\"status\":429").contains("too many failed sign-ins");
        });
        assertThat(meters.get("whatsapp.lockouts").tag("limit", "console_user_name").counter().count())
                .as("the lock counted once").isEqualTo(locksBefore + 1);
        assertThat(browser.signIn("operator", "operator-password").statusCode()).as("right password, still locked").isEqualTo(429);

        await().atMost(WAIT).until(() -> browser.signIn("operator", "operator-password").statusCode() == 302);
        assertThat(browser.get("/console/messages").statusCode()).as("signed in").isEqualTo(200);
    }

    @Test
    void anUnknownUserNameIsLockedExactlyLikeAKnownOne() {
        ConsoleClient browser = new ConsoleClient(port);

        List<Integer> known = statuses(wrongPasswords(browser, "viewer", 8));
        List<Integer> unknown = statuses(wrongPasswords(browser, "nobody-" + UUID.randomUUID(), 8));

        assertThat(unknown).isEqualTo(known).containsExactly(302, 302, 302, 302, 302, 429, 429, 429);
        await().atMost(WAIT).until(() -> browser.signIn("viewer", "viewer-password").statusCode() == 302);
    }

    @Test
    void theSessionCookieIsSameSiteLax() {
        ConsoleClient browser = new ConsoleClient(port);

        HttpResponse<String> signIn = browser.signIn("operator" + "", "operator-password");
        HttpResponse<String> page = new ConsoleClient(port).get("/console/login");

        assertThat(signIn.headers().allValues("Set-Cookie")).isNotEmpty().allSatisfy(
                cookie -> assertThat(cookie).contains("SameSite=Lax").contains("HttpOnly"));
        assertThat(page.headers().allValues("Set-Cookie")).isNotEmpty().allSatisfy(
                cookie -> assertThat(cookie).contains("SameSite=Lax"));
    }

    private static List<HttpResponse<String>> wrongPasswords(ConsoleClient browser, String name, int times) {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int n = 0; n < times; n++) {
            answers.add(browser.signIn(name, "wrong-password-" + n));
        }
        return answers;
    }

    private static List<Integer> statuses(List<HttpResponse<String>> answers) {
        return answers.stream().map(HttpResponse::statusCode).toList();
    }
}
