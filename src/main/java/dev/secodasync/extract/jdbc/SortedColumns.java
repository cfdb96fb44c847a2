package dev.secodasync.extract.jdbc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The columns of one schema, put into the CSV's order without holding a large schema in memory:
 * drivers return {@code getColumns} in their own collation, not code-point order. Up to
 * {@code maxInMemory} columns are sorted in memory; beyond that each full buffer is sorted and
 * written to a temporary file (mode 600, as {@code Files.createTempFile} makes it on POSIX: comments
 * can be confidential), and the files are merged as they are read. A million columns at the default
 * bound is 20 files read side by side with a 64 KB buffer each. Strings are written as UTF-16 code
 * units, so every name comes back exactly as the driver gave it.
 */
final class SortedColumns implements AutoCloseable {

    /** About 10 MB of columns (names, types, short comments) before a file is written. */
    static final int DEFAULT_MAX_IN_MEMORY = 50_000;

    private static final int BUFFER = 64 * 1024;

    private final int maxInMemory;

    private final Path tempDir;

    private List<ColumnEntry> buffer = new ArrayList<>();

    private final List<Path> files = new ArrayList<>();

    private final List<DataInputStream> readers = new ArrayList<>();

    SortedColumns(int maxInMemory, Path tempDir) {
        this.maxInMemory = maxInMemory;
        this.tempDir = tempDir;
    }

    void add(ColumnEntry column) throws IOException {
        buffer.add(column);
        if (buffer.size() >= maxInMemory) {
            spill();
        }
    }

    /** How many files were written (for tests and the debug log). */
    int spilledFiles() {
        return files.size();
    }

    private void spill() throws IOException {
        buffer.sort(ColumnEntry.CSV_ORDER);
        Path file = Files.createTempFile(tempDir, "secoda-sync-columns-", ".bin");
        files.add(file);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER))) {
            for (ColumnEntry column : buffer) {
                writeString(out, column.table());
                writeString(out, column.column());
                writeString(out, column.description());
                writeString(out, column.type());
                out.writeInt(column.position());
            }
        }
        buffer = new ArrayList<>();
    }

    /** Every column added, in CSV order; call once, after the last {@link #add}. */
    Iterator<ColumnEntry> sorted() throws IOException {
        buffer.sort(ColumnEntry.CSV_ORDER);
        if (files.isEmpty()) {
            return buffer.iterator();
        }
        PriorityQueue<Source> heads = new PriorityQueue<>((a, b) -> ColumnEntry.CSV_ORDER.compare(a.head, b.head));
        for (Path file : files) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
            readers.add(in);
            Source source = new Source(() -> readEntry(in));
            if (source.advance()) {
                heads.add(source);
            }
        }
        Iterator<ColumnEntry> memory = buffer.iterator();
        Source inMemory = new Source(() -> memory.hasNext() ? memory.next() : null);
        if (inMemory.advance()) {
            heads.add(inMemory);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public ColumnEntry next() {
                Source source = heads.poll();
                if (source == null) {
                    throw new NoSuchElementException();
                }
                ColumnEntry next = source.head;
                if (source.advance()) {
                    heads.add(source);
                }
                return next;
            }
        };
    }

    /** Closes and deletes the files. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (DataInputStream in : readers) {
            try {
                in.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                failure = e;
            }
        }
        readers.clear();
        files.clear();
        buffer = new ArrayList<>();
        if (failure != null) {
            throw failure;
        }
    }

    private interface Next {
        ColumnEntry get() throws IOException;
    }

    /** One sorted run and its smallest column not yet returned. */
    private static final class Source {
        private final Next next;
        private ColumnEntry head;

        Source(Next next) {
            this.next = next;
        }

        boolean advance() {
            try {
                head = next.get();
            } catch (IOException e) {
                throw new UncheckedIOException("reading a temporary file of sorted columns failed: " + e.getMessage(), e);
            }
            return head != null;
        }
    }

    private static ColumnEntry readEntry(DataInputStream in) throws IOException {
        String table;
        try {
            table = readString(in);
        } catch (EOFException end) {
            return null;
        }
        return new ColumnEntry(table, readString(in), readString(in), readString(in), in.readInt());
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length());
        out.writeChars(value);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = in.readChar();
        }
        return new String(chars);
    }
}
