package dev.secodasync.extract.snowflake;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The sessions of one catalog read: a Hikari pool of at most {@code size} sessions, each signed in
 * only when a query needs one and no session is free, the first being the session the reader
 * signed in with. A session goes back to the pool when its cursor closes; closing the pool closes
 * them all, aborting those still in use.
 */
final class SessionPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionPool.class);

    /**
     * How long one wait for a session lasts before {@link #borrow()} checks whether the sign-in
     * failed. Hikari signs in on a thread of its own and would otherwise report a failed sign-in
     * only as a timeout.
     */
    static final Duration SIGN_IN_CHECK = Duration.ofSeconds(1);

    /**
     * Any failed statement fails the whole read, which then closes the pool, so a session is never
     * reused after a failure; without this Hikari would log a cancelled query's session as broken,
     * with a stack trace, next to the one line that reports the failure.
     */
    private static final SQLExceptionOverride KEEP_SESSIONS = new SQLExceptionOverride() {
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            return SQLExceptionOverride.Override.DO_NOT_EVICT;
        }
    };

    private final SignIns signIns;

    private final HikariDataSource pool;

    /**
     * @param signedIn a session already open; the pool hands it out first, and closes it
     * @param unpooled opens a new session (signs in) per call
     */
    SessionPool(String name, Connection signedIn, DataSource unpooled, int size) {
        signIns = new SignIns(signedIn, unpooled);
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(signIns);
        config.setMaximumPoolSize(size);
        // Sessions are opened on demand only: an idle Snowflake session is one more login for nothing.
        config.setMinimumIdle(0);
        // Hikari's start-up check signs in once and, with minimumIdle 0, closes that session again.
        config.setInitializationFailTimeout(-1);
        // A read keeps its sessions until it ends, however long the catalog takes; Snowflake keeps
        // a session alive for hours without traffic, so no keep-alive heartbeats either.
        config.setMaxLifetime(0);
        config.setKeepaliveTime(0);
        config.setConnectionTimeout(SIGN_IN_CHECK.toMillis());
        config.setExceptionOverride(KEEP_SESSIONS);
        pool = new HikariDataSource(config);
    }

    /**
     * A free session, signing in when none is free and fewer than {@code size} are open; waits
     * for as long as a sign-in takes.
     *
     * @throws SQLException the driver's own exception when signing in failed
     */
    Connection borrow() throws SQLException {
        while (true) {
            SQLException failed = signIns.failure();
            if (failed != null) {
                throw failed;
            }
            try {
                return pool.getConnection();
            } catch (SQLTransientConnectionException e) {
                log.debug("still waiting for a Snowflake session", e);
            }
        }
    }

    @Override
    public void close() {
        pool.close();
        signIns.closeUnused();
    }

    /**
     * The data source the pool signs in through: the reader's own session first, then new sign-ins.
     * After a failed sign-in it fails at once with that failure: Hikari retries in the background,
     * and Snowflake locks a user out after repeated failed sign-ins.
     */
    private static final class SignIns extends AbstractDataSource {

        private final DataSource unpooled;

        // Guarded by this.
        private Connection unused;

        // Guarded by this.
        private SQLException failure;

        private volatile int loginTimeoutSeconds;

        SignIns(Connection signedIn, DataSource unpooled) {
            this.unused = signedIn;
            this.unpooled = unpooled;
        }

        @Override
        public Connection getConnection() throws SQLException {
            synchronized (this) {
                if (unused != null) {
                    Connection first = unused;
                    unused = null;
                    return first;
                }
                if (failure != null) {
                    throw failure;
                }
            }
            try {
                return unpooled.getConnection();
            } catch (SQLException e) {
                synchronized (this) {
                    failure = e;
                }
                throw e;
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the warehouse's own credentials are used");
        }

        // Hikari waits this long for a sign-in in progress when the pool closes, so that the new
        // session is closed too; the driver's own loginTimeout setting governs the sign-in itself.
        @Override
        public void setLoginTimeout(int seconds) {
            loginTimeoutSeconds = seconds;
        }

        @Override
        public int getLoginTimeout() {
            return loginTimeoutSeconds;
        }

        synchronized SQLException failure() {
            return failure;
        }

        /** The reader's own session, when no query ever needed it. */
        void closeUnused() {
            Connection first;
            synchronized (this) {
                first = unused;
                unused = null;
            }
            if (first != null) {
                try {
                    first.close();
                } catch (SQLException e) {
                    log.debug("closing a Snowflake session failed", e);
                }
            }
        }
    }
}
