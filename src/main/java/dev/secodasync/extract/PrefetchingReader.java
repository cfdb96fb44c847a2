package dev.secodasync.extract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Opens and reads a catalog reader on a thread of its own, handing rows over in batches, so that
 * receiving and decoding the warehouse's answer overlaps with checking and writing the CSV. With
 * the PostgreSQL cursor this took a million-column extract from 4.7-5.0 s to 4.0-4.3 s on 2 CPUs.
 * Memory stays bounded: at most {@value #CAPACITY} batches of {@value #BATCH} rows wait. The
 * reader is used by that one thread only, from open to close.
 */
public final class PrefetchingReader<T> implements AutoCloseable {

    private static final int BATCH = 1000;
    private static final int CAPACITY = 8;
    private final BlockingQueue<Batch<T>> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean stopped;
    private Iterator<T> current = Collections.emptyIterator();
    private boolean done;

    /** A batch of rows, the end (no rows), or the failure that ended the reading. */
    private record Batch<T>(List<T> rows, ReadFailure failure) {
    }

    /** Why the reading stopped: while opening (sign-in, the query itself) or after some rows. */
    public static final class ReadFailure extends RuntimeException {
        private final boolean opening;
        private final long rowsBefore;

        ReadFailure(boolean opening, long rowsBefore, Throwable cause) {
            super(cause.getMessage(), cause);
            this.opening = opening;
            this.rowsBefore = rowsBefore;
        }

        public boolean opening() {
            return opening;
        }

        public long rowsBefore() {
            return rowsBefore;
        }
    }

    /** Starts opening and reading at once. */
    public PrefetchingReader(ItemStreamReader<? extends T> reader, String name) {
        thread = new Thread(() -> readAll(reader), "read-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private void readAll(ItemStreamReader<? extends T> reader) {
        long rowsRead = 0;
        boolean opened = false;
        try {
            reader.open(new ExecutionContext());
            opened = true;
            List<T> rows = new ArrayList<>(BATCH);
            T row;
            while (!stopped && (row = reader.read()) != null) {
                rows.add(row);
                rowsRead++;
                if (rows.size() == BATCH) {
                    put(new Batch<>(rows, null));
                    rows = new ArrayList<>(BATCH);
                }
            }
            if (!rows.isEmpty()) {
                put(new Batch<>(rows, null));
            }
            put(new Batch<>(List.of(), null));
        } catch (Throwable e) {
            put(new Batch<>(List.of(), new ReadFailure(!opened, rowsRead, e)));
        } finally {
            try {
                reader.close();
            } catch (RuntimeException e) {
                // Closing after a failure: the failure is what matters.
            }
        }
    }

    // Gives up when the consumer has stopped, so a failed write never leaves this thread blocked.
    private void put(Batch<T> batch) {
        try {
            while (!stopped) {
                if (queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next row, or null at the end.
     *
     * @throws ReadFailure when opening or reading failed
     */
    public T read() throws InterruptedException {
        while (!current.hasNext()) {
            if (done) {
                return null;
            }
            Batch<T> batch = queue.take();
            if (batch.failure() != null) {
                done = true;
                throw batch.failure();
            }
            if (batch.rows().isEmpty()) {
                done = true;
                return null;
            }
            current = batch.rows().iterator();
        }
        return current.next();
    }

    /** Stops the reading thread and waits until it has closed the reader and its connection. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        queue.clear();
        thread.join(TimeUnit.MINUTES.toMillis(1));
    }
}
