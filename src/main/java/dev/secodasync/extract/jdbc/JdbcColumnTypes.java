package dev.secodasync.extract.jdbc;

import java.sql.Types;
import java.util.Locale;
import java.util.Set;

/**
 * The CSV's {@code col_type} from a {@code getColumns} row: {@code TYPE_NAME} as the driver prints
 * it, with the declared length of a character or binary type ({@code VARCHAR(20)}) and the
 * precision and scale of a decimal ({@code DECIMAL(10,2)}) added when the name does not carry them
 * already ({@code DuckDB} prints {@code DECIMAL(10,2)} itself). Nothing is added to other types:
 * {@code COLUMN_SIZE} of an integer or a date is a display width or a bit count that no user
 * declared, and drivers fill it differently for the same column.
 */
final class JdbcColumnTypes {

    /** Names whose size is a declared length. */
    private static final Set<String> SIZED = Set.of("char", "varchar", "character", "character varying", "nchar",
            "nvarchar", "varchar2", "nvarchar2", "bpchar", "binary", "varbinary", "raw", "bit varying", "varbit");

    /** Names whose size and digits are a declared precision and scale. */
    private static final Set<String> DECIMAL = Set.of("decimal", "numeric", "number", "dec");

    /**
     * At or above this a size means "unbounded": drivers report 2^31-1 (PostgreSQL {@code text}),
     * 2,000,000,000 (SQLite) or 1 GB for types declared without a length.
     */
    private static final long UNBOUNDED = 1_000_000_000L;

    private JdbcColumnTypes() {
    }

    /**
     * @param typeName {@code TYPE_NAME}; blank (an untyped SQLite column) gives null
     * @param dataType {@code DATA_TYPE} ({@link java.sql.Types})
     * @param size {@code COLUMN_SIZE}, or null
     * @param digits {@code DECIMAL_DIGITS}, or null
     */
    static String format(String typeName, int dataType, Integer size, Integer digits) {
        if (typeName == null || typeName.isBlank()) {
            return null;
        }
        String name = typeName.strip();
        if (name.indexOf('(') >= 0 || size == null || size <= 0 || size >= UNBOUNDED) {
            return name;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (SIZED.contains(lower)) {
            return name + "(" + size + ")";
        }
        boolean decimal = dataType == Types.DECIMAL || dataType == Types.NUMERIC;
        if (decimal && DECIMAL.contains(lower)) {
            return digits == null || digits <= 0 ? name + "(" + size + ")" : name + "(" + size + "," + digits + ")";
        }
        return name;
    }
}
