package io.wapipeline.ops.doctor;

import io.wapipeline.ops.Failures;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The Graph API accepts {@code WHATSAPP_ACCESS_TOKEN}: {@code GET /{version}/me} with it answers 200. A rejected token
 * stops media downloads (they wait), not message storage.
 */
final class GraphTokenCheck implements Check {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String graphApiUrl;
    private final String version;
    private final Optional<String> accessToken;
    private final Optional<Path> truststore;
    private final String truststorePassword;

    GraphTokenCheck(String graphApiUrl, String version, Optional<String> accessToken, Optional<Path> truststore,
            String truststorePassword) {
        this.graphApiUrl = graphApiUrl.replaceAll("/+$", "");
        this.version = version;
        this.accessToken = accessToken;
        this.truststore = truststore;
        this.truststorePassword = truststorePassword;
    }

    @Override
    public String name() {
        return "Graph API token accepted";
    }

    @Override
    public Result run() {
        if (accessToken.isEmpty()) {
            return Result.fail("WHATSAPP_ACCESS_TOKEN is not set", "set it to a system user token with the "
                    + "whatsapp_business_messaging permission (Business settings > System users)");
        }
        URI me = URI.create(graphApiUrl + "/" + version + "/me");
        try {
            HttpResponse<String> response = client().send(HttpRequest.newBuilder(me).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + accessToken.get()).GET().build(), HttpResponse.BodyHandlers.ofString());
            return judge(response.statusCode());
        }
        catch (IOException | GeneralSecurityException failure) {
            return Result.fail("no answer from " + me + ": " + Failures.rootMessage(failure),
                    "check WHATSAPP_GRAPH_API_URL (default https://graph.facebook.com) and outbound HTTPS from the worker's network");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.fail("interrupted", "run the doctor again");
        }
    }

    private Result judge(int status) {
        if (status == 200) {
            return Result.pass("200 from " + graphApiUrl + "/" + version + "/me");
        }
        if (status == 401 || status == 403) {
            return Result.fail(status + ": the Graph API rejects the token (expired, revoked, or missing permission)",
                    "create a new system user token with whatsapp_business_messaging and set WHATSAPP_ACCESS_TOKEN; the "
                            + "worker resumes waiting downloads by itself once it works");
        }
        return Result.fail(status + " from " + graphApiUrl, "check WHATSAPP_GRAPH_API_URL and --graph-api-version");
    }

    /** The JVM's trust, or a given truststore (the local stack's fake Graph API has a self-signed certificate). */
    private HttpClient client() throws IOException, GeneralSecurityException {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (truststore.isPresent()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(truststore.get())) {
                store.load(in, truststorePassword.toCharArray());
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            builder.sslContext(context);
        }
        return builder.build();
    }
}
