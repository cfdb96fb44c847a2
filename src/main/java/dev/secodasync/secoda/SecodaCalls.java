package dev.secodasync.secoda;

import java.io.IOException;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@link SecodaClient}'s requests: the HTTP client with the headers and the bounded, scrubbed
 * error body on every call, answers turned into a value or one {@link SecodaException}, and the
 * cancellation of a stop signal.
 */
final class SecodaCalls {

    private final HttpUrl baseUrl;

    private final ErrorBodyInterceptor errorBodies;

    private final Supplier<OkHttpClient> httpFactory;

    // Made on the first call: building an OkHttpClient loads the JDK's TLS stack and trust store
    // (about 0.1 s), which a dry run, a run without token or an unchanged catalog never needs.
    private volatile OkHttpClient http;

    private final JsonMapper json;

    private volatile boolean cancelled;

    SecodaCalls(HttpUrl baseUrl, String token, Supplier<OkHttpClient> http, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.errorBodies = new ErrorBodyInterceptor(token);
        // Whoever built the client, every call gets the headers and the bounded, scrubbed error body.
        this.httpFactory = () -> http.get().newBuilder()
                .addInterceptor(new SecodaHeaders(token))
                .addInterceptor(errorBodies)
                .build();
        this.json = json;
    }

    private OkHttpClient http() {
        OkHttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = httpFactory.get();
                    http = client;
                }
            }
        }
        return client;
    }

    /** Cancels every call in progress, and every later one. */
    void cancelAll() {
        cancelled = true;
        OkHttpClient client = http;
        if (client != null) {
            client.dispatcher().cancelAll();
        }
    }

    /** Runs the call; answers the body text of a 2xx answer, else throws with status and body. */
    SecodaAnswer call(Request request) {
        String what = request.method() + " " + request.url();
        if (cancelled) {
            throw new SecodaCancelledException("not calling " + what + ": the run is stopping");
        }
        try (Response response = http().newCall(request).execute()) {
            String body = response.body().string();
            if (response.isSuccessful()) {
                return new SecodaAnswer(response.code(), response.header("Content-Type"), body);
            }
            int status = response.code();
            // The body is already cut and scrubbed by ErrorBodyInterceptor.
            String message = switch (status) {
                case 401, 403 -> "Secoda rejected the API token (HTTP " + status + ") at " + baseUrl
                        + ": check SECODA_API_TOKEN and that it belongs to this workspace";
                default -> "Secoda answered HTTP " + status + " to " + what + (body.isEmpty() ? "" : ": " + body);
            };
            throw new SecodaHttpException(message, status, body, SecodaAnswer.retryAfter(response.header("Retry-After")));
        } catch (IOException e) {
            if (cancelled) {
                throw new SecodaCancelledException("call " + what + " cancelled: the run is stopping");
            }
            throw new SecodaUnreachableException("no answer from Secoda to " + what + ": " + e, e);
        }
    }

    /** Runs the call and reads its answer as {@code type}; a body that is not that JSON is a protocol error. */
    <T> T read(Request request, Class<T> type) {
        String body = call(request).body();
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw new SecodaProtocolException("Secoda answered " + request.method() + " " + request.url()
                        + " with an empty body");
            }
            return value;
        } catch (JacksonException e) {
            // A success page is not cut by ErrorBodyInterceptor: scrub, then cut.
            String text = ErrorBodyInterceptor.shorten(errorBodies.scrub(body));
            throw new SecodaProtocolException("Secoda's answer to " + request.method() + " " + request.url()
                    + " is not the expected JSON: " + text);
        }
    }
}
