package dev.secodasync.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.sql.SqlFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run locks of the default set-up (an H2 job repository on one machine): OS file locks under
 * {@code <state-dir>/locks}, one per warehouse. {@code WarehouseLocksIT} covers the PostgreSQL
 * advisory locks.
 */
class WarehouseLocksTest {

    @TempDir
    Path stateDir;

    private WarehouseLocks locks() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:locks_test_" + System.nanoTime());
        h2.setUser("sa");
        return WarehouseLocks.forRepository(h2, h2, stateDir, SqlFiles.builtIn());
    }

    @Test
    void anH2RepositoryGetsFileLocksInTheStateDirectory() {
        // given
        WarehouseLocks locks = locks();

        // when
        Optional<WarehouseLocks.Lease> lease = locks.tryAcquire("app");

        // then
        assertThat(locks).isInstanceOf(WarehouseLocks.Files.class);
        assertThat(lease).isPresent();
        assertThat(stateDir.resolve("locks/app.lock")).isRegularFile();
        lease.get().close();
    }

    @Test
    void aSecondAcquireOfTheSameWarehouseIsBusyWhileTheFirstLeaseIsHeld() {
        // given: one run holds the lock of "app"
        WarehouseLocks first = locks();
        WarehouseLocks second = locks();
        WarehouseLocks.Lease held = first.tryAcquire("app").orElseThrow();

        // when
        Optional<WarehouseLocks.Lease> again = second.tryAcquire("app");
        Optional<WarehouseLocks.Lease> sameInstance = first.tryAcquire("app");

        // then
        assertThat(again).isEmpty();
        assertThat(sameInstance).isEmpty();
        held.close();
    }

    @Test
    void theLockIsFreeAgainAfterTheLeaseIsClosed() {
        // given
        WarehouseLocks locks = locks();
        locks.tryAcquire("app").orElseThrow().close();

        // when
        Optional<WarehouseLocks.Lease> again = locks.tryAcquire("app");

        // then: the lock file stays, the lock does not
        assertThat(again).isPresent();
        assertThat(stateDir.resolve("locks/app.lock")).exists();
        again.get().close();
    }

    @Test
    void differentWarehousesAreIndependent() {
        // given
        WarehouseLocks locks = locks();
        WarehouseLocks.Lease app = locks.tryAcquire("app").orElseThrow();

        // when
        Optional<WarehouseLocks.Lease> shop = locks.tryAcquire("shop");

        // then
        assertThat(shop).isPresent();
        shop.get().close();
        app.close();
    }

    @Test
    void acquireAllTakesEveryLockAndReleasesThemWithItsLease() {
        // given
        WarehouseLocks locks = locks();

        // when
        WarehouseLocks.Acquired acquired = locks.acquireAll(List.of("app", "shop"));

        // then: held while the lease is open, free after
        assertThat(acquired.busy()).isEmpty();
        assertThat(acquired.lease()).isNotNull();
        assertThat(locks.tryAcquire("app")).isEmpty();
        assertThat(locks.tryAcquire("shop")).isEmpty();
        acquired.lease().close();
        WarehouseLocks.Acquired again = locks.acquireAll(List.of("app", "shop"));
        assertThat(again.busy()).isEmpty();
        again.lease().close();
    }

    @Test
    void acquireAllNamesEveryBusyWarehouseAndReleasesWhatItTook() {
        // given: another run holds "b" and "d"
        WarehouseLocks other = locks();
        WarehouseLocks.Lease b = other.tryAcquire("b").orElseThrow();
        WarehouseLocks.Lease d = other.tryAcquire("d").orElseThrow();
        WarehouseLocks locks = locks();

        // when
        WarehouseLocks.Acquired acquired = locks.acquireAll(List.of("a", "b", "c", "d"));

        // then: no lease, both busy names in order, and "a" and "c" are free again
        assertThat(acquired.lease()).isNull();
        assertThat(acquired.busy()).containsExactly("b", "d");
        WarehouseLocks.Acquired free = other.acquireAll(List.of("a", "c"));
        assertThat(free.busy()).isEmpty();
        free.lease().close();
        b.close();
        d.close();
        assertThat(Files.exists(stateDir.resolve("locks/c.lock"))).isTrue();
    }
}
