package dev.intake.spi.run;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@link RunFiles} in a directory of the host's file system: each file under its id, written to a
 * temporary name first and moved into place, so a crash never leaves half a file under an id.
 * Instances on several machines need a directory they all see. Partial files that a crash left
 * behind are removed when the directory is opened, once they are a day old.
 */
public final class DirectoryRunFiles implements RunFiles {
    private static final Pattern ID = Pattern.compile("[A-Z0-9]{20}");

    private final Path directory;

    /**
     * Files in a directory, created when missing.
     *
     * @param directory the directory
     * @throws IOException if it cannot be created
     */
    public DirectoryRunFiles(Path directory) throws IOException {
        this.directory = Files.createDirectories(Objects.requireNonNull(directory, "directory must not be null"));
        removeAbandonedSaves();
    }

    /**
     * Removes the partial files of saves that a crash interrupted: those a day old (no save takes a
     * day; a younger one may be another process's save under way in a shared directory).
     */
    private void removeAbandonedSaves() throws IOException {
        java.time.Instant cutoff = java.time.Instant.now().minus(java.time.Duration.ofDays(1));
        try (java.nio.file.DirectoryStream<Path> parts = Files.newDirectoryStream(directory, "saving-*.part")) {
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(part);
                }
            }
        }
    }

    @Override
    public String save(String name, Content content) throws IOException {
        String id = RunIds.next();
        Path temporary = Files.createTempFile(directory, "saving-", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
            Files.move(temporary, directory.resolve(id), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return id;
    }

    @Override
    public InputStream open(String id) throws IOException {
        try {
            return Files.newInputStream(path(id));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("no file " + id);
        }
    }

    @Override
    public void delete(String id) throws IOException {
        Files.deleteIfExists(path(id));
    }

    private Path path(String id) throws FileNotFoundException {
        if (!ID.matcher(id).matches()) {
            throw new FileNotFoundException("no file " + id);
        }
        return directory.resolve(id);
    }
}
