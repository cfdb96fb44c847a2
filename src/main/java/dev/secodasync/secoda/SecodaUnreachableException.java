package dev.secodasync.secoda;

import java.io.IOException;

/** No answer from Secoda: connection refused or reset, a timeout, a body cut off. Worth another try. */
public final class SecodaUnreachableException extends SecodaException {

    public SecodaUnreachableException(String message, IOException cause) {
        super(message, cause);
    }

    private SecodaUnreachableException(String message, SecodaUnreachableException cause) {
        super(message, cause);
    }

    @Override
    SecodaUnreachableException withMessageSuffix(String suffix) {
        return new SecodaUnreachableException(getMessage() + suffix, this);
    }
}
