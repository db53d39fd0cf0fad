package io.wapipeline.worker.media;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where a media file may be downloaded from: https only, and a host on the list, so that a poisoned Graph API answer
 * cannot make the worker fetch an internal address with its token.
 */
final class HostAllowList {

    private final List<String> hosts;

    HostAllowList(List<String> hosts) {
        this.hosts = hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
    }

    /** Why this URL is refused, or null when it may be fetched. */
    String refusal(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            return "download URL is not https: " + url.getScheme();
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (url.getUserInfo() != null || hosts.stream().noneMatch(allowed -> matches(allowed, host))) {
            return "download host is not on whatsapp.media.allowed-hosts: " + host;
        }
        return null;
    }

    private static boolean matches(String allowed, String host) {
        return allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed);
    }
}
