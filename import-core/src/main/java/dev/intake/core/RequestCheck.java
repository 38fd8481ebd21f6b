package dev.intake.core;

import dev.intake.core.result.Problem;
import java.util.function.Consumer;

/**
 * A host's check of the request itself, run before the file is read: may the caller import here, is
 * a branch required, does the target exist. Its problems use request codes ({@code NOT_AUTHORIZED},
 * {@code BRANCH_REQUIRED}, {@code TARGET_NOT_FOUND}, {@code INVALID_REQUEST}); any problem stops the import before any row is
 * read or written.
 */
@FunctionalInterface
public interface RequestCheck {

    /**
     * Checks a request.
     *
     * @param context the request's context (caller, design, branch, ...)
     * @param problems receives every problem found
     * @throws Exception if the host's data cannot be read; the import stops with that failure
     */
    void check(ImportContext context, Consumer<Problem> problems) throws Exception;
}
