package dev.secodasync.secoda;

/**
 * Secoda answered with a success status but the answer makes no sense for the call: not the
 * expected JSON, a created integration without id, a list that never ends or whose next page is on
 * another host. Never retried: the same call would get the same answer.
 */
public final class SecodaProtocolException extends SecodaException {

    public SecodaProtocolException(String message) {
        super(message, null);
    }

    @Override
    SecodaProtocolException withMessageSuffix(String suffix) {
        return new SecodaProtocolException(getMessage() + suffix);
    }
}
