package dev.secodasync.extract.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a schema's tables into groups of at most {@code max-tables-per-call} by name prefix, so
 * that one {@code getColumns} call per group (table pattern {@code prefix%}) asks for a bounded
 * answer. Most drivers (PostgreSQL's among them) hold a metadata call's whole answer in memory
 * before the first row is read, so one call for a schema of 250,000 columns does not fit a small
 * heap, whatever the job does with the rows afterwards. A schema within the limit is one group,
 * the empty prefix: one call, as before.
 */
final class TableGroups {

    /** The tables whose names start with {@code prefix}, or only the one named {@code prefix} when {@code exact}. */
    record Group(String prefix, boolean exact) {

        /** Whether a row of this group's answer belongs to it (a {@code LIKE} may match more: case, unescaped wildcards). */
        boolean covers(String table) {
            return exact ? table.equals(prefix) : table.startsWith(prefix);
        }
    }

    private TableGroups() {
    }

    /** Disjoint groups that together cover every name in {@code tables}, each of at most {@code max} names. */
    static List<Group> split(Collection<String> tables, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, not " + max);
        }
        List<Group> groups = new ArrayList<>();
        split("", List.copyOf(tables), max, groups);
        return groups;
    }

    private static void split(String prefix, List<String> names, int max, List<Group> groups) {
        if (names.size() <= max) {
            if (!names.isEmpty()) {
                groups.add(new Group(prefix, false));
            }
            return;
        }
        // By the next code point, so that a pattern never ends inside a surrogate pair.
        Map<String, List<String>> byNext = new TreeMap<>();
        for (String name : names) {
            if (name.length() == prefix.length()) {
                groups.add(new Group(prefix, true));
                continue;
            }
            int next = name.codePointAt(prefix.length());
            String longer = prefix + Character.toString(next);
            byNext.computeIfAbsent(longer, k -> new ArrayList<>()).add(name);
        }
        byNext.forEach((longer, children) -> split(longer, children, max, groups));
    }
}
