package dev.intake.core.source;

import dev.intake.core.ImportDefinition;
import dev.intake.core.Limits;
import dev.intake.core.internal.Texts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A file with some of its cells changed, without rewriting it: edits (row number, column key → new
 * text) laid over the rows as they are read. What a person fixed on a screen is imported, checked
 * and reported this way from the file they uploaded, which stays as it was.
 *
 * <p>A column is found in the file's header as the import finds it: through the run's header
 * mapping, else by the column's key, label or alias. A column the file lacks, given a value by an
 * edit, is added after the file's last column under its key, empty in the rows without an edit (a
 * row with fewer cells than the header keeps them where they were; an edit beyond them is dropped).
 * Row numbers are the file's; an edit of a row the file does not have changes nothing. An edited
 * cell is text a person typed: a workbook's typed value it replaces no longer counts as canonical.
 * Immutable and thread-safe; opened as often as the source.
 */
public final class EditedSource implements ImportSource {
    private final ImportSource source;
    private final ImportDefinition definition;
    private final Map<String, String> mapping = new HashMap<>();
    private final Map<Long, Map<String, String>> edits;

    private EditedSource(ImportSource source, ImportDefinition definition, Map<String, String> headerMapping,
            Map<Long, Map<String, String>> edits) {
        this.source = source;
        this.definition = definition;
        headerMapping.forEach((header, column) -> mapping.put(Texts.normalize(header), column));
        this.edits = edits;
    }

    /**
     * A source with edits laid over it.
     *
     * @param source the file as it was uploaded
     * @param definition the definition whose columns the edits name
     * @param headerMapping the run's header mapping (file header → column key, {@code ""} for a column
     *     not read); empty for none
     * @param edits the new texts, by row number and then by column key
     * @return the edited source; the source itself when there are no edits
     * @throws IllegalArgumentException if an edit names a column the definition does not have, a row
     *     below 2, or holds more characters than the definition's cells may
     */
    public static ImportSource of(ImportSource source, ImportDefinition definition, Map<String, String> headerMapping,
            Map<Long, Map<String, String>> edits) {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(definition, "definition must not be null");
        Objects.requireNonNull(headerMapping, "headerMapping must not be null");
        Map<Long, Map<String, String>> copied = new TreeMap<>();
        for (Map.Entry<Long, Map<String, String>> row : edits.entrySet()) {
            if (row.getKey() == null || row.getKey() < 2) {
                throw new IllegalArgumentException("an edit names row " + row.getKey() + "; data rows start at 2");
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (Map.Entry<String, String> cell : row.getValue().entrySet()) {
                if (definition.column(cell.getKey()).isEmpty()) {
                    throw new IllegalArgumentException("an edit of row " + row.getKey() + " names column "
                            + Texts.shown(String.valueOf(cell.getKey())) + ", which " + definition.name()
                            + " does not have");
                }
                String text = Objects.requireNonNull(cell.getValue(), "an edit's text must not be null");
                if (text.length() > definition.limits().maxCellLength()) {
                    throw new IllegalArgumentException("an edit of row " + row.getKey() + ", column " + cell.getKey()
                            + " holds " + text.length() + " characters; a cell holds at most "
                            + definition.limits().maxCellLength());
                }
                cells.put(cell.getKey(), text);
            }
            if (!cells.isEmpty()) {
                copied.put(row.getKey(), Map.copyOf(cells));
            }
        }
        if (copied.isEmpty()) {
            return source;
        }
        return new EditedSource(source, definition, headerMapping, copied);
    }

    /**
     * Where each of the definition's columns is in a header, found as an import finds it (through
     * the header mapping, else by key, label or alias); a column the header lacks is absent.
     *
     * @param definition the definition
     * @param headerMapping the run's header mapping; empty for none
     * @param header the header cells
     * @return the zero-based index of each column the header has, by column key
     */
    public static Map<String, Integer> columnIndexes(ImportDefinition definition, Map<String, String> headerMapping,
            List<String> header) {
        Map<String, String> normalized = new HashMap<>();
        headerMapping.forEach((name, column) -> normalized.put(Texts.normalize(name), column));
        return indexes(definition, normalized, header);
    }

    private static Map<String, Integer> indexes(ImportDefinition definition, Map<String, String> mapping,
            List<String> header) {
        Map<String, Integer> indexes = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String cell = header.get(i);
            String mapped = mapping.get(Texts.normalize(cell));
            Optional<String> key = mapped != null ? Optional.of(mapped).filter(column -> !column.isEmpty())
                    : definition.columnForHeader(cell).map(column -> column.key());
            if (key.isPresent() && definition.column(key.get()).isPresent()) {
                indexes.putIfAbsent(key.get(), i);
            }
        }
        return indexes;
    }

    @Override
    public RowSource open(Limits limits) throws IOException {
        return new ForwardingRowSource(source.open(limits)) {
            private Map<String, Integer> at = Map.of();
            /** Columns added after the file's last. */
            private int added;

            @Override
            public Optional<SourceRow> header() {
                Optional<SourceRow> header = rows.header();
                if (header.isEmpty()) {
                    return header;
                }
                List<String> cells = new ArrayList<>(header.get().cells());
                Map<String, Integer> found = new HashMap<>(indexes(definition, mapping, cells));
                for (Map<String, String> row : edits.values()) {
                    for (String key : row.keySet()) {
                        if (!found.containsKey(key)) {
                            found.put(key, cells.size());
                            cells.add(key);
                        }
                    }
                }
                at = found;
                added = cells.size() - header.get().cells().size();
                return Optional.of(new SourceRow(header.get().rowNumber(), cells, header.get().canonical(),
                        header.get().problems()));
            }

            @Override
            public Optional<SourceRow> next() {
                Optional<SourceRow> next = rows.next();
                if (next.isEmpty()) {
                    return next;
                }
                SourceRow row = next.get();
                Map<String, String> changed = edits.get(row.rowNumber());
                if (changed == null && added == 0) {
                    return next;
                }
                // each row gets the added columns, so that a row the file got wrong stays as wrong as it was
                List<String> cells = new ArrayList<>(row.cells().size() + added);
                cells.addAll(row.cells());
                for (int i = 0; i < added; i++) {
                    cells.add("");
                }
                if (changed == null) {
                    return Optional.of(new SourceRow(row.rowNumber(), cells, row.canonical(), row.problems()));
                }
                BitSet canonical = row.canonical();
                for (Map.Entry<String, String> cell : changed.entrySet()) {
                    Integer index = at.get(cell.getKey());
                    if (index != null && index < cells.size()) {
                        cells.set(index, cell.getValue());
                        canonical.clear(index);
                    }
                }
                return Optional.of(new SourceRow(row.rowNumber(), cells, canonical, row.problems()));
            }
        };
    }

    @Override
    public String name() {
        return source.name();
    }
}
