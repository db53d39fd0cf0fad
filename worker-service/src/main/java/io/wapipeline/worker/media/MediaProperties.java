package io.wapipeline.worker.media;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Media downloads ({@code whatsapp.media.*}). The token, Graph API URL and media root come from
 * {@code WHATSAPP_ACCESS_TOKEN}, {@code WHATSAPP_GRAPH_API_URL} and {@code MEDIA_ROOT}; {@link #toString()} hides the
 * token.
 *
 * @param download           whether this instance downloads at all
 * @param graphApiUrl        Meta's Graph API base URL
 * @param graphApiVersion    the version segment of Graph API paths
 * @param accessToken        the bearer token for the Graph API and the media CDN
 * @param root               where stored files go
 * @param concurrency        downloads at once on this instance
 * @param pollInterval       how often due jobs are claimed
 * @param maxAttempts        attempts before a job ends {@code failed}
 * @param retryInitial       pause after the first failed attempt; doubles (with jitter) up to {@code retryMax}
 * @param retryMax           longest pause between attempts
 * @param tokenRetryInterval how often jobs waiting for a valid token try again (and the warning is logged)
 * @param maxFileSize        larger files end {@code failed}, without being written to disk
 * @param allowedHosts       hosts a file may be downloaded from ({@code *.example.com} matches subdomains); https only
 * @param lease              how long a claimed job is held before another instance may take it over
 * @param connectTimeout     TCP connect timeout of Graph API and CDN requests
 * @param downloadTimeout    the longest one file download may take
 * @param mediaIdLifetime    media ids older than this (Meta: 7 days) end {@code expired}
 * @param sslBundle          a Spring SSL bundle to trust instead of the JDK's CAs (a corporate proxy, or a test fake)
 */
@ConfigurationProperties("whatsapp.media")
public record MediaProperties(
        @DefaultValue("true") boolean download,
        @DefaultValue("https://graph.facebook.com") String graphApiUrl,
        @DefaultValue("v24.0") String graphApiVersion,
        String accessToken,
        @DefaultValue("media") String root,
        @DefaultValue("4") int concurrency,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("5s") Duration retryInitial,
        @DefaultValue("30m") Duration retryMax,
        @DefaultValue("1m") Duration tokenRetryInterval,
        @DefaultValue("100MB") DataSize maxFileSize,
        @DefaultValue({ "lookaside.fbsbx.com", "*.fbsbx.com", "*.fbcdn.net", "*.whatsapp.net" }) List<String> allowedHosts,
        @DefaultValue("10m") Duration lease,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("5m") Duration downloadTimeout,
        @DefaultValue("7d") Duration mediaIdLifetime,
        String sslBundle) {

    public MediaProperties {
        if (concurrency < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("whatsapp.media.concurrency and max-attempts must be at least 1");
        }
        if (!graphApiUrl.startsWith("https://")) {
            throw new IllegalArgumentException("WHATSAPP_GRAPH_API_URL must be an https:// URL, not " + graphApiUrl);
        }
        graphApiUrl = graphApiUrl.endsWith("/") ? graphApiUrl.substring(0, graphApiUrl.length() - 1) : graphApiUrl;
    }

    @Override
    public String toString() {
        return "MediaProperties[download=" + download + ", graphApiUrl=" + graphApiUrl + ", accessToken=****, root="
                + root + ", concurrency=" + concurrency + ", maxAttempts=" + maxAttempts + ", allowedHosts="
                + allowedHosts + ", maxFileSize=" + maxFileSize + "]";
    }
}
