package dev.secodasync.extract.snowflake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The sessions of one catalog read: at most {@code size} sessions, each signed in only when a
 * query needs one and no session is free, the first being the session the reader signed in with.
 * A session goes back to the pool when the caller closes it; closing the pool closes them all,
 * those still in use too.
 *
 * <p>Not a connection pool library: Hikari signs its connections in one at a time, on one thread
 * of its own, and closes them one at a time too. A Snowflake sign-in takes a round trip or several
 * (and a logout one more), so with 16 databases at a time the 16th query waited for 15 sign-ins
 * before it started, and the read ended with 16 logouts in a row. Here each query thread signs in
 * for itself, and closing logs out of all sessions at once.
 */
final class SessionPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionPool.class);

    /**
     * How long closing waits for sign-ins in progress and for the logouts: well within the time a
     * stop signal leaves the run (20 s).
     */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final String name;

    private final DataSource unpooled;

    private final int size;

    // All guarded by this.
    private final Deque<Connection> free = new ArrayDeque<>();

    private final List<Connection> open = new ArrayList<>();

    private int signingIn;

    private SQLException failure;

    private boolean closed;

    /**
     * @param signedIn a session already open; the pool hands it out first, and closes it
     * @param unpooled opens a new session (signs in) per call
     */
    SessionPool(String name, Connection signedIn, DataSource unpooled, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1, not " + size);
        }
        this.name = name;
        this.unpooled = unpooled;
        this.size = size;
        free.push(signedIn);
        open.add(signedIn);
    }

    /**
     * A free session, or a new one signed in on the calling thread when none is free and fewer
     * than {@code size} are open; otherwise waits until one is given back.
     *
     * @throws SQLException the driver's own exception when signing in failed (this time or earlier:
     *     a failed sign-in is not repeated, since Snowflake locks a user out after repeated failures)
     */
    Connection borrow() throws SQLException {
        synchronized (this) {
            while (true) {
                if (failure != null) {
                    throw failure;
                }
                if (closed) {
                    throw new SQLException("the Snowflake sessions of " + name + " are closed");
                }
                if (!free.isEmpty()) {
                    return SessionLease.of(free.pop(), name, this::giveBack);
                }
                if (open.size() + signingIn < size) {
                    signingIn++;
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting for a Snowflake session", e);
                }
            }
        }
        Connection session = null;
        try {
            session = unpooled.getConnection();
        } catch (SQLException e) {
            signInFailed(e);
            throw e;
        } catch (RuntimeException e) {
            signInFailed(new SQLException("signing in to Snowflake failed: " + e.getMessage(), e));
            throw e;
        } finally {
            if (session == null) {
                signInEnded();
            }
        }
        synchronized (this) {
            if (!closed) {
                open.add(session);
                signInEnded();
                return SessionLease.of(session, name, this::giveBack);
            }
        }
        // Closed meanwhile: logged out before close() stops waiting for this sign-in.
        SnowflakeStatements.closeQuietly(session);
        signInEnded();
        throw new SQLException("the Snowflake sessions of " + name + " were closed while signing in");
    }

    private synchronized void signInFailed(SQLException e) {
        failure = e;
    }

    private synchronized void signInEnded() {
        signingIn--;
        notifyAll();
    }

    private synchronized void giveBack(Connection session) {
        if (closed) {
            return;
        }
        if (isClosedQuietly(session)) {
            // Aborted or logged out through the raw session: never lent again.
            open.remove(session);
        } else {
            free.push(session);
        }
        notifyAll();
    }

    /**
     * Closes every session at once, in use or not, and waits for the sign-ins still in progress
     * (each logs out of its new session) and for the logouts, at most {@link #CLOSE_WAIT} in all,
     * even when the closing thread is interrupted: the process may exit right after.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        boolean interrupted = false;
        List<Connection> sessions;
        synchronized (this) {
            closed = true;
            notifyAll();
            sessions = new ArrayList<>(open);
            open.clear();
            free.clear();
        }
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-logout-");
        threads.setDaemon(true);
        ExecutorService logouts = Executors.newFixedThreadPool(Math.max(1, sessions.size()), threads);
        for (Connection session : sessions) {
            logouts.execute(() -> SnowflakeStatements.closeQuietly(session));
        }
        logouts.shutdown();
        synchronized (this) {
            long left;
            while (signingIn > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        boolean done = false;
        while (!done) {
            try {
                done = true;
                if (!logouts.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("{}: Snowflake sessions still closing after {} s; leaving them", name,
                            CLOSE_WAIT.toSeconds());
                }
            } catch (InterruptedException e) {
                done = false;
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isClosedQuietly(Connection session) {
        try {
            return session.isClosed();
        } catch (SQLException | RuntimeException e) {
            return true;
        }
    }
}
