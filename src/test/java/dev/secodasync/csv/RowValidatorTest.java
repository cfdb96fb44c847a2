package dev.secodasync.csv;

import dev.secodasync.catalog.CodePointOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.catalog.ColumnRow;
import org.junit.jupiter.api.Test;

class RowValidatorTest {

    private static ColumnRow row(String schema, String table, String column, String tableDescription) {
        return new ColumnRow("db", schema, table, tableDescription, false, null, column, null, "int", 1);
    }

    @Test
    void aCleanSortedCatalogHasNoProblems() {
        // given
        RowValidator validator = new RowValidator();

        // when / then
        assertThat(validator.check(row("A", "t", "id", "x"))).isEmpty();
        assertThat(validator.check(row("A", "t", "name", "x"))).isEmpty();
        assertThat(validator.check(row("B", "a", "id", null))).isEmpty();
        assertThat(validator.check(row("a", "a", "id", null))).isEmpty();
    }

    @Test
    void reportsDuplicateColumnsByName() {
        // given
        RowValidator validator = new RowValidator();
        validator.check(row("s", "t", "id", null));

        // when / then
        assertThat(validator.check(row("s", "t", "id", null))).containsExactly("column \"db\".\"s\".\"t\".\"id\" appears twice");
    }

    @Test
    void reportsTableFieldsThatDifferBetweenRows() {
        // given
        RowValidator validator = new RowValidator();
        validator.check(row("s", "t", "a", "one"));

        // when / then
        assertThat(validator.check(row("s", "t", "b", "two"))).singleElement().asString()
                .contains("table \"db\".\"s\".\"t\"").contains("differ");
    }

    @Test
    void reportsPeriodsAndEmptyNames() {
        // given
        RowValidator validator = new RowValidator();

        // when / then
        assertThat(validator.check(row("s", "my.table", "c", null))).singleElement().asString()
                .contains("'my.table' contains a period");
        assertThat(validator.check(row("s", "t2", " ", null))).singleElement().asString()
                .contains("column name is empty in \"db\".\"s\".\"t2\"");
    }

    @Test
    void reportsRowsOutOfCodePointOrder() {
        // given: "B" (U+0042) sorts before "a" (U+0061); a linguistic sort would put "a" first
        RowValidator validator = new RowValidator();
        validator.check(row("s", "a", "c", null));

        // when / then
        assertThat(validator.check(row("s", "B", "c", null))).singleElement().asString()
                .contains("table \"db\".\"s\".\"B\" comes after \"db\".\"s\".\"a\"");
    }

    @Test
    void comparesByCodePointNotUtf16Unit() {
        // U+1F600 (surrogate pair D83D DE00) is above U+FF5E in code points, below it in UTF-16 units.
        assertThat(CodePointOrder.compare("\uD83D\uDE00", "\uFF5E")).isPositive();
        assertThat("\uD83D\uDE00".compareTo("\uFF5E")).isNegative();
        assertThat(CodePointOrder.compare("ab", "abc")).isNegative();
    }
}
