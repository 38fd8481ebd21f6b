package dev.intake.core.pipeline;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What each column of a file's header is to a definition, as an import reads it: a definition's
 * column, a custom attribute, a column not read, a blank header, or a header the import refuses
 * (unknown, a second column for one key, a near miss of a column), with the column it was probably
 * meant for. What a screen shows beside each of the file's headers so that its user can map them
 * ({@code RunOptions.headerMapping}).
 */
public final class HeaderColumns {

    /** What one header cell is to the definition. */
    public enum Kind {
        /** A column of the definition. */
        COLUMN,
        /** A custom attribute. */
        ATTRIBUTE,
        /** Not read: an error report's problems column, or an unknown column the definition ignores. */
        SKIPPED,
        /** A header cell left blank. */
        BLANK,
        /** Refused: unknown, a near miss, or a second column for one key; the import reports it. */
        REFUSED
    }

    /**
     * One header cell.
     *
     * @param index its zero-based position in the header
     * @param header the header cell as the file has it
     * @param kind what it is to the definition
     * @param key the column's or attribute's key, for {@link Kind#COLUMN} and {@link Kind#ATTRIBUTE}
     * @param suggestion for a refused or skipped header, the column it was probably meant for
     */
    public record Cell(int index, String header, Kind kind, Optional<String> key, Optional<String> suggestion) {
        /**
         * @throws NullPointerException if a component is null
         */
        public Cell {
            Objects.requireNonNull(header, "header must not be null");
            Objects.requireNonNull(kind, "kind must not be null");
            Objects.requireNonNull(key, "key must not be null");
            Objects.requireNonNull(suggestion, "suggestion must not be null");
        }
    }

    private HeaderColumns() {
    }

    /**
     * Matches a header as an import of the definition would, before any header mapping.
     *
     * @param definition the definition
     * @param context the import's context, for the custom attributes its catalog offers
     * @param header the header cells as the file has them
     * @return one cell per header cell, in order
     */
    public static List<Cell> match(ImportDefinition definition, ImportContext context, List<String> header) {
        HeaderMatcher.Match match = new HeaderMatcher(definition, context).match(header);
        List<Cell> cells = new ArrayList<>(header.size());
        for (int i = 0; i < header.size(); i++) {
            String text = header.get(i);
            Binding binding = i < match.bindings().size() ? match.bindings().get(i) : Binding.IGNORED;
            Kind kind;
            if (binding.key() != null) {
                kind = binding.attribute() ? Kind.ATTRIBUTE : Kind.COLUMN;
            } else if (binding == Binding.UNNAMED) {
                kind = Kind.BLANK;
            } else if (binding == Binding.SKIPPED) {
                kind = Kind.SKIPPED;
            } else {
                kind = Kind.REFUSED;
            }
            boolean problems = dev.intake.core.internal.Texts.PROBLEMS_COLUMN.equals(
                    dev.intake.core.internal.Texts.normalize(text));
            Optional<String> suggestion = (kind == Kind.REFUSED || kind == Kind.SKIPPED) && !problems
                    ? definition.suggestedColumnFor(text).map(column -> column.key()) : Optional.empty();
            cells.add(new Cell(i, text, kind, Optional.ofNullable(binding.key()), suggestion));
        }
        return cells;
    }

    /**
     * What a run's header mapping makes of a header cell, the header compared as a mapping compares
     * it (case, spaces, {@code _} and {@code -} aside).
     *
     * @param headerMapping the run's mapping, headers to column keys ({@code ""}: not read)
     * @param header a header cell as the file has it
     * @return the column key (or {@code ""}) it maps the header to, if it names the header
     */
    public static Optional<String> mapped(java.util.Map<String, String> headerMapping, String header) {
        String normalized = dev.intake.core.internal.Texts.normalize(header);
        for (java.util.Map.Entry<String, String> entry : headerMapping.entrySet()) {
            if (dev.intake.core.internal.Texts.normalize(entry.getKey()).equals(normalized)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }
}
