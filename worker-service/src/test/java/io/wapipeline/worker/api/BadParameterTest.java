package io.wapipeline.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BadParameterTest extends ApiIntegrationTest {

    private static final String LIMIT = "limit must be a whole number from 1 to 200";
    private static final String CURSOR = "cursor is not one this API gave out: pass nextCursor back unchanged";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            from=yesterday                    | from must be an ISO-8601 instant such as 2026-05-01T00:00:00Z
            from=2026-05-01                   | from must be an ISO-8601 instant such as 2026-05-01T00:00:00Z
            to=2026-13-01T00:00:00Z           | to must be an ISO-8601 instant such as 2026-05-01T00:00:00Z
            to=%2B100000-01-01T00:00:00Z      | to must be between years 1 and 9999
            limit=0                           | limit must be a whole number from 1 to 200
            limit=201                         | limit must be a whole number from 1 to 200
            limit=-1                          | limit must be a whole number from 1 to 200
            limit=ten                         | limit must be a whole number from 1 to 200
            limit=99999999999                 | limit must be a whole number from 1 to 200
            cursor=not-base64!                | cursor is not one this API gave out: pass nextCursor back unchanged
            contact=x%00y                     | contact must not contain the NUL character
            q=a%00                            | q must not contain the NUL character
            """)
    void unreadableParameterIsABadRequestNamingIt(String query, String reason) {
        for (String path : new String[] { "/api/whatsapp/messages/", "/api/whatsapp/messages",
                "/api/whatsapp/conversations/5511900000000/messages/", "/api/whatsapp/conversations/5511900000000/messages" }) {
            assertBadRequest(get(path + "?" + query), reason);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "x:y", "1:2:3", "12345", ":", "99999999999999999999:1", "253402300800000000:1", "-62135596800000001:1" })
    void cursorThatThisApiDidNotGiveOutIsABadRequest(String position) {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.US_ASCII));

        assertBadRequest(get("/api/whatsapp/messages/?cursor=" + cursor), CURSOR);
        assertBadRequest(get("/api/whatsapp/conversations/?cursor=" + cursor), CURSOR);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/whatsapp/messages/wamid.x%00y", "/api/whatsapp/conversations/x%00y/messages/",
            "/api/whatsapp/media/x%00y", "/api/whatsapp/media/x%00y/content" })
    void aNulCharacterInAPathIsABadRequest(String path) {
        assertThat(get(path).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/whatsapp/conversations/", "/api/whatsapp/conversations" })
    void conversationListRefusesABadLimitOrCursor(String path) {
        assertBadRequest(get(path + "?limit=0"), LIMIT);
        assertBadRequest(get(path + "?limit=201"), LIMIT);
        assertBadRequest(get(path + "?cursor=%25%25"), CURSOR);
    }

    private static void assertBadRequest(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        Map<String, Object> problem = json(response);
        assertThat(problem).containsEntry("status", 400)
                .containsEntry("title", "Bad Request")
                .containsEntry("detail", reason);
        assertThat(problem.get("requestId")).asString().isNotBlank();
    }
}
