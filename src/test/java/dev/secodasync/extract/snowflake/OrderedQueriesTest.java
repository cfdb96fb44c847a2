package dev.secodasync.extract.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * {@link OrderedQueries} on plain H2 in-memory databases, one per key, timed with latches: rows
 * in key order whatever order the queries answer in, at most N cursors open, the next query only
 * after one was read, and cancellation of running queries on close.
 */
class OrderedQueriesTest {

    private static final BiFunction<String, InterruptedException, RuntimeException> INTERRUPTED =
            (key, e) -> new IllegalStateException("interrupted waiting for " + key, e);

    /** Each key's own database, so that its queries run in a session of their own. */
    private final Map<String, JdbcDataSource> databases = new ConcurrentHashMap<>();

    private final AtomicInteger open = new AtomicInteger();

    private final AtomicInteger mostOpen = new AtomicInteger();

    private final Set<String> closed = ConcurrentHashMap.newKeySet();

    /** Each close as it happens, for tests whose cursors are closed on a query thread. */
    private final BlockingQueue<String> closings = new LinkedBlockingQueue<>();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    private JdbcDataSource database(String key) {
        return databases.computeIfAbsent(key, k -> {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:ordered-" + k + "-" + UUID.randomUUID());
            return dataSource;
        });
    }

    /** The rows "A:1", "A:2" of key A, counted as open from before its query until its cursor closes. */
    private RowCursor<String> twoRows(String key, RunningStatements running) {
        return cursor(key, running, "SELECT X FROM SYSTEM_RANGE(1, 2) ORDER BY X");
    }

