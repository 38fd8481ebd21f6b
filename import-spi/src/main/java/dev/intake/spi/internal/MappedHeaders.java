package dev.intake.spi.internal;

import dev.intake.core.Limits;
import dev.intake.core.internal.Texts;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A source whose header cells are renamed by a run's header mapping: a cell that reads as a mapped
 * header (compared as headers are) becomes the column's key, so the definition's header matching
 * takes it for that column. Rows are the source's.
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
        RowSource rows = source.open(limits);
        return new RowSource() {
            @Override
            public Optional<SourceRow> header() {
                return rows.header().map(header -> {
                    List<String> cells = new ArrayList<>(header.cells().size());
                    for (String cell : header.cells()) {
                        cells.add(byNormalizedHeader.getOrDefault(Texts.normalize(cell.replace("\uFEFF", "")), cell));
                    }
                    return new SourceRow(header.rowNumber(), cells, header.canonical(), header.problems());
                });
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
        };
    }

    @Override
    public String name() {
        return source.name();
    }
}
