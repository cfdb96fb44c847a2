package dev.secodasync.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;

/**
 * The command-line options of one run (as opposed to configuration, which describes the
 * warehouses).
 *
 * @param warehouses names given with {@code --warehouse=NAME} (repeatable); empty means all
 * @param dryRun {@code --dry-run}: extract and write the CSV, call no Secoda API
 * @param force {@code --force}: upload even when a guard (shrink, unchanged, empty) would refuse
 * @param restart {@code --restart}: resume the last failed run (its completed steps are not redone)
 * @param check {@code --check}: connect to every selected warehouse and to Secoda, report, run no job
 * @param summary {@code --summary=PATH}: where to write the run summary JSON, or null
 */
public record RunOptions(Set<String> warehouses, boolean dryRun, boolean force, boolean restart,
        boolean check, Path summary) {

    public RunOptions {
        warehouses = Set.copyOf(warehouses);
    }

    /** Reads the options from the command line. */
    public static RunOptions from(ApplicationArguments args) {
        List<String> named = args.containsOption("warehouse") ? args.getOptionValues("warehouse") : List.of();
        Set<String> warehouses = new LinkedHashSet<>();
        for (String value : named) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    warehouses.add(name.trim());
                }
            }
        }
        // "--warehouse=" from a templated command whose value came out empty must not mean "all":
        // in a one-pod-per-warehouse setup every pod would then run every warehouse.
        if (args.containsOption("warehouse") && warehouses.isEmpty()) {
            throw new InvalidConfigurationException("--warehouse was given without a warehouse name");
        }
        return new RunOptions(warehouses, isSet(args, "dry-run"), isSet(args, "force"), isSet(args, "restart"),
                isSet(args, "check"), summaryPath(args));
    }

    /**
     * The warehouses this run covers, in configuration order.
     *
     * @throws InvalidConfigurationException when {@code --warehouse} names one that is not configured
     */
    public List<WarehouseProperties> select(List<WarehouseProperties> configured) {
        if (warehouses.isEmpty()) {
            return configured;
        }
        List<String> unknown = new ArrayList<>(warehouses);
        configured.forEach(w -> unknown.remove(w.name()));
        if (!unknown.isEmpty()) {
            throw new InvalidConfigurationException("--warehouse names " + unknown
                    + ", which is not in sync.warehouses (configured: "
                    + configured.stream().map(WarehouseProperties::name).toList() + ")");
        }
        return configured.stream().filter(w -> warehouses.contains(w.name())).toList();
    }

    // The last --summary=PATH wins; "--summary" without a path is a mistake worth stopping for.
    private static Path summaryPath(ApplicationArguments args) {
        if (!args.containsOption("summary")) {
            return null;
        }
        List<String> values = args.getOptionValues("summary");
        if (values.isEmpty() || values.get(values.size() - 1).isBlank()) {
            throw new InvalidConfigurationException("--summary needs a file: --summary=PATH");
        }
        return Path.of(values.get(values.size() - 1));
    }

    // "--dry-run" and "--dry-run=true" set it; "--dry-run=false" does not.
    private static boolean isSet(ApplicationArguments args, String option) {
        if (!args.containsOption(option)) {
            return false;
        }
        List<String> values = args.getOptionValues(option);
        return values.isEmpty() || !"false".equalsIgnoreCase(values.get(values.size() - 1));
    }
}
