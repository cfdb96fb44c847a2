package dev.secodasync.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.sql.SqlFiles;
import dev.secodasync.testsupport.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The run locks with a PostgreSQL job repository: session-level advisory locks, one connection per
 * {@link WarehouseLocks} instance (as one run holds them). Two instances stand for two runs on two
 * machines. Needs the PostgreSQL test server; fails, naming it, when it is down.
 */
class WarehouseLocksIT {

    private static PostgresTestDatabase db;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void database() {
        db = PostgresTestDatabase.create("secoda_sync_locks_it");
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(db.jdbcUrl());
        ds.setUser(PostgresTestDatabase.USER);
        return ds;
    }

    /** One run's locks: the repository and the unpooled source of its own session. */
    private WarehouseLocks run() {
        return WarehouseLocks.forRepository(dataSource(), dataSource(), stateDir, SqlFiles.builtIn());
    }

    /** Advisory locks of secoda-sync's class held on the server, by any session. */
    private static int heldLocks() throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND classid = 732632 AND granted AND database = (SELECT oid FROM pg_database"
                        + " WHERE datname = current_database())")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aPostgresRepositoryGetsAdvisoryLocks() {
        // when
        WarehouseLocks locks = run();

        // then
        assertThat(locks).isInstanceOf(WarehouseLocks.Advisory.class);
    }

    @Test
    void aSecondRunIsBusyWhileTheFirstHoldsTheLockAndFreeAfter() throws SQLException {
        // given: the first run holds "app"
        WarehouseLocks first = run();
        WarehouseLocks second = run();
        WarehouseLocks.Acquired held = first.acquireAll(List.of("app"));
        assertThat(held.busy()).isEmpty();

        // when
        WarehouseLocks.Acquired contended = second.acquireAll(List.of("app"));

        // then
        assertThat(contended.lease()).isNull();
        assertThat(contended.busy()).containsExactly("app");
        assertThat(heldLocks()).isEqualTo(1);

        // when: the first run ends
        held.lease().close();
        WarehouseLocks.Acquired after = second.acquireAll(List.of("app"));

        // then
        assertThat(after.busy()).isEmpty();
        after.lease().close();
        assertThat(heldLocks()).isZero();
    }

    @Test
    void differentWarehousesAreIndependent() {
        // given
        WarehouseLocks first = run();
        WarehouseLocks second = run();
        WarehouseLocks.Lease app = first.tryAcquire("app").orElseThrow();

        // when
        Optional<WarehouseLocks.Lease> shop = second.tryAcquire("shop");
        Optional<WarehouseLocks.Lease> appAgain = second.tryAcquire("app");

        // then
        assertThat(shop).isPresent();
        assertThat(appAgain).isEmpty();
        shop.get().close();
        app.close();
        first.close();
        second.close();
    }

    @Test
    void acquireAllNamesEveryBusyWarehouseAndReleasesWhatItTook() throws SQLException {
        // given: another run holds "b" and "d"
        WarehouseLocks other = run();
        WarehouseLocks.Acquired held = other.acquireAll(List.of("b", "d"));
        WarehouseLocks locks = run();

        // when
        WarehouseLocks.Acquired acquired = locks.acquireAll(List.of("a", "b", "c", "d"));

        // then: no lease, both busy names, and "a" and "c" were given back (its session is closed)
        assertThat(acquired.lease()).isNull();
        assertThat(acquired.busy()).containsExactly("b", "d");
        assertThat(heldLocks()).isEqualTo(2);
        WarehouseLocks third = run();
        WarehouseLocks.Acquired free = third.acquireAll(List.of("a", "c"));
        assertThat(free.busy()).isEmpty();
        free.lease().close();
        held.lease().close();
        assertThat(heldLocks()).isZero();
    }
}
