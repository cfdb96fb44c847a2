package dev.secodasync.secoda;

import java.util.List;
import okhttp3.HttpUrl;

/** The URLs of the Secoda API under one base URL, and the one rule for following a page link. */
record SecodaUrls(HttpUrl baseUrl) {

    /** {@code path} under the base URL, whose own path prefix (e.g. {@code /api/v1}) is kept. */
    HttpUrl of(String path) {
        HttpUrl.Builder builder = baseUrl.newBuilder();
        // Drop the empty last segment of "https://host/" or "https://host/api/v1/" before appending.
        List<String> segments = baseUrl.pathSegments();
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            builder.removePathSegment(segments.size() - 1);
        }
        return builder.addPathSegments(path).build();
    }

    // The token goes wherever "next" points: only follow links to the configured host.
    // A server behind a TLS-terminating proxy often writes its own links as http://host:80/...:
    // on the configured host, keep the configured scheme and port (the token stays on https).
    HttpUrl nextPage(String link) {
        if (link == null) {
            return null;
        }
        HttpUrl next = baseUrl.resolve(link);
        if (next == null || !next.host().equalsIgnoreCase(baseUrl.host())) {
            throw new SecodaProtocolException("Secoda's integration list points to another host for its next page ("
                    + link + "); not sending the token there");
        }
        return next.newBuilder().scheme(baseUrl.scheme()).port(baseUrl.port()).build();
    }
}
