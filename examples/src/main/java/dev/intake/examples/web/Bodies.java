package dev.intake.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Request bodies read into memory within a cap that fits their purpose, and no further. */
public final class Bodies {
    private Bodies() {
    }

    /**
     * Reads a body of at most {@code max} bytes. A larger one, declared or sent, is not read past the
     * cap: the caller answers {@code 413} and closes the connection.
     *
     * @param request the request
     * @param max the cap
     * @return the body, or empty when it is larger than the cap
     * @throws IOException if it cannot be read
     */
    public static Optional<byte[]> read(HttpServletRequest request, int max) throws IOException {
        if (request.getContentLengthLong() > max) {
            return Optional.empty();
        }
        InputStream in = request.getInputStream();
        byte[] body = in.readNBytes(max + 1);
        return body.length > max ? Optional.empty() : Optional.of(body);
    }
}
