package dev.intake.core.internal;

import dev.intake.core.Column;
import dev.intake.core.DefaultSource;
import dev.intake.core.Defaulted;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.IntakeException;
import dev.intake.core.Reference;
import dev.intake.core.RowCheck;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.RecordValidator;
import dev.intake.core.pipeline.RowMapper;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.rule.Constraint;
import dev.intake.core.rule.Rule;
import dev.intake.core.source.SourceRow;
import dev.intake.core.type.Conversion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one data row after another: convert each cell, apply rules, constraints, references,
 * defaults and host checks, catch keys repeated within the file, then map and validate the record.
 * Every problem of a row is collected. One instance per import; not thread-safe.
 *
 * @param <R> the host's record type
 */
public final class RowChecker<R> {
    private final ImportDefinition definition;
    private final ImportContext context;
    private final List<Binding> bindings;
    /** The slot of each binding's value: its column's, or its attribute's when it binds one. */
    private final int[] slots;
    private final RowLayout layout;
    private final int width;
    private final RowMapper<R> mapper;
    private final RecordValidator<? super R> validator;
    private final Map<String, String> columnByNormalizedName = new HashMap<>();
    private final Map<List<Object>, Long> keysSeen = new HashMap<>();

    /**
     * Prepares checking for one import.
     *
     * @param definition the definition
     * @param context the context
     * @param bindings the header's bindings, one per source column
     * @param mapper the row mapper
     * @param validator the record validator, or null
     */
    public RowChecker(ImportDefinition definition, ImportContext context, List<Binding> bindings, RowMapper<R> mapper,
            RecordValidator<? super R> validator) {
        this.definition = definition;
        this.context = context;
        this.bindings = List.copyOf(bindings);
        this.width = bindings.size();
        this.mapper = mapper;
        this.validator = validator;
        List<String> columns = new ArrayList<>();
        for (Column<?> column : definition.columns()) {
            columns.add(column.key());
        }
        List<String> references = new ArrayList<>();
        for (Reference<?> reference : definition.references()) {
            references.add(reference.name());
        }
        List<String> attributes = new ArrayList<>();
        for (Binding binding : bindings) {
            if (binding.attribute()) {
                attributes.add(binding.key());
            }
        }
        this.layout = RowLayout.of(columns, references, attributes, definition.groups());
        this.slots = new int[width];
        for (int i = 0; i < width; i++) {
            Binding binding = bindings.get(i);
            slots[i] = binding.ignored() ? -1 : binding.attribute() ? layout.attribute(binding.key()) : layout.column(binding.key());
        }
        for (Binding binding : bindings) {
            if (!binding.ignored()) {
                columnByNormalizedName.put(Texts.normalize(binding.key()), binding.key());
            }
        }
        for (Column<?> column : definition.columns()) {
            columnByNormalizedName.putIfAbsent(Texts.normalize(column.key()), column.key());
        }
    }

