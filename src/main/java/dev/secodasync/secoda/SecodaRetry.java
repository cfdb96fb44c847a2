package dev.secodasync.secoda;

import dev.secodasync.config.SecodaProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Retries Secoda calls that failed for a passing reason (HTTP 429, 502, 503, 504, no answer:
 * refused, reset, timed out) with Spring's {@link RetryTemplate}: exponential back-off with jitter,
 * bounded in attempts and total time, and at least as long as a {@code Retry-After} header asks.
 * Anything else (400, 401, 403, 404, ...) fails at once.
 */
public class SecodaRetry {

    private static final Logger log = LoggerFactory.getLogger(SecodaRetry.class);

    private final SecodaProperties.Retry settings;

    public SecodaRetry(SecodaProperties.Retry settings) {
        this.settings = settings;
    }

    /** True for failures that another attempt may cure. */
    public static boolean isTransient(Throwable error) {
        if (error instanceof SecodaUnreachableException) {
            return true;
        }
        if (!(error instanceof SecodaHttpException http)) {
            return false;
        }
        return switch (http.status()) {
            case 429, 502, 503, 504 -> true;
            default -> false;
        };
    }

    /** Runs the call, retrying transient failures; throws the last failure when retries run out. */
    public <T> T call(String what, Supplier<T> action) {
        AtomicLong retryAfterMillis = new AtomicLong();
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<String> beyondBudget = new AtomicReference<>();
        long deadline = System.nanoTime() + settings.maxElapsed().toNanos();
        RetryPolicy policy = RetryPolicy.builder()
                .predicate(e -> beyondBudget.get() == null && isTransient(e))
                .timeout(settings.maxElapsed())
                .backOff(new RetryAfterBackOff(exponential(), retryAfterMillis))
                .build();
        RetryTemplate template = new RetryTemplate(policy);
        try {
            return template.execute(new Retryable<T>() {
                @Override
                public T execute() {
                    int attempt = attempts.incrementAndGet();
                    if (attempt > 1) {
                        log.info("Retrying Secoda call '{}' (attempt {})", what, attempt);
                    }
                    try {
                        return action.get();
                    } catch (SecodaException e) {
                        retryAfterMillis.set(e instanceof SecodaHttpException http && http.retryAfter() != null
                                ? http.retryAfter().toMillis() : 0);
                        // Waiting as asked would end past the budget: say so rather than a bare "gave up".
                        if (retryAfterMillis.get() > 0
                                && System.nanoTime() + retryAfterMillis.get() * 1_000_000 > deadline) {
                            beyondBudget.set(" (Secoda asked to wait " + retryAfterMillis.get() / 1000
                                    + " s with Retry-After, more than is left of secoda.retry.max-elapsed="
                                    + settings.maxElapsed() + "; not waiting)");
                        }
                        if (isTransient(e)) {
                            log.warn("Secoda call '{}' failed (attempt {} of {}): {}", what, attempt,
                                    settings.maxAttempts(), e.getMessage());
                        }
                        throw e;
                    }
                }

                @Override
                public String getName() {
                    return what;
                }
            });
        } catch (RetryException e) {
            Throwable last = e.getCause() != null ? e.getCause() : e;
            if (last instanceof SecodaException failure && beyondBudget.get() != null) {
                throw failure.withMessageSuffix(beyondBudget.get());
            }
            if (last instanceof SecodaException failure) {
                throw isTransient(failure)
                        ? failure.withMessageSuffix(" (gave up after " + attempts.get() + " attempts)") : failure;
            }
            if (last instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(last);
        }
    }

    private ExponentialBackOff exponential() {
        ExponentialBackOff backOff = new ExponentialBackOff(settings.initialDelay().toMillis(), settings.multiplier());
        backOff.setMaxInterval(settings.maxDelay().toMillis());
        backOff.setJitter(settings.initialDelay().toMillis() / 2);
        backOff.setMaxAttempts(settings.maxAttempts() - 1);
        return backOff;
    }

    /** The exponential delay, or the server's {@code Retry-After} when that is longer. */
    private record RetryAfterBackOff(BackOff delegate, AtomicLong retryAfterMillis) implements BackOff {

        @Override
        public BackOffExecution start() {
            BackOffExecution execution = delegate.start();
            return () -> {
                long next = execution.nextBackOff();
                long asked = retryAfterMillis.getAndSet(0);
                return next == BackOffExecution.STOP ? next : Math.max(next, asked);
            };
        }
    }

    /** Shorthand for settings in tests and tools. */
    public static SecodaProperties.Retry settings(int maxAttempts, Duration initialDelay, Duration maxElapsed) {
        return new SecodaProperties.Retry(maxAttempts, initialDelay, Duration.ofSeconds(30), 2.0, maxElapsed);
    }
}
