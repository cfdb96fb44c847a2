package dev.secodasync.csv;

import dev.secodasync.catalog.SchemaChanges;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.catalog.ColumnRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogComparisonTest {

    @TempDir
    Path dir;

    private static ColumnRow col(String schema, String table, String column, String type, int position) {
        return new ColumnRow("db", schema, table, null, false, null, column, null, type, position);
    }

    private Path csv(String name, List<ColumnRow> rows) throws IOException {
        Path file = dir.resolve(name);
        try (SecodaCsvWriter writer = SecodaCsvWriter.create(file)) {
            for (ColumnRow row : rows) {
                writer.write(row);
            }
        }
        return file;
    }

    @Test
    void findsAddedAndRemovedTablesAndColumnsAndTypeChanges() throws IOException {
        // given: code-point order puts "B" before "a"; "orders" and "a" exist on both sides
        Path previous = csv("old.csv", List.of(
                col("s", "B_gone", "x", "int", 1),
                col("s", "a", "id", "integer", 1),
                col("s", "a", "dropped", "text", 2),
                col("s", "orders", "id", "integer", 1),
                col("s", "orders", "total", "numeric(10,2)", 2)));
        Path current = csv("new.csv", List.of(
                col("s", "A_new", "y", "int", 1),
                col("s", "a", "id", "bigint", 1),
                col("s", "a", "added", "text", 3),
                col("s", "orders", "id", "integer", 1),
                col("s", "orders", "total", "numeric(10,2)", 2),
                col("t", "fresh", "z", "int", 1)));

        // when
        SchemaChanges changes = CatalogComparison.compare(current, previous);

        // then
        assertThat(changes.tablesAdded().count()).isEqualTo(2);
        assertThat(changes.tablesAdded().first()).containsExactly("db.s.A_new", "db.t.fresh");
        assertThat(changes.tablesRemoved().first()).containsExactly("db.s.B_gone");
        assertThat(changes.columnsAdded().first()).containsExactly("db.s.a.added");
        assertThat(changes.columnsRemoved().first()).containsExactly("db.s.a.dropped");
        assertThat(changes.typesChanged().count()).isEqualTo(1);
        assertThat(changes.typesChanged().first())
                .containsExactly(new SchemaChanges.TypeChange("db.s.a.id", "integer", "bigint"));
        assertThat(changes.none()).isFalse();
    }

    @Test
    void countsEverythingButKeepsOnlyTheFirstTenNames() throws IOException {
        // given: 12 new tables
        Path previous = csv("old.csv", List.of(col("s", "t00", "c", "int", 1)));
        List<ColumnRow> rows = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            rows.add(col("s", String.format("t%02d", i), "c", "int", 1));
        }
        Path current = csv("new.csv", rows);

        // when
        SchemaChanges changes = CatalogComparison.compare(current, previous);

        // then
        assertThat(changes.tablesAdded().count()).isEqualTo(12);
        assertThat(changes.tablesAdded().first()).hasSize(CatalogComparison.FIRST).startsWith("db.s.t01").endsWith("db.s.t10");
    }

    @Test
    void identicalCatalogsHaveNoChanges() throws IOException {
        // given
        List<ColumnRow> rows = List.of(col("s", "t", "a", "int", 1), col("s", "t", "b, \"quoted\"", "text", 2));

        // when
        SchemaChanges changes = CatalogComparison.compare(csv("new.csv", rows), csv("old.csv", rows));

        // then
        assertThat(changes.none()).isTrue();
    }

    @Test
    void refusesAFileThatIsNotSorted() throws IOException {
        // given
        Path unsorted = csv("old.csv", List.of(col("s", "b", "c", "int", 1), col("s", "a", "c", "int", 1)));
        Path current = csv("new.csv", List.of(col("s", "a", "c", "int", 1)));

        // when / then
        assertThatThrownBy(() -> CatalogComparison.compare(current, unsorted))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not sorted");
    }
}