    /**
     * Whether a row is blank: every cell of a column the header binds is empty, and so is every
     * cell beyond the header. Cells under ignored columns (an error report's problems) do not count.
     *
     * @param source the row as read
     * @return true for a blank row
     */
    public boolean isBlank(SourceRow source) {
        List<String> cells = source.cells();
        for (int i = 0; i < cells.size(); i++) {
            if (i < width && bindings.get(i) == Binding.PROBLEMS) {
                continue;
            }
            if (!cells.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a non-blank data row.
     *
     * @param source the row as read
     * @return the checked row
     * @throws IntakeException if a host lookup, default or check fails
     */
    public CheckedRow<R> check(SourceRow source) {
        long rowNumber = source.rowNumber();
        List<String> cells = source.cells();
        List<Problem> problems = new ArrayList<>();
        cellCount(cells, problems);
        WorkingRow row = new WorkingRow(rowNumber, layout);
        for (int i = 0; i < width; i++) {
            Binding binding = bindings.get(i);
            if (binding.ignored() || i >= cells.size()) {
                continue;
            }
            String text = cells.get(i).strip();
            if (!text.isEmpty()) {
                convert(binding, slots[i], text, row, problems);
            }
        }
        List<Column<?>> columns = definition.columns();
        for (int slot = 0; slot < columns.size(); slot++) {
            Column<?> column = columns.get(slot);
            if (column.required() && column.defaultSource().isEmpty() && row.texts[slot] == null) {
                problems.add(Problem.at(ProblemCode.REQUIRED, column.key(), column.key() + " is required"));
            }
        }
        for (Constraint constraint : definition.constraints()) {
            constraint.check(row, problems::add);
        }
        List<Reference<?>> references = definition.references();
        for (int slot = 0; slot < references.size(); slot++) {
            resolve(references.get(slot), slot, row, problems);
        }
        for (int slot = 0; slot < columns.size(); slot++) {
            Column<?> column = columns.get(slot);
            if (column.defaultSource().isPresent() && row.texts[slot] == null) {
                applyDefault(column, slot, row, problems);
            }
        }
        for (RowCheck check : definition.checks()) {
            try {
                check.check(row, context, problems::add);
            } catch (Exception e) {
                throw failure("a row check failed", rowNumber, null, e);
            }
        }
        if (!problems.isEmpty()) {
            return CheckedRow.rejected(rowNumber, problems);
        }
        duplicateKey(row, problems);
        if (!problems.isEmpty()) {
            return CheckedRow.rejected(rowNumber, problems);
        }
        ImportRow checked = row.freeze();
        R record = mapper.map(checked);
        if (record == null) {
            throw new IntakeException("the row mapper returned null", rowNumber, null, null);
        }
        if (validator != null) {
            for (Problem problem : validator.validate(record)) {
                problems.add(onColumn(problem));
            }
        }
        return problems.isEmpty() ? CheckedRow.accepted(checked, record) : CheckedRow.rejected(rowNumber, problems);
    }

    private void cellCount(List<String> cells, List<Problem> problems) {
        if (cells.size() < width) {
            problems.add(Problem.of(ProblemCode.WRONG_CELL_COUNT, "the row has " + cells.size()
                    + " cells but the header has " + width + "; check for a missing separator"));
            return;
        }
        for (int i = 0; i < cells.size(); i++) {
            boolean unnamed = i < width && bindings.get(i) == Binding.UNNAMED;
            if ((unnamed || i >= width) && !cells.get(i).isBlank()) {
                problems.add(Problem.of(ProblemCode.WRONG_CELL_COUNT, "the row has a value in column "
                        + Texts.columnLetter(i) + (unnamed ? ", which has no name in the header row"
                                : ", beyond the " + width + " columns of the header")));
                return;
            }
        }
    }

    private void convert(Binding binding, int slot, String text, WorkingRow row, List<Problem> problems) {
        String key = binding.key();
        if (!binding.attribute()) {
            row.texts[slot] = text;
        }
        int control = Texts.controlCharacter(text);
        if (control >= 0) {
            problems.add(Problem.at(ProblemCode.INVALID_FORMAT, key, String.format(
                    "%s contains the control character U+%04X at position %d", key, (int) text.charAt(control), control + 1)));
            return;
        }
        Conversion<?> conversion = binding.type().convert(key, text);
        if (!conversion.isOk()) {
            problems.add(Problem.at(conversion.code().orElseThrow(), key, conversion.message()));
            return;
        }
        Object value = conversion.value().orElseThrow();
        int before = problems.size();
        for (Rule<?> rule : binding.rules()) {
            apply(rule, key, value).ifPresent(problems::add);
        }
        if (problems.size() != before) {
            return;
        }
        if (binding.attribute()) {
            row.attributes[slot] = value;
        } else {
            row.values[slot] = value;
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Problem> apply(Rule<?> rule, String key, Object value) {
        return ((Rule<Object>) rule).check(key, value);
    }

    private <T> void resolve(Reference<T> reference, int slot, WorkingRow row, List<Problem> problems) {
        Reference.Form<T> chosen = null;
        for (Reference.Form<T> form : reference.forms()) {
            boolean complete = true;
            for (String column : form.columns()) {
                complete &= row.hasValue(column);
            }
            if (complete) {
                if (chosen != null) {
                    return;
                }
                chosen = form;
            }
        }
        if (chosen == null) {
            return;
        }
        List<? extends T> matches;
        try {
            matches = chosen.lookup().find(row, context);
        } catch (Exception e) {
            throw failure("looking up " + reference.name() + " failed", row.rowNumber(), chosen.columns().get(0), e);
        }
        String column = chosen.columns().get(0);
        if (matches.isEmpty()) {
            problems.add(Problem.at(ProblemCode.NOT_FOUND, column, "no " + reference.name() + " has "
                    + describeGiven(chosen.columns(), row)));
        } else if (matches.size() > 1) {
            String given = describeGiven(chosen.columns(), row);
            List<String> described = new ArrayList<>();
            for (T match : matches.subList(0, Math.min(5, matches.size()))) {
                described.add(reference.describe(match));
            }
            String message = given + " matches " + matches.size() + " " + reference.name() + "s ("
                    + String.join("; ", described) + (matches.size() > 5 ? "; \u2026" : "") + ")";
            problems.add(Problem.at(ProblemCode.AMBIGUOUS, column,
                    reference.ambiguityHint().map(hint -> message + "; " + hint).orElse(message)));
        } else {
            T match = matches.get(0);
            Optional<String> refusal = reference.refusal(match);
            if (refusal.isPresent()) {
                problems.add(Problem.at(ProblemCode.NOT_ALLOWED, column, refusal.get()));
            } else {
                row.references[slot] = match;
            }
        }
    }

    private static String describeGiven(List<String> columns, WorkingRow row) {
        List<String> parts = new ArrayList<>();
        for (String column : columns) {
            parts.add(column + " " + Texts.shown(row.text(column).orElse(null)));
        }
        return String.join(" and ", parts);
    }

    private <T> void applyDefault(Column<T> column, int slot, WorkingRow row, List<Problem> problems) {
        DefaultSource<T> source = column.defaultSource().orElseThrow();
        Defaulted<T> decided;
        try {
            decided = source.defaultFor(row, context);
        } catch (RuntimeException e) {
            throw failure("the default of " + column.key() + " failed", row.rowNumber(), column.key(), e);
        }
        if (decided.code().isPresent()) {
            problems.add(Problem.at(decided.code().get(), column.key(), decided.message()));
        } else if (decided.value().isPresent()) {
            row.values[slot] = decided.value().get();
        } else if (column.required()) {
            problems.add(Problem.at(ProblemCode.REQUIRED, column.key(), column.key() + " is required"));
        }
    }

    private void duplicateKey(WorkingRow row, List<Problem> problems) {
        List<String> keyColumns = definition.key();
        if (keyColumns.isEmpty()) {
            return;
        }
        List<Object> key = new ArrayList<>(keyColumns.size());
        for (String column : keyColumns) {
            Object value = row.value(column, Object.class).orElse(null);
            if (value == null) {
                return;
            }
            key.add(value);
        }
        Long first = keysSeen.putIfAbsent(List.copyOf(key), row.rowNumber());
        if (first != null) {
            problems.add(Problem.at(ProblemCode.DUPLICATE_KEY, keyColumns.get(0), String.join(" + ", keyColumns)
                    + " " + Texts.shown(key.size() == 1 ? String.valueOf(key.get(0)) : key.toString())
                    + " is already used by row " + first));
        }
    }

    private Problem onColumn(Problem problem) {
        if (problem.column().isEmpty()) {
            return problem;
        }
        String column = columnByNormalizedName.get(Texts.normalize(problem.column().get()));
        return column == null ? problem : new Problem(problem.code(), Optional.of(column), problem.message());
    }

    private static IntakeException failure(String what, long rowNumber, String column, Exception cause) {
        return new IntakeException(what + " at row " + rowNumber + ": " + cause, rowNumber, column, cause);
    }

}
