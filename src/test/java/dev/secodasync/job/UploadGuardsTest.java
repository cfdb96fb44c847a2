package dev.secodasync.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secodasync.catalog.CatalogStats;
import dev.secodasync.config.SyncProperties;
import dev.secodasync.job.UploadGuards.Decision;
import dev.secodasync.state.LastUpload;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The checks before an upload, without a job: empty and shrunken catalogs are refused with the counts,
 * an unchanged one is not sent again, {@code --force} overrides all of them.
 */
class UploadGuardsTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String OTHER_SHA = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
    private static final LocalDateTime UPLOADED_AT = LocalDateTime.of(2026, 11, 30, 2, 15, 0);

    /** The defaults of {@code sync.guards}: shrink on, 20 %, skip unchanged. */
    private static final SyncProperties.Guards DEFAULTS = new SyncProperties.Guards(true, 0.2, true);

    private static UploadGuards guards(SyncProperties.Guards settings) {
        return new UploadGuards(settings, false);
    }

    private static CatalogStats stats(long tables, long columns, String sha256) {
        return new CatalogStats(1, 2, tables, 0, columns, sha256);
    }

    private static Optional<LastUpload> last(long tables, long columns, String sha256) {
        return Optional.of(new LastUpload("app", sha256, tables, columns, UPLOADED_AT));
    }

    @Test
    void anEmptyCatalogIsRefused() {
        // given: the first upload of an integration, and one with an earlier upload
        UploadGuards guards = guards(DEFAULTS);

        // when / then
        assertThatThrownBy(() -> guards.check("app", stats(0, 0, SHA), Optional.empty()))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessageContaining("warehouse 'app' returned no columns")
                .hasMessageContaining("--force");
        assertThatThrownBy(() -> guards.check("app", stats(0, 0, SHA), last(10, 100, OTHER_SHA)))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessageContaining("returned no columns");
    }

    @Test
    void anEmptyCatalogIsRefusedEvenWithTheShrinkGuardOff() {
        // given
        UploadGuards guards = guards(new SyncProperties.Guards(false, 0.2, false));

        // when / then
        assertThatThrownBy(() -> guards.check("app", stats(0, 0, SHA), Optional.empty()))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessageContaining("returned no columns");
    }

    @Test
    void tablesShrinkingBeyondMaxShrinkAreRefusedWithTheCounts() {
        // given: 100 tables before, 79 now (-21 %), columns unchanged
        UploadGuards guards = guards(DEFAULTS);

        // when / then
        assertThatThrownBy(() -> guards.check("app", stats(79, 1000, SHA), last(100, 1000, OTHER_SHA)))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessageContaining("warehouse 'app': tables fell from 100 to 79 (-21.0%)")
                .hasMessageContaining("since the upload of " + UPLOADED_AT)
                .hasMessageContaining("sync.guards.max-shrink=20%")
                .hasMessageContaining("--force");
    }

    @Test
    void columnsShrinkingBeyondMaxShrinkAreRefusedWithTheCounts() {
        // given: tables unchanged, 1000 columns before, 790 now (-21 %)
        UploadGuards guards = guards(DEFAULTS);

        // when / then
        assertThatThrownBy(() -> guards.check("app", stats(100, 790, SHA), last(100, 1000, OTHER_SHA)))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessageContaining("warehouse 'app': columns fell from 1000 to 790 (-21.0%)")
                .hasMessageContaining("sync.guards.max-shrink=20%");
    }

    @Test
    void aSmallerMaxShrinkRefusesASmallerDrop() {
        // given: max-shrink 5 %, columns down by 6 %
        UploadGuards guards = guards(new SyncProperties.Guards(true, 0.05, true));

        // when / then
        assertThatThrownBy(() -> guards.check("app", stats(100, 940, SHA), last(100, 1000, OTHER_SHA)))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessageContaining("columns fell from 1000 to 940 (-6.0%)")
                .hasMessageContaining("sync.guards.max-shrink=5%");
    }

    @Test
    void aDropOfExactlyMaxShrinkIsAllowed() {
        // given: tables 100 -> 80 and columns 1000 -> 800, both exactly -20 %
        UploadGuards guards = guards(DEFAULTS);

        // when
        Decision decision = guards.check("app", stats(80, 800, SHA), last(100, 1000, OTHER_SHA));

        // then
        assertThat(decision).isEqualTo(Decision.UPLOAD);
    }

    @Test
    void growthAndAFirstCountOfZeroAreNoShrink() {
        // given
        UploadGuards guards = guards(DEFAULTS);

        // when
        Decision grown = guards.check("app", stats(120, 1500, SHA), last(100, 1000, OTHER_SHA));
        Decision fromNothing = guards.check("app", stats(3, 10, SHA), last(0, 0, OTHER_SHA));

        // then
        assertThat(grown).isEqualTo(Decision.UPLOAD);
        assertThat(fromNothing).isEqualTo(Decision.UPLOAD);
    }

    @Test
    void withTheShrinkGuardOffADropIsUploaded() {
        // given
        UploadGuards guards = guards(new SyncProperties.Guards(false, 0.2, true));

        // when
        Decision decision = guards.check("app", stats(10, 50, SHA), last(100, 1000, OTHER_SHA));

        // then
        assertThat(decision).isEqualTo(Decision.UPLOAD);
    }

    @Test
    void anUnchangedCsvIsNotSentAgainWhenSkipUnchangedIsOn() {
        // given
        UploadGuards guards = guards(DEFAULTS);

        // when
        Decision same = guards.check("app", stats(100, 1000, SHA), last(100, 1000, SHA));
        Decision changed = guards.check("app", stats(100, 1000, SHA), last(100, 1000, OTHER_SHA));

        // then
        assertThat(same).isEqualTo(Decision.UNCHANGED);
        assertThat(changed).isEqualTo(Decision.UPLOAD);
    }

    @Test
    void anUnchangedCsvIsSentAgainWhenSkipUnchangedIsOff() {
        // given
        UploadGuards guards = guards(new SyncProperties.Guards(true, 0.2, false));

        // when
        Decision decision = guards.check("app", stats(100, 1000, SHA), last(100, 1000, SHA));

        // then
        assertThat(decision).isEqualTo(Decision.UPLOAD);
    }

    @Test
    void withoutAPreviousUploadTheCsvIsUploaded() {
        // given
        UploadGuards guards = guards(DEFAULTS);

        // when
        Decision decision = guards.check("app", stats(1, 1, SHA), Optional.empty());

        // then
        assertThat(decision).isEqualTo(Decision.UPLOAD);
    }

    @Test
    void forceOverridesEveryGuard() {
        // given
        UploadGuards forced = new UploadGuards(DEFAULTS, true);

        // when
        Decision empty = forced.check("app", stats(0, 0, SHA), last(100, 1000, OTHER_SHA));
        Decision shrunk = forced.check("app", stats(10, 50, SHA), last(100, 1000, OTHER_SHA));
        Decision unchanged = forced.check("app", stats(100, 1000, SHA), last(100, 1000, SHA));
        Decision emptyFirst = forced.check("app", stats(0, 0, SHA), Optional.empty());

        // then
        assertThat(empty).isEqualTo(Decision.UPLOAD);
        assertThat(shrunk).isEqualTo(Decision.UPLOAD);
        assertThat(unchanged).isEqualTo(Decision.UPLOAD);
        assertThat(emptyFirst).isEqualTo(Decision.UPLOAD);
    }
}
