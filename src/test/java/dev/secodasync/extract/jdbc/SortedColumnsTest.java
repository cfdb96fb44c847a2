package dev.secodasync.extract.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-schema sort: code-point order of tables then position, through temporary files beyond the bound. */
class SortedColumnsTest {

    @TempDir
    Path tmp;

    private static List<ColumnEntry> columns() {
        List<ColumnEntry> columns = new ArrayList<>();
        // Linguistic collations put "a" before "B" and "é" after "e"; code points do not.
        List<String> tables = List.of("a", "B", "b", "é", "e", "Order \"Lines\"", "with space", "\uD83D\uDE00emoji", "Z");
        for (String table : tables) {
            for (int position = 1; position <= 7; position++) {
                columns.add(new ColumnEntry(table, "c" + position, position % 3 == 0 ? null : "note, \"" + position + "\"\n",
                        position % 2 == 0 ? null : "VARCHAR(" + position + ")", position));
            }
        }
        return columns;
    }

    private static List<ColumnEntry> drain(Iterator<ColumnEntry> sorted) {
        List<ColumnEntry> all = new ArrayList<>();
        sorted.forEachRemaining(all::add);
        return all;
    }

    @Test
    void sortsBeyondTheBoundThroughFilesThatAreDeletedAfterwards() throws Exception {
        // given: 63 columns in random order, at most 5 in memory
        List<ColumnEntry> expected = columns();
        expected.sort(ColumnEntry.CSV_ORDER);
        List<ColumnEntry> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(42));

        // when
        List<ColumnEntry> sorted;
        int files;
        try (SortedColumns columns = new SortedColumns(5, tmp)) {
            for (ColumnEntry column : shuffled) {
                columns.add(column);
            }
            files = columns.spilledFiles();
            sorted = drain(columns.sorted());
        }

        // then: exactly the entries (nulls, quotes, newlines, surrogate pairs intact), in CSV order
        assertThat(files).isEqualTo(12);
        assertThat(sorted).containsExactlyElementsOf(expected);
        assertThat(sorted).extracting(ColumnEntry::table).first().isEqualTo("B");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aSchemaWithinTheBoundStaysInMemory() throws Exception {
        // given
        List<ColumnEntry> shuffled = columns();
        Collections.reverse(shuffled);

        // when
        try (SortedColumns columns = new SortedColumns(1000, tmp)) {
            for (ColumnEntry column : shuffled) {
                columns.add(column);
            }
            List<ColumnEntry> sorted = drain(columns.sorted());

            // then
            assertThat(columns.spilledFiles()).isZero();
            assertThat(sorted).isSortedAccordingTo(ColumnEntry.CSV_ORDER).hasSize(shuffled.size());
        }
    }
}
