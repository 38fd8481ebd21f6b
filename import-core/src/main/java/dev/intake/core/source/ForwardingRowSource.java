package dev.intake.core.source;

import java.util.Objects;
import java.util.Optional;

/**
 * A row source that is another one with its header or rows changed: everything it does not
 * override is the other source's, its template and blank-row answers and its closing included, so
 * that a wrapper never drops what a source says about itself. For a host's own wrappers too (cells
 * cleaned as they are read, a column added); {@link EditedSource} is one.
 */
public abstract class ForwardingRowSource implements RowSource {
    /** The source read. */
    protected final RowSource rows;

    /**
     * @param rows the source read
     */
    protected ForwardingRowSource(RowSource rows) {
        this.rows = Objects.requireNonNull(rows, "rows must not be null");
    }

    @Override
    public Optional<SourceRow> header() {
        return rows.header();
    }

    @Override
    public Optional<SourceRow> next() {
        return rows.next();
    }

    @Override
    public boolean mayBeTemplate() {
        return rows.mayBeTemplate();
    }

    @Override
    public boolean skipsBlankRows() {
        return rows.skipsBlankRows();
    }

    @Override
    public void close() {
        rows.close();
    }
}
