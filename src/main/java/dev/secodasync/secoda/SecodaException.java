package dev.secodasync.secoda;

/**
 * A Secoda call that did not succeed: one of an HTTP error answer ({@link SecodaHttpException}), no
 * answer at all ({@link SecodaUnreachableException}), or an answer that makes no sense
 * ({@link SecodaProtocolException}), or a call cancelled because the run is stopping
 * ({@link SecodaCancelledException}). Messages never carry the token.
 */
public abstract sealed class SecodaException extends RuntimeException
        permits SecodaHttpException, SecodaUnreachableException, SecodaProtocolException, SecodaCancelledException {

    SecodaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same failure with {@code suffix} added to its message (e.g. why retries stopped). */
    abstract SecodaException withMessageSuffix(String suffix);
}
