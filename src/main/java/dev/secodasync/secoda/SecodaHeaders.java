package dev.secodasync.secoda;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Puts the headers every Secoda call carries on each request: the Bearer token (except on calls
 * tagged {@link Anonymous}), JSON as the answer wanted (so a server does not choose HTML), and
 * the client's name. The token lives here only: no call site ever sees it.
 */
final class SecodaHeaders implements Interceptor {

    private static final String USER_AGENT = "secoda-sync";

    /** Tag of a request that must not carry the token ({@code healthcheck}). */
    record Anonymous() {
    }

    private final String token;

    SecodaHeaders(String token) {
        this.token = token;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Request.Builder builder = request.newBuilder()
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        if (request.tag(Anonymous.class) == null && token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return chain.proceed(builder.build());
    }
}
