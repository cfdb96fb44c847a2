package dev.secodasync.extract.snowflake;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
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

    /** How long closing waits for the logouts. */
    static final long CLOSE_WAIT_SECONDS = 30;

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
        Connection session;
        try {
            session = unpooled.getConnection();
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                signingIn--;
                if (e instanceof SQLException sql) {
                    failure = sql;
                }
                notifyAll();
            }
            throw e;
        }
        synchronized (this) {
            signingIn--;
            notifyAll();
            if (!closed) {
                open.add(session);
                return lease(session);
            }
        }
        closeQuietly(session);
        throw new SQLException("the Snowflake sessions of " + name + " were closed while signing in");
    }

    private synchronized void giveBack(Connection session) {
        if (!closed) {
            free.push(session);
            notifyAll();
        }
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
     * Closes every session at once, in use or not, waiting at most {@link #CLOSE_WAIT_SECONDS} for
     * the logouts. A sign-in still in progress closes its own session when it ends.
     */
    @Override
    public void close() {
        List<Connection> sessions;
        synchronized (this) {
            closed = true;
            notifyAll();
            sessions = new ArrayList<>(open);
            open.clear();
            free.clear();
        }
        if (sessions.isEmpty()) {
            return;
        }
        if (sessions.size() == 1) {
            closeQuietly(sessions.get(0));
            return;
        }
        CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-logout-");
        threads.setDaemon(true);
        ExecutorService logouts = Executors.newFixedThreadPool(sessions.size(), threads);
        sessions.forEach(session -> logouts.execute(() -> closeQuietly(session)));
        logouts.shutdown();
        try {
            if (!logouts.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("{}: Snowflake sessions still closing after {} s; leaving them", name, CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
