package dev.secodasync.extract.postgres;

import dev.secodasync.catalog.ColumnRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyTextRowParserTest {

    private final CopyTextRowParser parser = new CopyTextRowParser();

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsFieldsNullsAndTypes() {
        // given
        byte[] line = line("shop\tpublic\torders\t\\N\tf\t\\N\tid\tPrimary key\tbigint\t1");

        // when
        ColumnRow row = parser.parse(line);

        // then
        assertThat(row).isEqualTo(new ColumnRow("shop", "public", "orders", null, false, null, "id", "Primary key",
                "bigint", 1));
    }

    @Test
    void undoesEveryEscapeCopyWritesAndKeepsBackslashNInsideTextAsText() {
        // given: a tab, newline, carriage return, backspace, form feed, vertical tab and backslash,
        // then a field that is exactly backslash-N (NULL) and one that holds it as text
        byte[] line = line("d\ts\tt\\tab\tC:\\\\temp\\\\N\tt\t1767225600\tline\\none\\r\\b\\f\\v\t\\N\tnumeric(10,2)\t12");

        // when
        ColumnRow row = parser.parse(line);

        // then
        assertThat(row.table()).isEqualTo("t\tab");
        assertThat(row.tableDescription()).isEqualTo("C:\\temp\\N");
        assertThat(row.view()).isTrue();
        assertThat(row.lastUpdatedEpochSeconds()).isEqualTo(1767225600L);
        assertThat(row.column()).isEqualTo("line\none\r\b\f\u000B");
        assertThat(row.columnDescription()).isNull();
        assertThat(row.sortOrder()).isEqualTo(12);
    }

    @Test
    void decodesUtf8AndEmptyStrings() {
        // given
        byte[] line = line("d\tÜberblick\t注文 ✓\t\tf\t\\N\tcol\t\ttext\t2");

        // when
        ColumnRow row = parser.parse(line);

        // then
        assertThat(row.schema()).isEqualTo("Überblick");
        assertThat(row.table()).isEqualTo("注文 ✓");
        assertThat(row.tableDescription()).isEmpty();
        assertThat(row.columnDescription()).isEmpty();
    }

    @Test
    void theNextTableOfAStreamGetsItsOwnValues() {
        // given: two rows of one table, then a table whose fields differ only slightly
        parser.parse(line("d\ts\tt1\tabout t1\tf\t\\N\ta\t\\N\tint\t1"));
        ColumnRow second = parser.parse(line("d\ts\tt1\tabout t1\tf\t\\N\tb\t\\N\tint\t2"));

        // when
        ColumnRow third = parser.parse(line("d\ts\tt2\tabout t2\tt\t5\ta\t\\N\tint\t1"));

        // then
        assertThat(second).isEqualTo(new ColumnRow("d", "s", "t1", "about t1", false, null, "b", null, "int", 2));
        assertThat(third).isEqualTo(new ColumnRow("d", "s", "t2", "about t2", true, 5L, "a", null, "int", 1));
    }

    @Test
    void aQueryReturningOtherColumnsIsNamed() {
        // given: a sync.sql-dir columns.sql with nine columns, then one with a text sort_order
        byte[] nine = line("d\ts\tt\t\\N\tf\t\\N\tid\t\\N\tbigint");
        byte[] wrongType = line("d\ts\tt\t\\N\tf\t\\N\tid\t\\N\tbigint\tfirst");

        // then
        assertThatThrownBy(() -> parser.parse(nine)).hasMessageContaining("columns.sql must return 10 columns");
        assertThatThrownBy(() -> parser.parse(wrongType))
                .hasMessage("columns.sql returned 'first' for sort_order, not a whole number");
    }
}
