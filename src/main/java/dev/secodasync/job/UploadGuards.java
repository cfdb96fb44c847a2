package dev.secodasync.job;

import dev.secodasync.config.SyncProperties;
import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.state.LastUpload;
import java.util.Optional;

/**
 * Decides, before an upload, whether it would damage the catalog: an empty catalog, or one that
 * shrank by more than the allowed share against the last upload Secoda accepted, is refused
 * (Secoda marks whatever is missing as stale); an unchanged one is not sent again.
 */
public class UploadGuards {

    private final SyncProperties.Guards settings;

    private final boolean force;

    public UploadGuards(SyncProperties.Guards settings, boolean force) {
        this.settings = settings;
        this.force = force;
    }

    /** What to do with the upload. */
    public enum Decision {
        /** Send it. */
        UPLOAD,
        /** Identical to what Secoda has: do not send it. */
        UNCHANGED
    }

    /**
     * @throws GuardRefusedException naming the counts when the upload must not happen
     */
    public Decision check(String warehouse, CatalogStats stats, Optional<LastUpload> last) {
        if (force) {
            return Decision.UPLOAD;
        }
        if (stats.columns() == 0) {
            throw new GuardRefusedException("warehouse '" + warehouse + "' returned no columns: an empty upload would"
                    + " mark the whole integration stale; check include-schemas, exclude-schemas and the role's"
                    + " privileges, or run with --force to upload it anyway");
        }
        if (last.isEmpty()) {
            return Decision.UPLOAD;
        }
        LastUpload previous = last.get();
        if (settings.skipUnchanged() && previous.sha256().equals(stats.sha256())) {
            return Decision.UNCHANGED;
        }
        if (settings.shrink()) {
            refuseShrink(warehouse, "tables", previous.tables(), stats.tables(), previous);
            refuseShrink(warehouse, "columns", previous.columns(), stats.columns(), previous);
        }
        return Decision.UPLOAD;
    }

    private void refuseShrink(String warehouse, String what, long before, long now, LastUpload previous) {
        if (before == 0 || now >= before) {
            return;
        }
        double shrink = (before - now) / (double) before;
        if (shrink > settings.maxShrink()) {
            throw new GuardRefusedException(String.format(java.util.Locale.ROOT,
                    "warehouse '%s': %s fell from %d to %d (-%.1f%%) since the upload of %s, more than"
                            + " sync.guards.max-shrink=%.0f%%; refusing to mark them stale in Secoda"
                            + " (run with --force if the drop is intended)",
                    warehouse, what, before, now, shrink * 100, previous.uploadedAt(), settings.maxShrink() * 100));
        }
    }
}
