package dev.intake.examples.arena;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload over the size limit, refused while the request is parsed (before any handler): the
 * seed's 3004 with the limit, as a 400.
 */
@RestControllerAdvice
public class ArenaUploads {
    private final long maxBytes;

    /**
     * The advice.
     *
     * @param maxBytes the largest upload accepted
     */
    public ArenaUploads(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Answers an upload over the limit.
     *
     * @param e the failure
     * @return 400, code 3004
     */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<Object> tooLarge(MaxUploadSizeExceededException e) {
        return ArenaApi.error(400, 3004, "The file is over the size limit of " + maxBytes + " bytes");
    }
}
