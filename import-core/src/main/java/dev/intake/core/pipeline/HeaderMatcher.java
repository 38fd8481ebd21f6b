package dev.intake.core.pipeline;

import dev.intake.core.AttributeCatalog;
import dev.intake.core.AttributeSpec;
import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.UnknownColumns;
import dev.intake.core.internal.Texts;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the header of a file to a definition's columns and the host's custom attributes, collecting
 * every file-level problem of the header at once.
 */
final class HeaderMatcher {

    private final ImportDefinition definition;
    private final Map<String, Column<?>> columnsByName = new HashMap<>();
    private final Map<String, AttributeSpec> attributesByName = new LinkedHashMap<>();
    private final boolean attributesAllowed;
    private final AttributeCatalog catalog;
    private final ImportContext context;

    /**
     * Prepares matching for one import.
     *
     * @param definition the definition
     * @param context the import's context, for the attribute catalog
     */
    HeaderMatcher(ImportDefinition definition, ImportContext context) {
        this.definition = definition;
        for (Column<?> column : definition.columns()) {
            columnsByName.put(Texts.normalize(column.key()), column);
            columnsByName.put(Texts.normalize(column.label()), column);
            for (String alias : column.aliases()) {
                columnsByName.put(Texts.normalize(alias), column);
            }
        }
        Optional<AttributeCatalog> catalog = definition.attributeCatalog();
        this.catalog = catalog.orElse(null);
        this.context = context;
        attributesAllowed = catalog.isPresent();
        if (catalog.isPresent()) {
            for (AttributeSpec spec : catalog.get().attributes(context)) {
                String normalized = Texts.normalize(spec.key());
                if (!columnsByName.containsKey(normalized)) {
                    attributesByName.putIfAbsent(normalized, spec);
                }
            }
        }
    }

    /**
     * The outcome of matching one header.
     *
     * @param bindings one per header cell
     * @param problems the file-level problems; when not empty, no row may be read
     * @param ignored the header cells of unknown columns the definition ignores
     * @param attributes the header cells read as custom attributes
     */
    record Match(List<Binding> bindings, List<Problem> problems, List<String> ignored, List<String> attributes) {
    }

