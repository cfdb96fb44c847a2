package dev.secodasync.extract.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * {@link SessionPool} on a plain H2 in-memory database: sessions signed in only when needed, several
 * at the same time, the reader's own session first, never more than the size, nothing sent but the
 * caller's statements, a failed sign-in reported at once and not repeated, everything closed with
 * the pool, all logouts at the same time.
 */
class SessionPoolTest {

    /** Signs in to one H2 database, counting sign-ins and recording what is called on the sessions. */
    static final class SignIns extends AbstractDataSource {

        final JdbcDataSource h2 = new JdbcDataSource();

        final AtomicInteger signIns = new AtomicInteger();

        final List<String> calls = new CopyOnWriteArrayList<>();

        final List<Connection> sessions = new CopyOnWriteArrayList<>();

        /** When set, a logout returns only once this many logouts are under way together. */
        volatile CountDownLatch logouts;

        SignIns() {
            h2.setURL("jdbc:h2:mem:pool-" + UUID.randomUUID());
        }

        /** What a sign-in waits for before it signs in. */
        @FunctionalInterface
        interface Wait {
            void run() throws SQLException, InterruptedException;
        }

        /** Signs in here, each time once {@code wait} has run. */
        AbstractDataSource after(Wait wait) {
            SignIns self = this;
            return new AbstractDataSource() {
                @Override
                public Connection getConnection() throws SQLException {
                    try {
                        wait.run();
                    } catch (InterruptedException e) {
                        throw new SQLException(e);
                    }
                    return self.getConnection();
                }

                @Override
                public Connection getConnection(String username, String password) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        /** A session opened the way the reader opens its first one: not through the pool. */
        Connection signInDirectly() throws SQLException {
            return recorded(h2.getConnection());
        }

        @Override
        public Connection getConnection() throws SQLException {
            signIns.incrementAndGet();
            return recorded(h2.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) {
            throw new UnsupportedOperationException();
        }

        private Connection recorded(Connection session) {
            sessions.add(session);
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        calls.add(method.getName());
                        CountDownLatch together = logouts;
                        if (method.getName().equals("close") && together != null) {
                            together.countDown();
                            if (!together.await(10, TimeUnit.SECONDS)) {
                                throw new SQLException("logouts one after another");
                            }
                        }
                        if (method.getName().equals("abort")) {
                            // As the Snowflake driver does; H2's abort does nothing.
                            session.close();
                            return null;
                        }
                        try {
                            return method.invoke(session, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Test
    void handsOutTheReadersSessionFirstAndSignsInOnlyWhenNoSessionIsFree() throws Exception {
        // given
        SignIns source = new SignIns();
        Connection first = source.signInDirectly();
        try (SessionPool pool = new SessionPool("test", first, source, 2)) {
            // when / then: the reader's session, twice
            Connection a = pool.borrow();
            assertThat(a.unwrap(JdbcConnection.class)).isSameAs(source.sessions.get(0));
            a.close();
            pool.borrow().close();
            assertThat(source.signIns).hasValue(0);

            // when / then: two at once
            Connection b = pool.borrow();
            Connection c = pool.borrow();
            assertThat(source.signIns).hasValue(1);

            // when / then: a third waits for one of the two
            CompletableFuture<Connection> d = CompletableFuture.supplyAsync(() -> {
                try {
                    return pool.borrow();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> d.get(500, TimeUnit.MILLISECONDS))
                    .isInstanceOf(TimeoutException.class);
            b.close();
            d.get(10, TimeUnit.SECONDS).close();
            c.close();
            assertThat(source.signIns).hasValue(1);
        }
    }

    @Test
    void sendsNoStatementOfItsOwn() throws Exception {
        // given
        SignIns source = new SignIns();
        try (SessionPool pool = new SessionPool("test", source.signInDirectly(), source, 2)) {
            // when: sessions borrowed, used, returned, borrowed again after a pause
            Connection a = pool.borrow();
            Connection b = pool.borrow();
            a.prepareStatement("VALUES 1").executeQuery().close();
            a.close();
            b.close();
            Thread.sleep(700);
            pool.borrow().close();
        }

        // then: only the caller's statement
        assertThat(source.calls).filteredOn(name -> name.startsWith("prepare") || name.startsWith("create")
                || name.startsWith("execute")).containsExactly("prepareStatement");
    }

    @Test
    void closingThePoolClosesEverySessionEvenOneInUse() throws Exception {
        // given
        SignIns source = new SignIns();
        SessionPool pool = new SessionPool("test", source.signInDirectly(), source, 2);
        Connection inUse = pool.borrow();
        pool.borrow().close();
        pool.borrow();

        // when
        pool.close();

        // then
        assertThat(source.sessions).hasSize(2).allSatisfy(session -> assertThat(session.isClosed()).isTrue());
        // the holder's own close comes later, as a cancelled query's does
        inUse.close();
    }

    @Test
    void closingThePoolClosesTheReadersSessionWhenNoQueryNeededIt() throws Exception {
        // given
        SignIns source = new SignIns();
        SessionPool pool = new SessionPool("test", source.signInDirectly(), source, 3);

        // when
        pool.close();

        // then
        assertThat(source.sessions).singleElement().satisfies(session -> assertThat(session.isClosed()).isTrue());
        assertThat(source.signIns).hasValue(0);
    }

    @Test
    void aFailedSignInIsReportedAsTheDriverThrewItAndNotRepeated() throws Exception {
        // given: every new sign-in fails
        SQLException refused = new SQLException("Incorrect username or password was specified.", "08001", 390100);
        AtomicInteger attempts = new AtomicInteger();
        AbstractDataSource failing = new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                attempts.incrementAndGet();
                throw refused;
            }

            @Override
            public Connection getConnection(String username, String password) {
                throw new UnsupportedOperationException();
            }
        };
        SignIns source = new SignIns();
        try (SessionPool pool = new SessionPool("test", source.signInDirectly(), failing, 2)) {
            Connection first = pool.borrow();

            // when / then
            long started = System.nanoTime();
            assertThatThrownBy(pool::borrow).isSameAs(refused);
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
            assertThatThrownBy(pool::borrow).isSameAs(refused);
            Thread.sleep(500);
            assertThat(attempts).hasValue(1);
            first.close();
        }
    }

    @Test
    void queriesSignInAtTheSameTimeNotOneAfterAnother() throws Exception {
        // given: a sign-in that returns only once three sign-ins are under way together
        CountDownLatch together = new CountDownLatch(3);
        SignIns h2 = new SignIns();
        AbstractDataSource slow = h2.after(() -> {
            together.countDown();
            if (!together.await(10, TimeUnit.SECONDS)) {
                throw new SQLException("sign-ins ran one after another");
            }
        });
        ExecutorService queries = Executors.newFixedThreadPool(4);
        try (SessionPool pool = new SessionPool("test", h2.signInDirectly(), slow, 4)) {
            Connection first = pool.borrow();

            // when: three more queries want a session
            List<Future<Connection>> borrowed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                borrowed.add(queries.submit(pool::borrow));
            }

            // then: all three signed in, each in a session of its own
            Set<Connection> sessions = new HashSet<>();
            for (Future<Connection> session : borrowed) {
                sessions.add(session.get(20, TimeUnit.SECONDS).unwrap(Connection.class));
            }
            assertThat(sessions).hasSize(3).doesNotContain(first.unwrap(Connection.class));
            assertThat(h2.signIns).hasValue(3);
        } finally {
            queries.shutdownNow();
        }
    }

    @Test
    void closingLogsOutOfAllSessionsAtTheSameTime() throws Exception {
        // given: four sessions, one in use, whose logout returns only once all four are under way
        SignIns source = new SignIns();
        SessionPool pool = new SessionPool("test", source.signInDirectly(), source, 4);
        List<Connection> leases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            leases.add(pool.borrow());
        }
        for (Connection lease : leases.subList(1, 4)) {
            lease.close();
        }
        source.logouts = new CountDownLatch(4);

        // when
        long started = System.nanoTime();
        pool.close();

        // then: every session closed, without a logout waiting for another
        assertThat(source.sessions).hasSize(4).allSatisfy(session -> assertThat(session.isClosed()).isTrue());
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void closingWaitsForASignInInProgressAndLogsItOut() throws Exception {
        // given: a query thread inside a sign-in that ends 300 ms after the pool starts closing
        SignIns h2 = new SignIns();
        CountDownLatch signingIn = new CountDownLatch(1);
        CountDownLatch closing = new CountDownLatch(1);
        AbstractDataSource slow = h2.after(() -> {
            signingIn.countDown();
            closing.await(10, TimeUnit.SECONDS);
            Thread.sleep(300);
        });
        SessionPool pool = new SessionPool("test", h2.signInDirectly(), slow, 2);
        Connection first = pool.borrow();
        CompletableFuture<Connection> second = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.borrow();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        });
        assertThat(signingIn.await(10, TimeUnit.SECONDS)).isTrue();

        // when
        closing.countDown();
        pool.close();

        // then: the new session was signed in and logged out again before close() returned
        assertThat(h2.signIns).hasValue(1);
        assertThat(h2.sessions).hasSize(2).allSatisfy(session -> assertThat(session.isClosed()).isTrue());
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasRootCauseMessage(
                "the Snowflake sessions of test were closed while signing in");
        first.close();
    }
}
