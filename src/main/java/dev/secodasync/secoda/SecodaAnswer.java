package dev.secodasync.secoda;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.MediaType;
import okhttp3.Request;

/**
 * A 2xx answer of the Secoda API: its status, content type (or null) and body text.
 *
 * @param status HTTP status
 * @param contentType the {@code Content-Type} header, or null
 * @param body the body text
 */
record SecodaAnswer(int status, String contentType, String body) {

    // Retry-After is either delta-seconds or an HTTP date.
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Duration.between(Instant.now(), at).isNegative() ? Duration.ZERO : Duration.between(Instant.now(), at);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /**
     * An upload counts as accepted only as the API answers it: a 2xx status, and a body that is
     * empty or JSON. A 200 HTML page (a proxy's or a login page) is not Secoda having the catalog:
     * recording it as accepted would skip the next run as "unchanged", for good.
     */
    SecodaAnswer accepted(Request request) {
        MediaType type = contentType == null ? null : MediaType.parse(contentType);
        boolean json = type != null && (type.subtype().equals("json") || type.subtype().endsWith("+json"));
        if (body.isBlank() || json) {
            return this;
        }
        throw new SecodaProtocolException("Secoda answered " + request.method() + " " + request.url() + " with HTTP "
                + status + " but " + (contentType == null ? "no content type" : contentType)
                + ", not the API's JSON (a proxy or login page?); the upload is not counted as accepted");
    }
}
