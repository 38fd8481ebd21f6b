package dev.intake.core.source;

import dev.intake.core.Limits;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rows already in memory (e.g. parsed from a request body) as an {@link ImportSource}: the header is
 * row 1 and each row takes the next number. Immutable and thread-safe; every open reads the same
 * rows.
 */
public final class ListSource implements ImportSource {
    private final String name;
    private final List<String> header;
    private final List<List<String>> rows;

    private ListSource(String name, List<String> header, List<List<String>> rows) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.header = List.copyOf(header);
        List<List<String>> copies = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            copies.add(List.copyOf(row));
        }
        this.rows = List.copyOf(copies);
    }

    /**
     * Rows in memory.
     *
     * @param name a name for messages
     * @param header the header cells
     * @param rows the data rows' cells; empty strings for empty cells
     * @return the source
     */
    public static ListSource of(String name, List<String> header, List<List<String>> rows) {
        return new ListSource(name, header, rows);
    }

    @Override
    public RowSource open(Limits limits) {
        Iterator<List<String>> iterator = rows.iterator();
        return new RowSource() {
            private long rowNumber = 1;

            @Override
            public Optional<SourceRow> header() {
                return Optional.of(new SourceRow(1, header));
            }

            @Override
            public Optional<SourceRow> next() {
                return iterator.hasNext() ? Optional.of(new SourceRow(++rowNumber, iterator.next())) : Optional.empty();
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    @Override
    public String name() {
        return name;
    }
}