    private RowCursor<String> cursor(String key, RunningStatements running, String sql) {
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try {
            Connection session = database(key).getConnection();
            PreparedStatement statement = session.prepareStatement(sql);
            ResultSet rows = running.executeQuery(statement);
            return new RowCursor<>() {
                @Override
                public String next() {
                    try {
                        return rows.next() ? key + ":" + rows.getLong(1) : null;
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }

                @Override
                public void close() {
                    try {
                        session.close();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    closed.add(key);
                    open.decrementAndGet();
                    closings.add(key);
                }
            };
        } catch (SQLException e) {
            open.decrementAndGet();
            throw new IllegalStateException(key + ": " + e.getMessage(), e);
        }
    }

    private OrderedQueries<String, String> queries(List<String> keys, int parallel,
            OrderedQueries.Query<String, String> query) {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("query-");
        threads.setDaemon(true);
        OrderedQueries<String, String> queries = new OrderedQueries<>(keys, parallel, threads, query, INTERRUPTED);
        toClose.add(queries);
        return queries;
    }

    private static List<String> readAll(OrderedQueries<String, String> queries) {
        List<String> rows = new ArrayList<>();
        String row;
        while ((row = queries.next()) != null) {
            rows.add(row);
        }
        return rows;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch released").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void handsOutRowsInKeyOrderWhenTheFirstKeyAnswersLast() {
        // given: A's query waits until B's and C's have answered
        CountDownLatch othersAnswered = new CountDownLatch(2);
        OrderedQueries<String, String> queries = queries(List.of("A", "B", "C"), 3, (key, running) -> {
            if (key.equals("A")) {
                await(othersAnswered);
                return twoRows(key, running);
            }
            RowCursor<String> cursor = twoRows(key, running);
            othersAnswered.countDown();
            return cursor;
        });

        // when
        List<String> rows = readAll(queries);

        // then
        assertThat(rows).containsExactly("A:1", "A:2", "B:1", "B:2", "C:1", "C:2");
        assertThat(mostOpen).hasValue(3);
        assertThat(closed).containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void startsTheNextQueryOnlyWhenACursorHasBeenReadToItsEnd() throws Exception {
        // given: two at a time
        CountDownLatch cStarted = new CountDownLatch(1);
        OrderedQueries<String, String> queries = queries(List.of("A", "B", "C"), 2, (key, running) -> {
            if (key.equals("C")) {
                cStarted.countDown();
            }
            return twoRows(key, running);
        });

        // when: A is half read
        assertThat(queries.next()).isEqualTo("A:1");

        // then: C waits
        assertThat(cStarted.await(300, TimeUnit.MILLISECONDS)).as("C started while A and B were open").isFalse();

        // when: A is read to its end
        assertThat(queries.next()).isEqualTo("A:2");
        assertThat(queries.next()).isEqualTo("B:1");

        // then
        assertThat(cStarted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(readAll(queries)).containsExactly("B:2", "C:1", "C:2");
        assertThat(mostOpen).hasValue(2);
    }

    @Test
    void neverHasMoreCursorsOpenThanAllowed() {
        // given: six keys, two at a time, each query slow enough to overlap
        List<String> keys = List.of("K1", "K2", "K3", "K4", "K5", "K6");
        OrderedQueries<String, String> queries = queries(keys, 2, (key, running) -> {
            RowCursor<String> cursor = twoRows(key, running);
            sleep(30);
            return cursor;
        });

        // when
        List<String> rows = readAll(queries);

        // then
        assertThat(rows).hasSize(12).startsWith("K1:1", "K1:2").endsWith("K6:1", "K6:2");
        assertThat(mostOpen.get()).isBetween(1, 2);
    }

    @Test
    void oneAtATimeRunsTheQueriesStrictlyOneAfterAnotherOnOneThread() {
        // given
        Set<String> threads = ConcurrentHashMap.newKeySet();
        OrderedQueries<String, String> queries = queries(List.of("A", "B", "C"), 1, (key, running) -> {
            threads.add(Thread.currentThread().getName());
            sleep(20);
            return twoRows(key, running);
        });

        // when
        List<String> rows = readAll(queries);

        // then
        assertThat(rows).containsExactly("A:1", "A:2", "B:1", "B:2", "C:1", "C:2");
        assertThat(mostOpen).hasValue(1);
        assertThat(threads).hasSize(1);
    }

    @Test
    void aFailingQueryIsHandedOverAsItIsWhenItsKeyIsReached() {
        // given
        IllegalStateException failure = new IllegalStateException("B: no such database");
        OrderedQueries<String, String> queries = queries(List.of("A", "B", "C"), 3, (key, running) -> {
            if (key.equals("B")) {
                throw failure;
            }
            return twoRows(key, running);
        });

        // when / then: A's rows first
        assertThat(queries.next()).isEqualTo("A:1");
        assertThat(queries.next()).isEqualTo("A:2");
        assertThatThrownBy(queries::next).isSameAs(failure);
    }

    @Test
    void closingCancelsTheQueriesStillRunning() throws Exception {
        // given: B fails while C's query, far too long to finish, runs in its database
        CompletableFuture<SQLException> cEnded = new CompletableFuture<>();
        OrderedQueries<String, String> queries = queries(List.of("A", "B", "C"), 3, (key, running) -> {
            switch (key) {
                case "B" -> throw new IllegalStateException("B failed");
                case "C" -> {
                    try {
                        return cursor(key, running, "SELECT COUNT(*) FROM SYSTEM_RANGE(1, 100000000) A,"
                                + " SYSTEM_RANGE(1, 100000000) B WHERE A.X + B.X < 0");
                    } catch (IllegalStateException e) {
                        cEnded.complete((SQLException) e.getCause());
                        throw e;
                    }
                }
                default -> {
                    return twoRows(key, running);
                }
            }
        });
        awaitExecuting(database("C"), "SYSTEM_RANGE");

        // when
        assertThat(queries.next()).isEqualTo("A:1");
        assertThat(queries.next()).isEqualTo("A:2");
        assertThatThrownBy(queries::next).hasMessage("B failed");
        queries.close();

        // then: C's statement was cancelled in its database
        SQLException ended = cEnded.get(10, TimeUnit.SECONDS);
        assertThat(ended.getErrorCode()).isEqualTo(ErrorCode.STATEMENT_WAS_CANCELED);
    }

    @Test
    void closingClosesTheCursorsNobodyWillRead() throws Exception {
        // given: B has answered and waits to be read; C answers only after the close
        CountDownLatch bAnswered = new CountDownLatch(1);
        CountDownLatch cQueried = new CountDownLatch(1);
        CountDownLatch closeDone = new CountDownLatch(1);
        CountDownLatch cClosed = new CountDownLatch(1);
        OrderedQueries<String, String> queries = queries(List.of("A", "B", "C"), 3, (key, running) -> {
            RowCursor<String> cursor = twoRows(key, running);
            if (key.equals("B")) {
                bAnswered.countDown();
            }
            if (key.equals("C")) {
                cQueried.countDown();
                // As a driver waiting for an answer does: the interrupt of the close does not stop it.
                awaitUninterruptibly(closeDone);
                return new RowCursor<>() {
                    @Override
                    public String next() {
                        return cursor.next();
                    }

                    @Override
                    public void close() {
                        cursor.close();
                        cClosed.countDown();
                    }
                };
            }
            return cursor;
        });
        await(bAnswered);
        await(cQueried);

        // when
        assertThat(queries.next()).isEqualTo("A:1");
        queries.close();
        closeDone.countDown();

        // then: B may be closed by its own query thread, which had answered but not yet handed
        // its cursor over when the close came, so wait for all three closes
        assertThat(cClosed.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            seen.add(closings.poll(10, TimeUnit.SECONDS));
        }
        assertThat(seen).containsExactlyInAnyOrder("A", "B", "C");
        assertThat(closed).containsExactlyInAnyOrder("A", "B", "C");
        assertThat(open).hasValue(0);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch released").isTrue();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until a statement containing {@code text} executes in the database, seen from a session of its own. */
    private static void awaitExecuting(JdbcDataSource database, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection watcher = database.getConnection();
                PreparedStatement sessions = watcher.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                        + " WHERE EXECUTING_STATEMENT LIKE ? AND SESSION_ID <> SESSION_ID()")) {
            sessions.setString(1, "%" + text + "%");
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = sessions.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("no statement with " + text + " started");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
