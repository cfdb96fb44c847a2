package dev.secodasync.extract.snowflake;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statements executing on query threads, so that closing can stop them in the warehouse:
 * an interrupt does not reach a query the driver waits on, {@link Statement#cancel()} does. Once
 * cancelled, no further statement starts.
 */
final class RunningStatements {

    private static final Logger log = LoggerFactory.getLogger(RunningStatements.class);

    // Guarded by this.
    private final Set<Statement> running = Collections.newSetFromMap(new IdentityHashMap<>());

    // Guarded by this.
    private boolean cancelled;

    /**
     * Executes {@code statement}, cancellable by {@link #cancelAll()} until it returns.
     *
     * @throws SQLException as the driver throws it, also when cancelled; or when cancelled before it started
     */
    ResultSet executeQuery(PreparedStatement statement) throws SQLException {
        synchronized (this) {
            if (cancelled) {
                throw new SQLException("not started: the queries were cancelled");
            }
            running.add(statement);
        }
        try {
            return statement.executeQuery();
        } finally {
            synchronized (this) {
                running.remove(statement);
            }
        }
    }

    /** Cancels the statements now executing and refuses new ones. */
    void cancelAll() {
        List<Statement> executing;
        synchronized (this) {
            cancelled = true;
            executing = new ArrayList<>(running);
        }
        for (Statement statement : executing) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // The query then ends on its own; its session is closed with the pool.
                log.debug("cancelling a query failed", e);
            }
        }
    }
}
