package dev.secodasync.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What {@code --check} changes before Spring starts: the job repository and state store become a
 * throwaway in-memory database. Spring Batch opens its repository while starting, and a check must
 * neither write to the real one (schema creation, run history) nor fail because it is unreachable:
 * it is about the warehouses and Secoda.
 */
public final class CheckMode {

    private CheckMode() {
    }

    /** True when the command line asks for a check ({@code --check}, {@code --check=true}). */
    public static boolean requested(String... args) {
        boolean check = false;
        for (String arg : args) {
            if (arg.equals("--check")) {
                check = true;
            } else if (arg.startsWith("--check=")) {
                check = !arg.substring("--check=".length()).equalsIgnoreCase("false");
            }
        }
        return check;
    }

    /** The arguments to start Spring with: unchanged, or with the in-memory repository in check mode. */
    public static String[] arguments(String... args) {
        if (!requested(args)) {
            return args;
        }
        // Spring joins repeated options with commas instead of letting the last win: drop the user's.
        List<String> all = new ArrayList<>(Arrays.stream(args).filter(a -> !a.startsWith("--spring.datasource.")).toList());
        all.add("--spring.datasource.url=jdbc:h2:mem:secoda-sync-check-" + UUID.randomUUID());
        all.add("--spring.datasource.username=sa");
        all.add("--spring.datasource.password=");
        return all.toArray(String[]::new);
    }
}
