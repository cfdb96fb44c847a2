package dev.secodasync.secoda;

import java.time.Duration;

/**
 * A Secoda API call that did not succeed: the HTTP status (0 when no answer came) and the body
 * text as Secoda sent it (Secoda does not document its error bodies).
 */
public class SecodaApiException extends RuntimeException {

    private static final int MAX_BODY = 1000;

    private final int status;

    private final String body;

    private final Duration retryAfter;

    public SecodaApiException(String message, int status, String body, Throwable cause) {
        this(message, status, body, null, cause);
    }

    public SecodaApiException(String message, int status, String body, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.body = body == null ? "" : body;
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for with {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** HTTP status code, or 0 when the call got no answer (connection refused, reset, timeout). */
    public int status() {
        return status;
    }

    /** Body of the answer, at most 1000 characters; empty when there was none. */
    public String body() {
        return body;
    }

    static String shorten(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.strip();
        return flat.length() <= MAX_BODY ? flat : flat.substring(0, MAX_BODY) + "...";
    }
}
