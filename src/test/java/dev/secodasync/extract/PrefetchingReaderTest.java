package dev.secodasync.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.catalog.ColumnRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

class PrefetchingReaderTest {

    /** A reader of {@code rows} rows that fails at open or after {@code failAfter} rows when asked. */
    private static final class ScriptedReader implements ItemStreamReader<ColumnRow> {
        final int rows;
        final boolean failOpen;
        final int failAfter;
        final AtomicInteger read = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        ScriptedReader(int rows, boolean failOpen, int failAfter) {
            this.rows = rows;
            this.failOpen = failOpen;
            this.failAfter = failAfter;
        }

        @Override
        public void open(ExecutionContext executionContext) {
            if (failOpen) {
                throw new IllegalStateException("password authentication failed");
            }
        }

        @Override
        public ColumnRow read() {
            int n = read.getAndIncrement();
            if (n == failAfter) {
                throw new IllegalStateException("connection reset");
            }
            return n < rows ? new ColumnRow("db", "s", "t" + (n / 10), null, false, null, "c" + n, null, "int", n % 10 + 1) : null;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void handsOverEveryRowInOrderAcrossBatchesAndClosesTheReader() throws Exception {
        // given
        ScriptedReader source = new ScriptedReader(2_503, false, -1);
        List<String> seen = new ArrayList<>();

        // when
        try (PrefetchingReader<ColumnRow> reader = new PrefetchingReader<>(source, "w")) {
            for (ColumnRow row = reader.read(); row != null; row = reader.read()) {
                seen.add(row.column());
            }
            assertThat(reader.read()).isNull();
        }

        // then
        assertThat(seen).hasSize(2_503).startsWith("c0", "c1").endsWith("c2502");
        assertThat(source.closed).isTrue();
    }

    @Test
    void aFailureWhileOpeningSaysSo() throws Exception {
        // given
        ScriptedReader source = new ScriptedReader(10, true, -1);

        // when / then
        try (PrefetchingReader<ColumnRow> reader = new PrefetchingReader<>(source, "w")) {
            assertThatThrownBy(reader::read).isInstanceOfSatisfying(PrefetchingReader.ReadFailure.class, e -> {
                assertThat(e.opening()).isTrue();
                assertThat(e.getCause()).hasMessage("password authentication failed");
            });
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void aFailureAfterSomeRowsComesAfterThoseRowsAndCountsThem() throws Exception {
        // given
        ScriptedReader source = new ScriptedReader(5_000, false, 1_500);
        int delivered = 0;

        // when / then
        try (PrefetchingReader<ColumnRow> reader = new PrefetchingReader<>(source, "w")) {
            try {
                while (reader.read() != null) {
                    delivered++;
                }
            } catch (PrefetchingReader.ReadFailure e) {
                assertThat(e.opening()).isFalse();
                assertThat(e.rowsBefore()).isEqualTo(1_500);
            }
        }
        assertThat(delivered).isEqualTo(1_000);
        assertThat(source.closed).isTrue();
    }

    @Test
    void closingEarlyStopsTheReadingThreadAndClosesTheReader() throws Exception {
        // given: far more rows than the hand-over holds
        ScriptedReader source = new ScriptedReader(1_000_000, false, -1);

        // when
        try (PrefetchingReader<ColumnRow> reader = new PrefetchingReader<>(source, "w")) {
            reader.read();
        }

        // then
        assertThat(source.closed).isTrue();
        assertThat(source.read.get()).isLessThan(1_000_000);
    }
}
