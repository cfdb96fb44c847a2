package dev.secodasync.check;

/**
 * What the connection check found for one target.
 *
 * @param target what was checked, e.g. {@code warehouse shop (postgres)} or {@code secoda api token}
 * @param outcome whether it works
 * @param detail what was seen: counts, or the error in one masked line
 */
public record CheckResult(String target, Outcome outcome, String detail) {

    /** Whether a target works. */
    public enum Outcome {
        /** It works. */
        OK,
        /** It does not work: a run would fail or upload nothing. */
        FAIL,
        /** Not checked on purpose ({@code --dry-run}: Secoda is not called). */
        SKIP
    }

    /** True unless the target failed. */
    public boolean passed() {
        return outcome != Outcome.FAIL;
    }
}
