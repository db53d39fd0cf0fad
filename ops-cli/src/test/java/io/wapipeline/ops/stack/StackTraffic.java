package io.wapipeline.ops.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.model.signature.WebhookSigner;

/** Signed webhooks to a stack's ingest, and counts from its database, for the tests that stop and start stacks. */
final class StackTraffic {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String webhookUrl;
    private final WebhookSigner signer;
    private final DatabaseUrl database;

    StackTraffic(String ingestUrl, String appSecret, String databaseUrl) {
        this.webhookUrl = ingestUrl + "/api/whatsapp/webhook";
        this.signer = new WebhookSigner(appSecret);
        this.database = DatabaseUrl.parse(databaseUrl);
    }

    /** Posts a signed body; the answer's status, or -1 when the ingest could not be reached. */
    int post(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl)).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", signer.sign(bytes)).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException unreachable) {
            return -1;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    long count(String sql) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not count with " + sql, e);
        }
    }

    static String text(String messageId, String contact) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA-RESTART\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"PN-RESTART\"},"
                + "\"contacts\":[{\"wa_id\":\"" + contact + "\",\"profile\":{\"name\":\"R\"}}],\"messages\":[{\"from\":\"" + contact
                + "\",\"id\":\"" + messageId + "\",\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\"kept\"}}]}}]}]}";
    }

    static String image(String messageId, String contact, String mediaId) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA-RESTART\",\"changes\":[{\"field\":\"messages\","
                + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"PN-RESTART\"},"
                + "\"messages\":[{\"from\":\"" + contact + "\",\"id\":\"" + messageId + "\",\"timestamp\":\""
                + java.time.Instant.now().getEpochSecond() + "\",\"type\":\"image\",\"image\":{\"id\":\"" + mediaId
                + "\",\"mime_type\":\"image/jpeg\"}}]}}]}]}";
    }
}
