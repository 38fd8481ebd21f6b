package dev.intake.core.source;

import java.util.Optional;

/**
 * A stream of rows read from one file: first the header, then the data rows in order. Implemented by
 * the format modules; used once, by one thread at a time (a pipeline reading ahead reads the header
 * on the caller's thread and the rows on a thread of its own, and closes the source after that
 * thread has stopped).
 *
 * <p>A source that cannot go on (malformed input, a limit reached, an I/O failure) throws a
 * {@link SourceException} carrying the file-level problem.
 */
public interface RowSource extends AutoCloseable {

    /**
     * Reads the header row. Called once, before {@link #next()}.
     *
     * @return the header row, or empty when the file has no rows at all
     * @throws SourceException if the header cannot be read
     */
    Optional<SourceRow> header();

    /**
     * Reads the next row, blank rows included (the engine skips them but keeps their numbers).
     *
     * @return the next row, or empty at the end of the file
     * @throws SourceException if the row cannot be read
     */
    Optional<SourceRow> next();

    /**
     * Whether the source can be a template a user downloaded and filled in, whose example row
     * (row 2, every column holding its example) is skipped rather than imported. True for
     * spreadsheet files; a source of rows a program sends (JSON) answers false, so that a row that
     * happens to equal the example is imported like any other.
     *
     * @return true unless the source's rows never come from a template
     */
    default boolean mayBeTemplate() {
        return true;
    }

    /**
     * Whether blank rows are skipped and not counted, as in a spreadsheet, where an empty line is no
     * row. A source whose every row was sent on purpose (a JSON array of objects) answers false: an
     * empty object is a row like the others, and fails what it lacks.
     *
     * @return true unless every row the source gives is a row
     */
    default boolean skipsBlankRows() {
        return true;
    }

    /**
     * Releases the underlying file. Never throws.
     */
    @Override
    void close();
}
