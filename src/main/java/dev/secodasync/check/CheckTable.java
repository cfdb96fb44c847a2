package dev.secodasync.check;

import java.util.List;

/** Prints check results as a table for people: one line per target, the error on that same line. */
public final class CheckTable {

    private CheckTable() {
    }

    /** The table, header first, then a closing count line. */
    public static String format(List<CheckResult> results) {
        int width = Math.max("TARGET".length(), results.stream().mapToInt(r -> r.target().length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        String row = "%-" + width + "s  %-6s  %s%n";
        out.append(String.format(row, "TARGET", "RESULT", "DETAIL"));
        for (CheckResult r : results) {
            out.append(String.format(row, r.target(), r.outcome(), r.detail()));
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.append(failed == 0 ? "check: everything works" : "check: " + failed + " of " + results.size() + " targets FAILED")
                .append(System.lineSeparator());
        return out.toString();
    }
}
