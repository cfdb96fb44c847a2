package dev.secodasync.job;

/** A guard refused to upload a warehouse's CSV; {@code --force} overrides it for one run. */
public class GuardRefusedException extends RuntimeException {

    public GuardRefusedException(String message) {
        super(message);
    }
}
