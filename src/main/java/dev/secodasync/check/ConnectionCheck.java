package dev.secodasync.check;

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
 * {@code --check}: signs in to every selected warehouse, reads its catalog as a sync would and
 * predicts the sync's outcome ({@link SyncPrediction}: invalid rows, an empty result, a shrink
 * against the last upload), and calls Secoda's healthcheck and one authenticated read. Uploads nothing,
 * writes nothing, and never stops at the first problem: every target gets its line.
 */
public class ConnectionCheck {

    private final List<WarehouseProperties> warehouses;

    private final WarehouseExtractors extractors;

    private final SecodaClient secoda;

    private final SecodaProperties secodaProperties;

    private final boolean dryRun;

    private final SecretMasker masker;

    private final SyncPrediction prediction;

    /**
     * @param dryRun with {@code --dry-run} a run calls no Secoda API, so neither does the check
     */
    public ConnectionCheck(List<WarehouseProperties> warehouses, WarehouseExtractors extractors, SecodaClient secoda,
            SecodaProperties secodaProperties, boolean dryRun, SecretMasker masker, SyncPrediction prediction) {
        this.warehouses = List.copyOf(warehouses);
        this.extractors = extractors;
        this.secoda = secoda;
        this.secodaProperties = secodaProperties;
        this.dryRun = dryRun;
        this.masker = masker;
        this.prediction = prediction;
    }

    /** Checks every target, in order: the warehouses, then Secoda. */
    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        for (WarehouseProperties warehouse : warehouses) {
            WarehouseExtractor extractor = extractors.forKind(warehouse.kind());
            results.add(attempt("warehouse " + warehouse.name() + " (" + warehouse.kind().dialect() + ")", () -> {
                // The quick count first: it signs in and fails fast; then the catalog as a sync reads it.
                extractor.count(warehouse);
                try {
                    return prediction.predict(warehouse, extractor.reader(warehouse));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
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
