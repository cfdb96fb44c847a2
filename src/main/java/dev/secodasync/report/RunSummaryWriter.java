package dev.secodasync.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the run summary: as a file ({@code --summary=PATH}, pretty-printed) and as the last line
 * of standard output (one line, no log prefix, so {@code tail -1 | jq} reads it in either log
 * format). Standard output rather than a logger: a log pattern or structured-logging encoder would
 * wrap it, and Spring Boot's console appender writes synchronously to the same stream, so the line
 * printed after the last log call is the last line.
 */
public class RunSummaryWriter {

    // Its own mapper: the format is a contract and must not change with the application's JSON settings.
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** The summary as one line of JSON. */
    public static String oneLine(RunSummary summary) {
        return JSON.writeValueAsString(summary);
    }

    /** Writes the file (if a path is given) and prints the summary line. */
    public void write(RunSummary summary, Path file, PrintStream out) {
        if (file != null) {
            writeFile(summary, file);
        }
        out.println(oneLine(summary));
        out.flush();
    }

    // Written aside and renamed: an orchestrator polling for the file never reads half of it.
    private static void writeFile(RunSummary summary, Path file) {
        Path absolute = file.toAbsolutePath();
        Path part = absolute.resolveSibling(absolute.getFileName() + ".part");
        try {
            Files.createDirectories(absolute.getParent());
            Files.writeString(part, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
            Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // The message below names the file; a part left behind is at worst a stale one.
            }
            throw new UncheckedIOException("cannot write the run summary to " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }
}
