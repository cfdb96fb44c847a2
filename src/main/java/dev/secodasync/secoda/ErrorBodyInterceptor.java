package dev.secodasync.secoda;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Replaces the body of an error answer by at most {@link #MAX_READ} bytes of it with the token
 * removed, before anything else reads it: a 50 MB error page is never held in memory, and a proxy
 * that echoes the request's headers cannot leak the token into a message, even in part (the cut
 * comes after the scrub).
 */
final class ErrorBodyInterceptor implements Interceptor {

    /** Bytes of an error body read at most. */
    static final long MAX_READ = 64 * 1024;

    /** Characters of it shown in a message. */
    static final int MAX_SHOWN = 1000;

    private final String token;

    ErrorBodyInterceptor(String token) {
        this.token = token;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            String text = shorten(scrub(response.peekBody(MAX_READ).string()));
            return response.newBuilder().body(ResponseBody.create(text, null)).build();
        }
    }

    String scrub(String text) {
        return token == null || token.isEmpty() ? text : text.replace(token, "****");
    }

    static String shorten(String body) {
        String flat = body.strip();
        return flat.length() <= MAX_SHOWN ? flat : flat.substring(0, MAX_SHOWN) + "...";
    }
}
