package dev.secodasync.extract.snowflake;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.time.Duration;
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
                    return lease(free.pop());
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
                return lease(session);
            }
        }
        // Closed meanwhile: logged out before close() stops waiting for this sign-in.
        closeQuietly(session);
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

    /** The session as the caller sees it: closing it gives it back; it is unusable after that. */
    private Connection lease(Connection session) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            synchronized (returned) {
                                if (!returned[0]) {
                                    returned[0] = true;
                                    giveBack(session);
                                }
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            synchronized (returned) {
                                return returned[0] || session.isClosed();
                            }
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "toString" -> {
                            return "Snowflake session of " + name;
                        }
                        default -> {
                            synchronized (returned) {
                                if (returned[0]) {
                                    throw new SQLException("this Snowflake session went back to the pool");
                                }
                            }
                        }
                    }
                    try {
                        return method.invoke(session, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
        ExecutorService logouts = null;
        if (sessions.size() == 1) {
            closeQuietly(sessions.get(0));
        } else if (sessions.size() > 1) {
            CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-logout-");
            threads.setDaemon(true);
            logouts = Executors.newFixedThreadPool(sessions.size(), threads);
            for (Connection session : sessions) {
                logouts.execute(() -> closeQuietly(session));
            }
            logouts.shutdown();
        }
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
        while (logouts != null) {
            try {
                if (!logouts.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    log.warn("{}: Snowflake sessions still closing after {} s; leaving them", name,
                            CLOSE_WAIT.toSeconds());
                }
                logouts = null;
            } catch (InterruptedException e) {
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

    private static void closeQuietly(Connection session) {
        try {
            session.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("closing a Snowflake session failed", e);
        }
    }
}
