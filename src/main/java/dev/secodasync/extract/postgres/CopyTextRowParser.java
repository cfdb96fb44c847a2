package dev.secodasync.extract.postgres;

import dev.secodasync.catalog.ColumnRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;

/**
 * Turns one line of PostgreSQL's COPY text format into a {@link ColumnRow}: fields separated by a
 * tab, {@code \N} for NULL, and backslash escapes for backslash, tab, newline, carriage return,
 * backspace, form feed and vertical tab (COPY TO writes no octal or hex escapes). The columns come
 * in {@code columns.sql}'s order. The table-level fields repeat on each of a table's rows; when
 * their bytes equal the previous line's, the previous string is reused rather than decoded again.
 */
final class CopyTextRowParser {

    private static final int FIELDS = 10;

    // The table-level fields: database, schema, table, table description, is_view, last update.
    private static final int REUSED = 6;

    private static final byte TAB = '\t';

    private static final byte BACKSLASH = '\\';

    private final int[] starts = new int[FIELDS];

    private final int[] ends = new int[FIELDS];

    private final boolean[] escaped = new boolean[FIELDS];

    private static final String[] FIELD_NAMES = {"database name", "schema name", "table name", "table comment",
        "is_view", "last_updated_time", "column name", "column comment", "column type"};

    private byte[] previousLine;

    private final int[] previousStarts = new int[REUSED];

    private final int[] previousEnds = new int[REUSED];

    private final Object[] previousValues = new Object[REUSED];

    // Bit i set: field i of the last line held bytes that are not UTF-8, replaced by U+FFFD.
    private int replacedFields;

    /**
     * @throws IllegalStateException when the line does not hold {@value #FIELDS} fields of the
     *     expected types (a {@code columns.sql} from {@code sync.sql-dir} that returns other columns)
     */
    ColumnRow parse(byte[] line) {
        replacedFields = 0;
        split(line);
        Object[] table = previousValues;
        for (int i = 0; i < REUSED; i++) {
            if (!sameAsPrevious(line, i)) {
                table[i] = decode(line, i);
            }
        }
        previousLine = line;
        System.arraycopy(starts, 0, previousStarts, 0, REUSED);
        System.arraycopy(ends, 0, previousEnds, 0, REUSED);
        Long sortOrder = number(line, 9);
        if (sortOrder == null) {
            throw new IllegalStateException("columns.sql returned no sort_order for column " + text(line, 6));
        }
        return new ColumnRow((String) table[0], (String) table[1], (String) table[2], (String) table[3],
                (Boolean) table[4], (Long) table[5], text(line, 6), text(line, 7), text(line, 8),
                Math.toIntExact(sortOrder));
    }

    private void split(byte[] line) {
        int end = line.length;
        if (end > 0 && line[end - 1] == '\n') {
            end--;
        }
        int field = 0;
        int start = 0;
        boolean sawBackslash = false;
        for (int i = 0; i <= end; i++) {
            if (i == end || line[i] == TAB) {
                if (field == FIELDS) {
                    throw wrongShape();
                }
                starts[field] = start;
                ends[field] = i;
                escaped[field] = sawBackslash;
                field++;
                start = i + 1;
                sawBackslash = false;
            } else if (line[i] == BACKSLASH) {
                sawBackslash = true;
                // The escaped byte is data, never a separator.
                i++;
            }
        }
        if (field != FIELDS) {
            throw wrongShape();
        }
    }

    private static IllegalStateException wrongShape() {
        return new IllegalStateException("columns.sql must return " + FIELDS + " columns (database_name, schema_name,"
                + " table_name, table_description, is_view, last_updated_time, column_name, column_description,"
                + " column_type, sort_order)");
    }

    private boolean sameAsPrevious(byte[] line, int field) {
        return previousLine != null && Arrays.equals(line, starts[field], ends[field],
                previousLine, previousStarts[field], previousEnds[field]);
    }

    private Object decode(byte[] line, int field) {
        return switch (field) {
            case 4 -> bool(line, field);
            case 5 -> number(line, field);
            default -> text(line, field);
        };
    }

    private boolean isNull(byte[] line, int field) {
        return escaped[field] && ends[field] - starts[field] == 2 && line[starts[field] + 1] == 'N';
    }

    private String text(byte[] line, int field) {
        if (isNull(line, field)) {
            return null;
        }
        int start = starts[field];
        int end = ends[field];
        if (!escaped[field]) {
            return checked(new String(line, start, end - start, StandardCharsets.UTF_8), field);
        }
        byte[] out = new byte[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            byte b = line[i];
            if (b == BACKSLASH && i + 1 < end) {
                b = switch (line[++i]) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'v' -> 0x0B;
                    default -> line[i];
                };
            }
            out[n++] = b;
        }
        return checked(new String(out, 0, n, StandardCharsets.UTF_8), field);
    }

    private String checked(String text, int field) {
        if (text.indexOf('\uFFFD') >= 0) {
            replacedFields |= 1 << field;
        }
        return text;
    }

    /**
     * The names of the fields of the last parsed line (a table's fields only on its first line)
     * whose bytes were not UTF-8 and were replaced by U+FFFD, e.g. "column comment"; empty when none.
     */
    List<String> replacedFields() {
        if (replacedFields == 0) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FIELD_NAMES.length; i++) {
            if ((replacedFields & (1 << i)) != 0) {
                names.add(FIELD_NAMES[i]);
            }
        }
        return names;
    }

    private Boolean bool(byte[] line, int field) {
        String value = text(line, field);
        if ("t".equals(value) || "f".equals(value)) {
            return "t".equals(value);
        }
        throw new IllegalStateException("columns.sql returned '" + value + "' for is_view, not a boolean");
    }

    private Long number(byte[] line, int field) {
        String value = text(line, field);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("columns.sql returned '" + value + "' for "
                    + (field == 5 ? "last_updated_time" : "sort_order") + ", not a whole number");
        }
    }
}
