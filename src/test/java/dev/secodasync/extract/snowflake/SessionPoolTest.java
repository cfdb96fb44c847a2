package dev.secodasync.extract.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * {@link SessionPool} on a plain H2 in-memory database: sessions signed in only when needed, the
 * reader's own session first, never more than the size, nothing sent but the caller's statements,
 * a failed sign-in reported at once and not repeated, everything closed with the pool.
 */
class SessionPoolTest {

    /** Signs in to one H2 database, counting sign-ins and recording what is called on the sessions. */
    static final class SignIns extends AbstractDataSource {

        final JdbcDataSource h2 = new JdbcDataSource();

        final AtomicInteger signIns = new AtomicInteger();

        final List<String> calls = new CopyOnWriteArrayList<>();

        final List<Connection> sessions = new CopyOnWriteArrayList<>();

        SignIns() {
            h2.setURL("jdbc:h2:mem:pool-" + UUID.randomUUID());
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
            assertThatThrownBy(() -> d.get(SessionPool.SIGN_IN_CHECK.toMillis() * 2, TimeUnit.MILLISECONDS))
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
}
