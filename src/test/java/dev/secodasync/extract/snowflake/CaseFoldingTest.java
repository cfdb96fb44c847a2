package dev.secodasync.extract.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.catalog.ColumnRow;
import dev.secodasync.extract.InvalidCatalogException;
import org.junit.jupiter.api.Test;

/** Lower-casing and the collisions it would hide, without a server. */
class CaseFoldingTest {

    private static ColumnRow row(String database, String schema, String table, String column) {
        return new ColumnRow(database, schema, table, "Desc", false, 1L, column, "Col desc", "NUMBER", 1);
    }

    @Test
    void lowerCasesNamesOnlyAndKeepsEverythingElse() {
        // given
        CaseFolding folding = new CaseFolding(true, "sf");

        // when
        ColumnRow folded = folding.apply(row("ÉCOLE", "PUBLIC", "Orders", "ID"));

        // then
        assertThat(folded).isEqualTo(new ColumnRow("école", "public", "orders", "Desc", false, 1L, "id", "Col desc",
                "NUMBER", 1));
    }

    @Test
    void keepsCaseWhenSwitchedOffAndChecksNothing() {
        // given
        CaseFolding folding = new CaseFolding(false, "sf");

        // when
        folding.apply(row("DB", "S", "T", "ID"));
        ColumnRow second = folding.apply(row("DB", "S", "T", "id"));

        // then
        assertThat(second.column()).isEqualTo("id");
    }

    @Test
    void schemasThatCollideAreReportedByName() {
        // given
        CaseFolding folding = new CaseFolding(true, "sf");
        folding.apply(row("DB", "SALES", "T", "ID"));

        // when / then
        assertThatThrownBy(() -> folding.apply(row("DB", "Sales", "T", "ID")))
                .isInstanceOf(InvalidCatalogException.class)
                .hasMessageStartingWith("schemas \"SALES\" and \"Sales\" in database DB both become \"sales\"");
    }

    @Test
    void databasesThatCollideAreReportedByName() {
        // given
        CaseFolding folding = new CaseFolding(true, "sf");

        // when / then
        assertThatThrownBy(() -> folding.checkNeighbours("databases", "RAW", "raw"))
                .hasMessageStartingWith("databases \"RAW\" and \"raw\" both become \"raw\"");
    }

    @Test
    void theSameColumnNameInAnotherTableIsNoCollision() {
        // given
        CaseFolding folding = new CaseFolding(true, "sf");
        folding.apply(row("DB", "S", "A", "ID"));

        // when
        ColumnRow other = folding.apply(row("DB", "S", "B", "ID"));

        // then
        assertThat(other.table()).isEqualTo("b");
    }
}
