package dev.intake.spi.internal;

import dev.intake.core.Limits;
import dev.intake.core.internal.Texts;
import dev.intake.core.source.ForwardingRowSource;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source whose header cells are renamed by a run's header mapping: a cell that reads as a mapped
 * header (compared as headers are) becomes the column's key, so the definition's header matching
 * takes it for that column. A header mapped to {@code ""} is left out, with its cell of every row.
 * Rows are otherwise the source's, numbers and all.
 */
final class MappedHeaders implements ImportSource {
    private final ImportSource source;
    private final Map<String, String> byNormalizedHeader = new HashMap<>();

    MappedHeaders(ImportSource source, Map<String, String> mapping) {
        this.source = source;
        mapping.forEach((header, column) -> byNormalizedHeader.put(Texts.normalize(header), column));
    }

    @Override
    public RowSource open(Limits limits) throws IOException {
        return new ForwardingRowSource(source.open(limits)) {
            /** The columns left out, or null for none. */
            private BitSet left;

            @Override
            public Optional<SourceRow> header() {
                return rows.header().map(header -> {
                    List<String> cells = new ArrayList<>(header.cells().size());
                    BitSet out = new BitSet();
                    for (int i = 0; i < header.cells().size(); i++) {
                        String cell = header.cells().get(i);
                        String column = byNormalizedHeader.getOrDefault(Texts.normalize(cell.replace("\uFEFF", "")), cell);
                        if (column.isEmpty() && !cell.isBlank()) {
                            out.set(i);
                        }
                        cells.add(column);
                    }
                    left = out.isEmpty() ? null : out;
                    SourceRow mapped = new SourceRow(header.rowNumber(), cells, header.canonical(), header.problems());
                    return left == null ? mapped : without(mapped);
                });
            }

            @Override
            public Optional<SourceRow> next() {
                Optional<SourceRow> row = rows.next();
                return left == null ? row : row.map(this::without);
            }

            private SourceRow without(SourceRow row) {
                List<String> cells = new ArrayList<>(row.cells().size());
                BitSet canonical = new BitSet();
                for (int i = 0; i < row.cells().size(); i++) {
                    if (!left.get(i)) {
                        if (row.isCanonical(i)) {
                            canonical.set(cells.size());
                        }
                        cells.add(row.cells().get(i));
                    }
                }
                return new SourceRow(row.rowNumber(), cells, canonical, row.problems());
            }
        };
    }

    @Override
    public String name() {
        return source.name();
    }
}
