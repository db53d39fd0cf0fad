package io.wapipeline.worker.console;

import static io.wapipeline.worker.CallWebhooks.callStatus;
import static io.wapipeline.worker.CallWebhooks.calls;
import static io.wapipeline.worker.CallWebhooks.connect;
import static io.wapipeline.worker.CallWebhooks.terminate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

import io.wapipeline.worker.WorkerIntegrationTest;

/** The calls page, newest first, and one call with its reports: for viewers, remote text escaped, ids encoded. */
class CallPagesTest extends WorkerIntegrationTest {

    private static final long T = 1_778_300_000L;

    @Test
    void aViewerSeesCallsNewestFirstAndOpensOneWithItsReports() {
        String business = "PN-CONSOLE-CALLS-" + UUID.randomUUID();
        String customer = "5541" + ThreadLocalRandom.current().nextLong(10_000_000L, 100_000_000L);
        String answered = "wacid.HBgL/" + UUID.randomUUID() + "+AA==";
        String missed = "wacid.console-missed-" + UUID.randomUUID();
        publish(calls(business, customer, "BR." + customer, List.of(connect(answered, customer, "USER_INITIATED", T),
                terminate(answered, customer, "USER_INITIATED", T + 130, "COMPLETED", T + 5, 125)), List.of()));
        publish(calls(business, customer, "BR." + customer, List.of(),
                List.of(callStatus(missed, "<i>RINGING</i>", T + 600, customer))));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_call WHERE phone_number_id = ?", business) == 2
                && count("SELECT count(*) FROM whatsapp_call_event WHERE call_id = ?", answered) == 2);
        ConsoleClient browser = new ConsoleClient(port);
        browser.signIn("viewer", "viewer-password");

        HttpResponse<String> list = browser.get("/console/calls?business=" + business);

        assertThat(list.statusCode()).isEqualTo(200);
        String page = list.body();
        assertThat(page).contains("<a href=\"/console/calls\" class=\"current\">Calls</a>");
        assertThat(page.indexOf(missed)).as("newest first").isGreaterThan(0).isLessThan(page.indexOf("<td class=\"status\">COMPLETED</td>"));
        assertThat(page).contains("customer called").contains("<td class=\"duration\">2:05</td>")
                .contains("href=\"/console/conversations/" + customer + "\"")
                .contains("&lt;i&gt;RINGING&lt;/i&gt;").doesNotContain("<i>RINGING</i>");
        String link = callLink(page, "wacid.HBgL");
        assertThat(link).as("the id as one encoded path segment").contains("%2F").doesNotContain("wacid.HBgL/");

        HttpResponse<String> one = browser.get(link);

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains(answered).contains("<strong>connect</strong>").contains("<strong>terminate COMPLETED</strong>")
                .contains("the customer called").contains("2:05").contains("&quot;sdp_type&quot; : &quot;offer&quot;");
        assertThat(browser.get("/console/calls/wacid.nothing-" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(browser.get("/console/calls?from=yesterday").body()).contains("from must be an ISO-8601 instant");
    }

    @Test
    void callsAskForSignInFirst() {
        HttpResponse<String> anonymous = new ConsoleClient(port).get("/console/calls");

        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));
    }

    private static String callLink(String page, String idStart) {
        Matcher link = Pattern.compile("href=\"(/console/calls/" + Pattern.quote(idStart) + "[^\"]*)\"").matcher(page);
        assertThat(link.find()).as("a link to the call starting " + idStart).isTrue();
        return HtmlUtils.htmlUnescape(link.group(1));
    }
}
