package dev.secodasync.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What to sync and where the job keeps its files ({@code sync.*}).
 *
 * @param stateDir directory for the job repository (H2 file, unless {@code spring.datasource.*}
 *     points elsewhere), the state store and the CSV files ({@code out/<warehouse>.csv})
 * @param warehouses the warehouses to sync; when empty, the built-in H2 demo warehouse
 * @param maxParallelWarehouses how many warehouses are extracted and uploaded at the same time
 * @param fetchSize rows fetched per round trip while streaming the catalog query
 * @param progressInterval how often a long extraction logs its progress (columns so far, columns
 *     per second); default 5 s
 * @param invalidRows what to do with rows Secoda would reject or misread (empty names, duplicate
 *     columns, table fields that disagree; dotted names with {@code dotted-names: fail}): {@code fail} the warehouse (default),
 *     {@code skip} those rows, or {@code warn} and upload them as they are
 * @param dottedNames what to do with a column whose database, schema, table or column name holds a
 *     period, which Secoda rejects: {@code skip} (default) leaves those rows out, names them in the log
 *     and the summary, and syncs the rest; {@code fail} treats them as invalid rows
 *     ({@code sync.invalid-rows})
 * @param guards checks before an upload that refuse to damage the catalog ({@code --force} overrides)
 * @param sqlDir a directory laid out like {@code sql/} ({@code postgres/columns.sql}, ...); a file
 *     found there replaces the built-in statement of the same name, to adapt a catalog query
 * @param restartMaxAge how old an unfinished run may be for {@code --restart} to resume it (upload
 *     the catalog it extracted then); an older one is set aside and the warehouses are extracted
 *     again, as tables dropped since would otherwise come back in Secoda
 * @param uploadDemo upload the built-in demo warehouse to Secoda when no warehouse is configured;
 *     default false: with a token set and no warehouse the run stops (exit 2), so that a misspelt or
 *     empty {@code sync.warehouses} never creates a demo integration in a real workspace
 * @param failOnError when false, failed warehouses are reported (log, summary) but the run still
 *     exits 0, as Datafold's "mark the CI check as failed on errors" switched off; configuration
 *     errors, overlaps and guard refusals keep their exit codes
 */
@Validated
@ConfigurationProperties("sync")
public record SyncProperties(
        @NotNull @DefaultValue("./.secoda-sync") Path stateDir,
        @DefaultValue List<@Valid WarehouseProperties> warehouses,
        @Min(1) @DefaultValue("2") int maxParallelWarehouses,
        @Min(1) @DefaultValue("10000") int fetchSize,
        @NotNull @DurationMin @DefaultValue("5s") Duration progressInterval,
        @NotNull @DefaultValue("fail") InvalidRowPolicy invalidRows,
        @NotNull @DefaultValue("skip") DottedNamePolicy dottedNames,
        @Valid @DefaultValue Guards guards,
        Path sqlDir,
        @NotNull @DurationMin(nanos = 1) @DefaultValue("6h") Duration restartMaxAge,
        @DefaultValue("false") boolean uploadDemo,
        @DefaultValue("true") boolean failOnError) {

    public SyncProperties {
        warehouses = warehouses == null ? List.of() : List.copyOf(warehouses);
        Set<String> names = new HashSet<>();
        Set<String> integrations = new HashSet<>();
        for (int i = 0; i < warehouses.size(); i++) {
            WarehouseProperties warehouse = warehouses.get(i);
            List<String> problems = warehouse.problems("sync.warehouses[" + i + "]");
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            if (warehouse.name() != null && !names.add(warehouse.name())) {
                throw new IllegalArgumentException("sync.warehouses[" + i + "].name '" + warehouse.name()
                        + "' is used by another warehouse: names must be unique");
            }
            // Every upload is the integration's complete catalog: a second warehouse uploading into
            // the same integration would mark the first one's tables stale.
            String target = warehouse.integrationId() != null ? "integration-id" : "integration-name";
            String value = warehouse.integrationId() != null ? warehouse.integrationId() : warehouse.integrationName();
            if (value != null && !integrations.add(target + ":" + value)) {
                throw new IllegalArgumentException("sync.warehouses[" + i + "]." + target + " '" + value
                        + "' is used by another warehouse: each upload replaces the integration's whole catalog,"
                        + " so each warehouse needs its own integration");
            }
        }
    }

    /** Every secret value of the warehouses' settings, for masking. */
    public List<String> secrets() {
        return warehouses.stream().flatMap(w -> w.secrets().stream()).toList();
    }

    /** The warehouses a run covers: the configured ones, or the demo when none is configured. */
    public List<WarehouseProperties> effectiveWarehouses() {
        return warehouses.isEmpty() ? List.of(WarehouseProperties.demo()) : warehouses;
    }

    /**
     * Checks before an upload ({@code sync.guards.*}); {@code --force} overrides them for one run.
     *
     * @param shrink refuse an upload whose table or column count fell by more than
     *     {@code max-shrink} against the last upload Secoda accepted for the integration, or to zero
     *     (a schema hidden by a lost grant would otherwise be marked stale in Secoda)
     * @param maxShrink the share (0 to 1) tables or columns may fall by before the shrink guard refuses
     * @param skipUnchanged skip the upload when the CSV is byte-identical to the last accepted one
     *     (saves a Secoda extraction and rate limit)
     */
    public record Guards(
            @DefaultValue("true") boolean shrink,
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.2") double maxShrink,
            @DefaultValue("true") boolean skipUnchanged) {
    }

    /** What to do with a row whose names hold a period. */
    public enum DottedNamePolicy {
        /** Leave the row out, name it in the log and the summary, sync the rest. */
        SKIP,
        /** An invalid row, handled as {@code sync.invalid-rows} says. */
        FAIL
    }

    /** What to do with a row that would be rejected or misread by Secoda. */
    public enum InvalidRowPolicy {
        /** Fail the warehouse: nothing is uploaded. */
        FAIL,
        /** Leave the row out of the CSV and log it. */
        SKIP,
        /** Log the row and upload it as it is. */
        WARN
    }
}
