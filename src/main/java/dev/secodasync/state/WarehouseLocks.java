package dev.secodasync.state;

import dev.secodasync.support.OwnerOnlyFiles;
import dev.secodasync.sql.SqlFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * One run at a time per warehouse. With a PostgreSQL job repository (several machines, pods) the
 * lock is a PostgreSQL advisory lock; otherwise (the default H2 file, one machine) an OS file lock
 * in the state directory. Both vanish with the process that holds them, so a run killed with
 * SIGKILL never blocks the next one.
 */
public abstract class WarehouseLocks {

    /** A held lock; closing it releases it. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The locks of all these warehouses, or none: when another run holds any of them, every lock
     * taken so far is released and the busy warehouses are named.
     */
    public Acquired acquireAll(List<String> warehouses) {
        List<Lease> held = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        try {
            for (String warehouse : warehouses) {
                tryAcquire(warehouse).ifPresentOrElse(held::add, () -> busy.add(warehouse));
            }
        } catch (RuntimeException e) {
            held.forEach(Lease::close);
            close();
            throw e;
        }
        if (!busy.isEmpty()) {
            held.forEach(Lease::close);
            close();
            return new Acquired(null, busy);
        }
        return new Acquired(() -> {
            held.forEach(Lease::close);
            close();
        }, List.of());
    }

    /** Either a lease over every lock, or the warehouses another run holds. */
    public record Acquired(Lease lease, List<String> busy) {
    }

    /** The lock of this warehouse, or empty when another run holds it. */
    abstract Optional<Lease> tryAcquire(String warehouse);

    /** Releases what the implementation holds beyond single locks. */
    void close() {
    }

    /**
     * Advisory locks when the job repository is PostgreSQL, file locks otherwise.
     *
     * @param unpooled a data source that opens connections outside the job-repository pool: the
     *     advisory locks hold one connection for the whole run, which must not starve the job of
     *     pooled connections
     */
    public static WarehouseLocks forRepository(DataSource repository, DataSource unpooled, Path stateDir,
            SqlFiles sql) {
        try (Connection c = repository.getConnection()) {
            if (c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                return new Advisory(unpooled, sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the job repository database: " + e.getMessage(), e);
        }
        return new Files(stateDir.resolve("locks"));
    }

    /** Session-level PostgreSQL advisory locks, all on one connection held for the run. */
    static final class Advisory extends WarehouseLocks {

        // "SECODA" on a phone keypad: keeps the locks apart from other applications' advisory locks.
        private static final int LOCK_CLASS = 732632;

        private final DataSource dataSource;

        private final String lockSql;

        private final String unlockSql;

        Advisory(DataSource dataSource, SqlFiles sql) {
            this.dataSource = dataSource;
            this.lockSql = sql.load("state", "try-advisory-lock");
            this.unlockSql = sql.load("state", "advisory-unlock");
        }

        private Connection connection;

        @Override
        Optional<Lease> tryAcquire(String warehouse) {
            Map<String, Object> key = Map.of("lock_class", LOCK_CLASS, "lock_key", key(warehouse));
            try {
                if (connection == null) {
                    connection = dataSource.getConnection();
                    connection.setAutoCommit(true);
                }
                if (!query(connection, lockSql, key)) {
                    return Optional.empty();
                }
                Connection session = connection;
                return Optional.of(() -> {
                    try {
                        query(session, unlockSql, key);
                    } catch (SQLException e) {
                        // Closing the session releases the lock anyway.
                    }
                });
            } catch (SQLException e) {
                throw new IllegalStateException("cannot take the run lock of warehouse '" + warehouse
                        + "' in the job repository: " + e.getMessage(), e);
            }
        }

        @Override
        void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // The server drops the session's locks with it.
                }
                connection = null;
            }
        }

        private static boolean query(Connection connection, String namedSql, Map<String, Object> params)
                throws SQLException {
            SqlFiles.Bound bound = SqlFiles.bind(namedSql, params);
            try (PreparedStatement st = connection.prepareStatement(bound.sql())) {
                for (int i = 0; i < bound.arguments().size(); i++) {
                    st.setObject(i + 1, bound.arguments().get(i));
                }
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        }

        static int key(String warehouse) {
            CRC32 crc = new CRC32();
            crc.update(warehouse.getBytes(StandardCharsets.UTF_8));
            return (int) crc.getValue();
        }
    }

    /** OS file locks under {@code <state-dir>/locks}. */
    static final class Files extends WarehouseLocks {

        private final Path dir;

        Files(Path dir) {
            this.dir = dir;
        }

        @Override
        Optional<Lease> tryAcquire(String warehouse) {
            Path file = dir.resolve(warehouse + ".lock");
            try {
                OwnerOnlyFiles.createFile(file);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldInThisProcess) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                FileLock held = lock;
                return Optional.of(() -> {
                    try (channel) {
                        held.release();
                    } catch (IOException e) {
                        // Closing the channel releases the lock anyway.
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException("cannot take the run lock " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
