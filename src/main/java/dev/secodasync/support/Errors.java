package dev.secodasync.support;

import java.util.ArrayList;
import java.util.List;

/** Turns an exception chain into the one line a person reads in the log. */
public final class Errors {

    private Errors() {
    }

    /**
     * The messages of the exception and its causes, outermost first, joined by {@code ": "},
     * leaving out a message already contained in the one before (frameworks often repeat the
     * cause's message in their own).
     */
    public static String oneLine(Throwable error) {
        List<String> parts = new ArrayList<>();
        String previous = "";
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                message = t.getClass().getSimpleName();
                if (t.getCause() != null) {
                    continue;
                }
            }
            // Spring's JDBC exceptions repeat the whole statement ("... SQL [...]; cause"): the
            // cause's own message follows anyway.
            if ((message.contains("SQL [") || message.contains("SQL grammar [")) && t.getCause() != null) {
                continue;
            }
            message = message.replaceAll("\\s*\\R\\s*", " ").strip();
            if (!previous.contains(message)) {
                parts.add(message);
                previous = message;
            }
        }
        return String.join(": ", parts);
    }
}
