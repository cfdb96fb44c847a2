package dev.secodasync.secoda;

/** A call cancelled because the run is stopping (a stop signal): never retried. */
public final class SecodaCancelledException extends SecodaException {

    public SecodaCancelledException(String message) {
        super(message, null);
    }

    @Override
    SecodaCancelledException withMessageSuffix(String suffix) {
        return new SecodaCancelledException(getMessage() + suffix);
    }
}
