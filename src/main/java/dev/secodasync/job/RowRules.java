package dev.secodasync.job;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.config.SyncProperties.DottedNamePolicy;
import dev.secodasync.config.SyncProperties.InvalidRowPolicy;
import dev.secodasync.csv.RowValidator;
import dev.secodasync.extract.InvalidCatalogException;
import dev.secodasync.report.RowsLeftOut;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row rules of a sync, applied to one warehouse's rows as they stream: a name with a period
 * ({@code sync.dotted-names}) and the rows Secoda would reject or misread ({@code sync.invalid-rows}).
 * The extraction and {@code --check}'s prediction use the same rules, so they cannot disagree.
 */
public final class RowRules {

    private static final Logger log = LoggerFactory.getLogger(RowRules.class);

    private static final int MAX_PROBLEMS_SHOWN = 20;

    private final String warehouse;

    private final InvalidRowPolicy invalidRows;

    private final boolean skipDottedNames;

    private final RowValidator validator = new RowValidator();

    private final List<String> problems = new ArrayList<>();

    private long problemCount;

    private final List<String> leftOut = new ArrayList<>();

    private long leftOutCount;

    public RowRules(String warehouse, InvalidRowPolicy invalidRows, DottedNamePolicy dottedNames) {
        this.warehouse = warehouse;
        this.invalidRows = invalidRows;
        this.skipDottedNames = dottedNames == DottedNamePolicy.SKIP;
    }

    /** True when the row goes into the upload. */
    public boolean accept(ColumnRow row) {
        // Secoda rejects a period in a name: leave those rows out, not the whole catalog.
        if (skipDottedNames && RowValidator.dotted(row) != null) {
            if (leftOutCount++ < RowsLeftOut.FIRST) {
                leftOut.add(row.qualifiedName());
            }
            return false;
        }
        List<String> rowProblems = validator.check(row);
        if (rowProblems.isEmpty()) {
            return true;
        }
        problemCount += rowProblems.size();
        rowProblems.stream().limit(MAX_PROBLEMS_SHOWN - problems.size()).forEach(problems::add);
        return invalidRows != InvalidRowPolicy.SKIP;
    }

    /**
     * After the last row: fails under {@code sync.invalid-rows=fail} when a row had a problem, else
     * logs what was left out or uploaded as it is, and answers the rows left out for a period.
     *
     * @throws InvalidCatalogException naming the problems (the first {@value #MAX_PROBLEMS_SHOWN})
     */
    public RowsLeftOut finish() {
        if (problemCount > 0) {
            String summary = problemCount + " invalid row problem(s) in warehouse '" + warehouse + "'"
                    + (problemCount > problems.size() ? ", first " + problems.size() : "") + ": "
                    + String.join("; ", problems);
            if (invalidRows == InvalidRowPolicy.FAIL) {
                throw new InvalidCatalogException(summary
                        + " (sync.invalid-rows=fail; set it to skip or warn to upload anyway)");
            }
            log.warn("{} ({})", summary, invalidRows == InvalidRowPolicy.SKIP ? "rows left out" : "uploaded as they are");
        }
        if (leftOutCount > 0) {
            log.warn("Warehouse '{}': {} column(s) left out because a name holds a period, which Secoda rejects"
                    + " (sync.dotted-names=skip; the rest is synced): {}{}", warehouse, leftOutCount,
                    String.join(", ", leftOut), leftOutCount > leftOut.size() ? ", ..." : "");
        }
        return new RowsLeftOut(leftOutCount, leftOut);
    }
}
