package dev.secodasync.support;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files and folders of the state directory, readable by their owner only (catalog comments can be
 * confidential), and the write-aside-then-rename that keeps a killed run from leaving a half file
 * under the final name.
 */
public final class OwnerOnlyFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {
    }

    /**
     * Creates the folder (and parents) if needed, mode 700 where the file system has modes. A folder
     * that exists keeps its mode and owner: it may be shared (a sticky 1777 folder, a Kubernetes
     * {@code fsGroup} volume owned by another user), and changing it could break the machine.
     */
    public static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        return dir;
    }

    /** Sets an existing file to mode 600 where the file system has modes (files made by a library). */
    public static void ownerOnly(Path file) throws IOException {
        if (POSIX && Files.isRegularFile(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Creates the file (and its folder) if needed, mode 600 where the file system has modes. */
    public static Path createFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    /** Replaces {@code target} with {@code source} in one step: readers see the old or the new file, never half of one. */
    public static void publish(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
