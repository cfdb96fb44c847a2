package dev.secodasync.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secodasync.SecodaSyncApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state directory as users point at it: an existing shared folder, a relative path. */
class StateDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void anExistingFolderKeepsItsModeAndTheJobsFilesAreOwnerOnly() throws Exception {
        // given: a shared folder, world-writable and sticky as /tmp is (the sticky bit is not a
        // POSIX permission Java can set, so world-writable stands for it)
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        // when
        int exit = SecodaSyncApplication.run("--sync.state-dir=" + shared, "--secoda.api-token=");

        // then
        assertThat(exit).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxrwxrwx");
        assertThat(Files.getPosixFilePermissions(shared.resolve("out"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(shared)) {
            files.filter(f -> f.getFileName().toString().startsWith("job-repository")).forEach(f -> {
                try {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(f);
                    assertThat(PosixFilePermissions.toString(mode)).as(f.toString()).isEqualTo("rw-------");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void aRelativePathWithoutDotSlashWorks() throws Exception {
        // given: relative to the working directory, as "state" or "target/x" is written
        String relative = "target/state-dir-test-" + ProcessHandle.current().pid();

        // when
        int exit = SecodaSyncApplication.run("--sync.state-dir=" + relative, "--secoda.api-token=");

        // then
        assertThat(exit).isZero();
        assertThat(Path.of(relative, "out", "demo.csv")).isRegularFile();
        assertThat(Path.of(relative, "job-repository.mv.db")).isRegularFile();
    }
}
