package dev.secodasync.check;

import dev.secodasync.catalog.CatalogCount;
import dev.secodasync.config.SecodaProperties;
import dev.secodasync.config.WarehouseProperties;
import dev.secodasync.extract.WarehouseExtractor;
import dev.secodasync.extract.WarehouseExtractors;
import dev.secodasync.support.Errors;
import dev.secodasync.support.SecretMasker;
import dev.secodasync.secoda.SecodaClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code --check}: signs in to every selected warehouse (a trivial query that also counts what a
 * sync would export) and calls Secoda's healthcheck and one authenticated read. Uploads nothing,
 * writes nothing, and never stops at the first problem: every target gets its line.
 */
public class ConnectionCheck {

    private final List<WarehouseProperties> warehouses;

    private final WarehouseExtractors extractors;

    private final SecodaClient secoda;

    private final SecodaProperties secodaProperties;

    private final boolean dryRun;

    private final SecretMasker masker;

    /**
     * @param dryRun with {@code --dry-run} a run calls no Secoda API, so neither does the check
     */
    public ConnectionCheck(List<WarehouseProperties> warehouses, WarehouseExtractors extractors, SecodaClient secoda,
            SecodaProperties secodaProperties, boolean dryRun, SecretMasker masker) {
        this.warehouses = List.copyOf(warehouses);
        this.extractors = extractors;
        this.secoda = secoda;
        this.secodaProperties = secodaProperties;
        this.dryRun = dryRun;
        this.masker = masker;
    }

    /** Checks every target, in order: the warehouses, then Secoda. */
    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        for (WarehouseProperties warehouse : warehouses) {
            WarehouseExtractor extractor = extractors.forKind(warehouse.kind());
            results.add(attempt("warehouse " + warehouse.name() + " (" + warehouse.kind().dialect() + ")", () -> {
                CatalogCount count = extractor.count(warehouse);
                if (count.columns() == 0) {
                    // The sync would refuse it (exit 4): an empty upload marks the whole integration stale.
                    throw new IllegalStateException("no columns would be exported, so a sync would refuse the upload"
                            + " (check include-schemas, exclude-schemas and the role's privileges)");
                }
                return count.tables() + " tables, " + count.columns() + " columns would be exported";
            }));
        }
        String base = secodaProperties.baseUrl().toString();
        if (dryRun) {
            results.add(new CheckResult("secoda healthcheck", CheckResult.Outcome.SKIP, "--dry-run calls no Secoda API"));
            results.add(new CheckResult("secoda api token", CheckResult.Outcome.SKIP, "--dry-run calls no Secoda API"));
            return results;
        }
        results.add(attempt("secoda healthcheck", () -> {
            secoda.healthcheck();
            return base + " answers";
        }));
        if (!secodaProperties.hasToken()) {
            results.add(new CheckResult("secoda api token", CheckResult.Outcome.FAIL,
                    "no token (set SECODA_API_TOKEN): a run would upload nothing"));
        } else {
            results.add(attempt("secoda api token", () -> "accepted; " + secoda.integrationCount() + " integrations visible"));
        }
        return results;
    }

    private CheckResult attempt(String target, Supplier<String> check) {
        long started = System.nanoTime();
        try {
            String detail = check.get();
            return new CheckResult(target, CheckResult.Outcome.OK,
                    masker.mask(detail) + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
        } catch (RuntimeException e) {
            return new CheckResult(target, CheckResult.Outcome.FAIL, masker.mask(Errors.oneLine(e)));
        }
    }
}
