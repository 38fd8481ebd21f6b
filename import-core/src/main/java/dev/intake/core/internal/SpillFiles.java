package dev.intake.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the engine's temporary files go when what it remembers per row outgrows memory: one
 * directory per index under {@code intake-spill} in {@code java.io.tmpdir} (or the directory the
 * system property {@code intake.spill.dir} names), named after the process that owns it.
 *
 * <p>Files are unlinked as soon as they are open where the system allows it (POSIX systems do), so
 * the disk they take is given back when the process ends however it ends. Where that is refused the
 * owner removes them on close, and the first spill of a later process removes the directories of
 * processes that are no longer alive.
 */
public final class SpillFiles {
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final AtomicLong NEXT = new AtomicLong();

    private SpillFiles() {
    }

    /** @return the directory all spill directories are made in */
    public static Path root() {
        String configured = System.getProperty("intake.spill.dir");
        Path base = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.io.tmpdir"), "intake-spill");
        return base.toAbsolutePath();
    }

    /**
     * Makes a directory of its own for one index, after removing what dead processes left.
     *
     * @param name what the files are of, part of the directory's name
     * @return the new, empty directory
     * @throws UncheckedIOException if it cannot be made
     */
    static Path directory(String name) {
        Path root = root();
        try {
            Files.createDirectories(root);
            if (SWEPT.compareAndSet(false, true)) {
                sweep(root);
            }
            String safe = name.replaceAll("[^A-Za-z0-9_-]", "_");
            if (safe.length() > 40) {
                safe = safe.substring(0, 40);
            }
            return Files.createDirectory(root.resolve(ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet() + "-"
                    + Long.toHexString(System.nanoTime()) + "-" + safe));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for temporary files in " + root
                    + " (set intake.spill.dir to a writable directory)", e);
        }
    }

    /**
     * Removes the directories of processes that are no longer alive.
     *
     * @param root the directory holding them
     * @return how many were removed
     */
    public static int sweep(Path root) {
        int removed = 0;
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                int dash = fileName.indexOf('-');
                if (dash < 1) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(fileName.substring(0, dash));
                } catch (NumberFormatException e) {
                    continue;
                }
                boolean alive = pid == ProcessHandle.current().pid()
                        || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    remove(entry);
                    removed++;
                }
            }
        } catch (IOException e) {
            // another process may be sweeping too; what is left is swept next time
        }
        return removed;
    }

    /**
     * Makes a new file to read and write, and unlinks it at once where the system allows it, so that
     * it is gone with the channel (and its mappings) however the process ends.
     *
     * @param file the file to make; it must not exist
     * @return the channel, which keeps the file while it is open
     * @throws IOException if it cannot be made
     */
    static FileChannel open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        unlinkIfAllowed(file);
        return channel;
    }

    /** Unlinks a file where the system allows it; elsewhere it stays until its directory is removed. */
    static void unlinkIfAllowed(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Windows refuses to delete an open or mapped file: close() removes it
        }
    }

    /** Removes a directory and what it holds, as far as the system lets it. */
    static void remove(Path directory) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a file still mapped on Windows: it goes with the process, or with the next sweep
        }
    }
}