    /**
     * Matches a header.
     *
     * @param header the header cells
     * @return the bindings and problems
     */
    Match match(List<String> header) {
        List<Problem> problems = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> attributeColumns = new ArrayList<>();
        if (header.size() > definition.limits().maxColumns()) {
            problems.add(Problem.of(ProblemCode.LIMIT_EXCEEDED, "the header has " + header.size()
                    + " columns; at most " + definition.limits().maxColumns() + " are allowed"));
            return new Match(List.of(), problems, ignored, attributeColumns);
        }
        int lastNamed = -1;
        for (int i = 0; i < header.size(); i++) {
            if (!Texts.normalize(header.get(i)).isEmpty()) {
                lastNamed = i;
            }
        }
        List<Binding> bindings = new ArrayList<>(header.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).replace("\uFEFF", "").strip();
            String normalized = Texts.normalize(name);
            if (normalized.isEmpty()) {
                if (i < lastNamed) {
                    problems.add(Problem.of(ProblemCode.BLANK_HEADER, "column " + Texts.columnLetter(i)
                            + " has no name in the header row; name it or delete the column"));
                }
                bindings.add(Binding.UNNAMED);
                continue;
            }
            Column<?> column = columnsByName.get(normalized);
            AttributeSpec attribute = column == null ? attributesByName.get(normalized) : null;
            if (column == null && attribute == null && catalog != null && !Texts.PROBLEMS_COLUMN.equals(normalized)) {
                attribute = catalog.accept(name, context).orElse(null);
                // a header the catalog would take, though it looks like a column misspelled
                Optional<String> near = attribute == null || definition.allowsAttributesLikeColumns() ? Optional.empty()
                        : nearColumn(name);
                if (near.isPresent()) {
                    problems.add(Problem.at(ProblemCode.UNKNOWN_COLUMN, Texts.shown(name), "column "
                            + Texts.columnLetter(i) + " (" + Texts.shown(name) + ") is not a column of "
                            + definition.name() + " but looks like " + near.get() + " misspelled; did you mean "
                            + near.get() + "? (rename the header; a custom attribute needs a name of its own)"));
                    bindings.add(Binding.IGNORED);
                    continue;
                }
                if (attribute != null) {
                    // a second spelling of the same name is then a duplicate column
                    attributesByName.put(normalized, attribute);
                }
            }
            String key = column != null ? column.key() : attribute != null ? attribute.key() : null;
            if (key == null && Texts.PROBLEMS_COLUMN.equals(normalized)) {
                // The column an Intake error report adds: a fixed report imports as it is.
                bindings.add(Binding.SKIPPED);
                continue;
            }
            if (key == null && definition.unknownColumns() == UnknownColumns.IGNORE) {
                ignored.add(name);
                bindings.add(Binding.SKIPPED);
                continue;
            }
            if (key == null) {
                problems.add(Problem.at(ProblemCode.UNKNOWN_COLUMN, Texts.shown(name), unknown(name, i)));
                bindings.add(Binding.IGNORED);
                continue;
            }
            Integer previous = seen.putIfAbsent(key, i);
            if (previous != null) {
                problems.add(Problem.at(ProblemCode.DUPLICATE_COLUMN, key, "columns " + Texts.columnLetter(previous)
                        + " (" + Texts.shown(header.get(previous).strip()) + ") and " + Texts.columnLetter(i) + " ("
                        + Texts.shown(name) + ") both map to " + (column != null ? column.label() : key)));
                bindings.add(Binding.IGNORED);
                continue;
            }
            if (column == null) {
                attributeColumns.add(name);
            }
            bindings.add(column != null ? Binding.column(column) : Binding.attribute(attribute.key(), attribute.type()));
        }
        for (Column<?> column : definition.columns()) {
            if (column.required() && !seen.containsKey(column.key())) {
                problems.add(Problem.at(ProblemCode.MISSING_COLUMN, column.key(),
                        "the required column " + column.label() + " is missing from the header"));
            }
        }
        return new Match(bindings, problems, ignored, attributeColumns);
    }

    private String unknown(String name, int index) {
        String where = "column " + Texts.columnLetter(index) + " (" + Texts.shown(name) + ")";
        String message = attributesAllowed
                ? where + " is neither a column of " + definition.name() + " nor a configured custom attribute"
                : where + " is not a column of " + definition.name();
        return suggestion(Texts.normalize(name)).map(s -> message + "; did you mean " + s + "?").orElse(message);
    }

    /**
     * The column a header not taken is a near miss of (by key or label), named by its label, for an
     * open catalog: names of five characters or more, one edit away or one in six; stricter than a
     * suggestion, since a near miss refuses the file.
     */
    private Optional<String> nearColumn(String name) {
        int length = Texts.normalize(name).length();
        if (length < 5) {
            return Optional.empty();
        }
        Map<String, String> names = columnNames();
        return Texts.closest(name, List.copyOf(names.keySet()), Math.max(1, length / 6)).map(names::get);
    }

    /** A suggestion for an unknown header: the column it is closest to, by key or label, named by its label. */
    private Optional<String> suggestion(String normalized) {
        Map<String, String> names = columnNames();
        for (AttributeSpec spec : attributesByName.values()) {
            names.putIfAbsent(spec.key(), spec.key());
        }
        return Texts.closest(normalized, List.copyOf(names.keySet())).map(names::get);
    }

    /** The names a header may be near, each to the label messages call its column by. */
    private Map<String, String> columnNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Column<?> column : definition.columns()) {
            names.put(column.key(), column.label());
            if (!Texts.normalize(column.label()).equals(Texts.normalize(column.key()))) {
                names.put(column.label(), column.label());
            }
        }
        return names;
    }
}
