package dev.intake.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A request body read within a cap: a small one (within {@link #IN_MEMORY}) held as bytes, a larger
 * one streamed to a temporary file as it arrives, so that many large bodies at once fill the disk,
 * never the heap. Read as often as needed; closing deletes the file.
 */
public final class SpooledBody implements AutoCloseable {
    /** Bodies up to this size stay in memory. */
    public static final int IN_MEMORY = 256 * 1024;
    /** Beyond the cap a body is drained up to this much more, so the client reads the answer; then the connection closes. */
    private static final long MAX_DRAINED = 256L * 1024 * 1024;

    private final byte[] bytes;
    private final Path file;
    private final long size;

    private SpooledBody(byte[] bytes, Path file, long size) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
    }

    /**
     * Reads a request's body within a cap.
     *
     * @param request the request
     * @param max the cap
     * @param scratch where a large body is written
     * @return the body, or empty when it is larger than the cap (drained, up to a bound)
     * @throws IOException if it cannot be read or written
     */
    public static Optional<SpooledBody> read(HttpServletRequest request, long max, Path scratch) throws IOException {
        long declared = request.getContentLengthLong();
        try (InputStream in = request.getInputStream()) {
            if (declared > max) {
                drain(in);
                return Optional.empty();
            }
            byte[] head = in.readNBytes(IN_MEMORY + 1);
            if (head.length <= IN_MEMORY) {
                return Optional.of(new SpooledBody(head, null, head.length));
            }
            Files.createDirectories(scratch);
            Path file = Files.createTempFile(scratch, "body-", ".json");
            try {
                long size = head.length;
                try (OutputStream out = Files.newOutputStream(file)) {
                    out.write(head);
                    byte[] buffer = new byte[64 * 1024];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        size += n;
                        if (size > max) {
                            break;
                        }
                        out.write(buffer, 0, n);
                    }
                }
                if (size > max) {
                    drain(in);
                    Files.deleteIfExists(file);
                    return Optional.empty();
                }
                return Optional.of(new SpooledBody(null, file, size));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long drained = 0;
        for (int n = in.read(buffer); n >= 0 && drained < MAX_DRAINED; n = in.read(buffer)) {
            drained += n;
        }
    }

    /** @return the body's length in bytes */
    public long size() {
        return size;
    }

    /**
     * @return a new stream of the body
     * @throws IOException if the file cannot be opened
     */
    public InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /** Deletes the file, if the body has one. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
