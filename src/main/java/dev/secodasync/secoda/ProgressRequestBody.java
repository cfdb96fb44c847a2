package dev.secodasync.secoda;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.ForwardingSink;
import okio.Okio;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request body that says how far it is: a line every {@code every} with the bytes sent and the
 * rate, so a gigabyte upload over a slow link is visibly moving (or visibly stuck).
 */
final class ProgressRequestBody extends RequestBody {

    private static final Logger log = LoggerFactory.getLogger(ProgressRequestBody.class);

    private static final double MB = 1_000_000.0;

    private final RequestBody delegate;

    private final String what;

    private final long everyNanos;

    ProgressRequestBody(RequestBody delegate, String what, Duration every) {
        this.delegate = delegate;
        this.what = what;
        this.everyNanos = every.toNanos();
    }

    @Override
    public MediaType contentType() {
        return delegate.contentType();
    }

    @Override
    public long contentLength() throws IOException {
        return delegate.contentLength();
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        long total = contentLength();
        long started = System.nanoTime();
        ForwardingSink counting = new ForwardingSink(sink) {
            private long sent;
            private long last = started;

            @Override
            public void write(Buffer source, long byteCount) throws IOException {
                super.write(source, byteCount);
                sent += byteCount;
                long now = System.nanoTime();
                if (now - last >= everyNanos) {
                    last = now;
                    log.info(String.format(Locale.ROOT, "Upload of %s: %.1f of %.1f MB sent, %.1f MB/s", what,
                            sent / MB, total / MB, sent / MB / Math.max(1e-9, (now - started) / 1e9)));
                }
            }
        };
        BufferedSink buffered = Okio.buffer(counting);
        delegate.writeTo(buffered);
        buffered.emit();
    }
}
