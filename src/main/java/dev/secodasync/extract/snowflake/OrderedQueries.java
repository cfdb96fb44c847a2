package dev.secodasync.extract.snowflake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiFunction;

/**
 * Runs one query per key, up to {@code parallel} of them at once on threads of their own, and
 * hands out their rows key after key in the order the keys were given, whichever query answers
 * first. A key's query starts only when a cursor has been read to its end and closed, so at most
 * {@code parallel} cursors are ever open (running, answered and waiting, or being read); with 1,
 * the queries run strictly one after another. Closing cancels the queries still running and
 * closes the cursors nobody will read. Used by one reading thread.
 *
 * @param <K> what a query is run for (a database)
 * @param <T> a row
 */
final class OrderedQueries<K, T> implements AutoCloseable {

    /** Opens the cursor of one key, on a query thread. */
    @FunctionalInterface
    interface Query<K, T> {

        /**
         * @param running where the query executes its statements, so that closing can cancel them
         * @throws RuntimeException handed to the reader as it is, when it reaches this key
         */
        RowCursor<T> open(K key, RunningStatements running);
    }

    /** A key whose query was handed to a query thread. */
    private record Started<K, T>(K key, Future<RowCursor<T>> answer) {
    }

    private final Deque<K> notStarted;

    /** In key order. */
    private final Deque<Started<K, T>> started = new ArrayDeque<>();

    private final int parallel;

    private final Query<K, T> query;

    private final BiFunction<K, InterruptedException, RuntimeException> interrupted;

    private final ExecutorService threads;

    private final RunningStatements running = new RunningStatements();

    /** Cursors a query thread opened that the reader has not taken yet (guarded by this). */
    private final Set<RowCursor<T>> unclaimed = Collections.newSetFromMap(new IdentityHashMap<>());

    // Guarded by this.
    private boolean closed;

    private RowCursor<T> current;

    /**
     * Starts the first {@code parallel} queries at once.
     *
     * @param interrupted the failure to report when the reading thread is interrupted while it
     *     waits for a key's query
     */
    OrderedQueries(List<K> keys, int parallel, ThreadFactory threadFactory, Query<K, T> query,
            BiFunction<K, InterruptedException, RuntimeException> interrupted) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
        }
        this.notStarted = new ArrayDeque<>(keys);
        this.parallel = parallel;
        this.query = query;
        this.interrupted = interrupted;
        this.threads = Executors.newFixedThreadPool(parallel, threadFactory);
        startQueries();
    }

    /**
     * The next row in key order, or null after the last key's last row.
     *
     * @throws RuntimeException the failure of the current key's query or cursor
     */
    T next() {
        while (true) {
            if (current != null) {
                T row = current.next();
                if (row != null) {
                    return row;
                }
                closeCurrent();
            }
            startQueries();
            Started<K, T> next = started.poll();
            if (next == null) {
                return null;
            }
            current = take(next);
        }
    }

    private void startQueries() {
        while (started.size() + (current != null ? 1 : 0) < parallel && !notStarted.isEmpty()) {
            K key = notStarted.poll();
            started.add(new Started<>(key, threads.submit(() -> open(key))));
        }
    }

    // On a query thread.
    private RowCursor<T> open(K key) {
        RowCursor<T> cursor = query.open(key, running);
        synchronized (this) {
            if (!closed) {
                unclaimed.add(cursor);
                return cursor;
            }
        }
        // Closed meanwhile (another key failed): nobody will read it.
        cursor.close();
        return cursor;
    }

    private RowCursor<T> take(Started<K, T> next) {
        try {
            RowCursor<T> cursor = next.answer().get();
            synchronized (this) {
                unclaimed.remove(cursor);
            }
            return cursor;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(next.key(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public void close() {
        closeCurrent();
        List<RowCursor<T>> answered;
        synchronized (this) {
            closed = true;
            answered = new ArrayList<>(unclaimed);
            unclaimed.clear();
        }
        running.cancelAll();
        answered.forEach(RowCursor::close);
        // Queries still running close their own cursor when they end; the interrupt stops a
        // thread still waiting for a session.
        threads.shutdownNow();
        started.clear();
    }
}
