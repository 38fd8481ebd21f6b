package dev.intake.examples.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where this process keeps the temporary copies of uploads, workbooks and results: a directory of
 * its own under the runs' scratch directory, held by a file lock for as long as the process lives.
 * The operating system releases the lock when the process ends however it ends (a {@code kill -9}
 * included), so the directories whose lock can be taken belong to processes that are gone, and
 * {@link #sweep()} removes them with whatever a crash or failure left in them; the directories of
 * other live processes sharing the runs' directory are left alone.
 */
public final class Scratch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Scratch.class.getName());
    private static final String PREFIX = "instance-";
    private static final String LOCK = ".lock";
    /** Loose files of an older layout, directly under the root, are removed once this old. */
    private static final Duration LOOSE_AFTER = Duration.ofHours(1);

    private final Path root;
    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private Scratch(Path root, Path directory, FileChannel channel, FileLock lock) {
        this.root = root;
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes a directory of its own under a root, then sweeps what gone processes left.
     *
     * @param root the scratch root, shared by the processes on one runs' directory
     * @return the scratch space
     * @throws IOException if the directory cannot be made or locked
     */
    public static Scratch open(Path root) throws IOException {
        Path directory = Files.createDirectories(root.resolve(PREFIX + UUID.randomUUID()));
        FileChannel channel = FileChannel.open(directory.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IOException("the new scratch directory " + directory + " is locked by another process");
        }
        Scratch scratch = new Scratch(root, directory, channel, lock);
        scratch.sweep();
        return scratch;
    }

    /** @return this process's directory */
    public Path directory() {
        return directory;
    }

    /**
     * Removes the directories of processes that are gone, and loose files of an older layout.
     *
     * @return how many directories and files were removed
     */
    public int sweep() {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (entry.equals(directory)) {
                    continue;
                }
                try {
                    if (Files.isDirectory(entry) && entry.getFileName().toString().startsWith(PREFIX)) {
                        if (abandoned(entry)) {
                            delete(entry);
                            removed++;
                        }
                    } else if (Files.isRegularFile(entry) && Files.getLastModifiedTime(entry).toInstant()
                            .isBefore(Instant.now().minus(LOOSE_AFTER))) {
                        Files.deleteIfExists(entry);
                        removed++;
                    }
                } catch (IOException | UncheckedIOException e) {
                    LOG.log(System.Logger.Level.WARNING, "the scratch entry " + entry + " could not be removed", e);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "the scratch directory " + root + " could not be swept", e);
        }
        return removed;
    }

    /** Whether no live process holds the directory's lock (taking it, and letting it go, to tell). */
    private static boolean abandoned(Path directory) throws IOException {
        Path lockFile = directory.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel other = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock taken = other.tryLock();
            if (taken == null) {
                return false;
            }
            taken.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Lets the directory go and removes it. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            delete(directory);
        }
    }
}
