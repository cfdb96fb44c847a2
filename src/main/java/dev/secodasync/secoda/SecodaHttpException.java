package dev.secodasync.secoda;

import java.time.Duration;

/**
 * Secoda answered with an HTTP error status: the status and the body text as Secoda sent it
 * (Secoda does not document its error bodies), token removed.
 */
public final class SecodaHttpException extends SecodaException {

    private final int status;

    private final String body;

    private final Duration retryAfter;

    /**
     * @param body the answer's text (already cut to the read limit and scrubbed of the token)
     * @param retryAfter the wait the server asked for with {@code Retry-After}, or null
     */
    public SecodaHttpException(String message, int status, String body, Duration retryAfter) {
        this(message, status, body, retryAfter, null);
    }

    private SecodaHttpException(String message, int status, String body, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.body = body == null ? "" : body;
        this.retryAfter = retryAfter;
    }

    /** HTTP status code. */
    public int status() {
        return status;
    }

    /** Body of the answer, at most {@link ErrorBodyInterceptor#MAX_SHOWN} characters; empty when there was none. */
    public String body() {
        return body;
    }

    /** The wait the server asked for with {@code Retry-After}, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    SecodaHttpException withMessageSuffix(String suffix) {
        return new SecodaHttpException(getMessage() + suffix, status, body, retryAfter, this);
    }
}
