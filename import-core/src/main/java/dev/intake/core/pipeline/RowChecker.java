package dev.intake.core.pipeline;

import dev.intake.core.Column;
import dev.intake.core.DefaultSource;
import dev.intake.core.Defaulted;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.IntakeException;
import dev.intake.core.Reference;
import dev.intake.core.RowCheck;
import dev.intake.core.RowReference;
import dev.intake.core.internal.KeyIndex;
import dev.intake.core.internal.RowLayout;
import dev.intake.core.internal.Texts;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.rule.Constraint;
import dev.intake.core.rule.Rule;
import dev.intake.core.source.SourceRow;
import dev.intake.core.type.Conversion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Checks the data rows of one pass a chunk at a time: converts each cell, applies rules,
 * constraints, references (looking up a chunk's keys in one call where a form is batched), row
 * references, defaults and host checks, catches keys repeated within the file, then maps and
 * validates the record. Every problem of a row is collected. One instance per pass: {@link #prepare}
 * may run on several threads at once when {@link #preparesApart()}; {@link #complete} and
 * {@link #check} run on one thread, in file order.
 *
 * @param <R> the host's record type
 */
final class RowChecker<R> {
    /** A chunk read by {@link #prepare}, to be completed by {@link #complete}, in file order. */
    static final class Prepared<R> {
        private final List<Pending<R>> rows;
        private final Map<Reference.Form<?>, Map<Object, ? extends Collection<?>>> found;

        private Prepared(List<Pending<R>> rows, Map<Reference.Form<?>, Map<Object, ? extends Collection<?>>> found) {
            this.rows = rows;
            this.found = found;
        }
    }

    private final ImportDefinition definition;
    private final ImportContext context;
    private final List<Binding> bindings;
    /** The slot of each binding's value: its column's, or its attribute's when it binds one. */
    private final int[] slots;
    /** The slots of the required columns without a default: found once, asked of every row. */
    private final int[] requiredSlots;
    /** The slots of the columns with a default. */
    private final int[] defaultedSlots;
    /** The column slots of each reference's forms: [reference][form][column], -1 for no such column. */
    private final int[][][] formSlots;
    /** Whether the header has a column without a name, whose cells must stay empty. */
    private final boolean unnamedColumns;
    private final RowLayout layout;
    private final int width;
    private final RowMapper<R> mapper;
    private final RecordValidator<? super R> validator;
    private final Map<String, String> columnByNormalizedName = new HashMap<>();
    /** The definition's references, then the references that find row references' existing records. */
    private final List<Reference<?>> references = new ArrayList<>();
    /** For each row reference, the slot of the reference that finds its existing records, or -1. */
    private final int[] existingSlots;
    private final List<RowReference> rowReferences;
    /** The keys seen when the definition has no row references (then one pass decides everything). */
    private final KeyIndex keysSeen;
    private final RowGraph graph;
    private final boolean firstPass;
    /** The comparisons of the columns that do not compare exactly, by key; usually none. */
    private final Map<String, dev.intake.core.TextComparison> comparisons = new HashMap<>();

    /**
     * Prepares checking for one pass.
     *
     * @param graph the file's row graph when the definition has row references, else null
     * @param pass the pass: 0 is the first
     */
    RowChecker(ImportDefinition definition, ImportContext context, List<Binding> bindings, RowMapper<R> mapper,
            RecordValidator<? super R> validator, RowGraph graph, int pass) {
        this.definition = definition;
        this.context = context;
        this.bindings = List.copyOf(bindings);
        this.width = bindings.size();
        this.mapper = mapper;
        this.validator = validator;
        this.graph = graph;
        this.firstPass = pass == 0;
        this.keysSeen = graph == null && !definition.key().isEmpty()
                ? new KeyIndex(definition.name() + "-key", definition.limits().maxKeysInMemory())
                : null;
        this.rowReferences = definition.rowReferences();
        references.addAll(definition.references());
        this.existingSlots = new int[rowReferences.size()];
        for (int i = 0; i < rowReferences.size(); i++) {
            Optional<Reference<?>> existing = rowReferences.get(i).existing();
            existingSlots[i] = existing.isPresent() ? references.size() : -1;
            existing.ifPresent(references::add);
        }
        List<String> columns = new ArrayList<>();
        for (Column<?> column : definition.columns()) {
            columns.add(column.key());
        }
        List<String> referenceNames = new ArrayList<>();
        for (Reference<?> reference : references) {
            referenceNames.add(reference.name());
        }
        List<String> attributes = new ArrayList<>();
        for (Binding binding : bindings) {
            if (binding.attribute()) {
                attributes.add(binding.key());
            }
        }
        Map<String, String> labels = new HashMap<>();
        for (Column<?> column : definition.columns()) {
            if (column.comparison() != dev.intake.core.TextComparison.exact()) {
                comparisons.put(column.key(), column.comparison());
            }
            if (!column.label().equals(column.key())) {
                labels.put(column.key(), column.label());
                columnByNormalizedName.put(Texts.normalize(column.label()), column.key());
            }
        }
        this.layout = RowLayout.of(columns, referenceNames, attributes, definition.groups(),
                rowReferences.stream().map(RowReference::name).toList(), labels);
        this.slots = new int[width];
        for (int i = 0; i < width; i++) {
            Binding binding = bindings.get(i);
            slots[i] = binding.ignored() ? -1 : binding.attribute() ? layout.attribute(binding.key()) : layout.column(binding.key());
        }
        List<Column<?>> definitionColumns = definition.columns();
        this.requiredSlots = IntStream.range(0, definitionColumns.size())
                .filter(slot -> definitionColumns.get(slot).required() && definitionColumns.get(slot).defaultSource().isEmpty())
                .toArray();
        this.defaultedSlots = IntStream.range(0, definitionColumns.size())
                .filter(slot -> definitionColumns.get(slot).defaultSource().isPresent()).toArray();
        this.formSlots = new int[references.size()][][];
        for (int reference = 0; reference < references.size(); reference++) {
            List<? extends Reference.Form<?>> forms = references.get(reference).forms();
            formSlots[reference] = new int[forms.size()][];
            for (int form = 0; form < forms.size(); form++) {
                formSlots[reference][form] = forms.get(form).columns().stream().mapToInt(layout::column).toArray();
            }
        }
        this.unnamedColumns = this.bindings.stream().anyMatch(binding -> binding == Binding.UNNAMED);
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
     * cell beyond the header. Cells under columns whose values are not read do not count.
     */
    boolean isBlank(SourceRow source) {
        if (!source.problems().isEmpty()) {
            return false;
        }
        List<String> cells = source.cells();
        for (int i = 0; i < cells.size(); i++) {
            if (i < width && bindings.get(i) == Binding.SKIPPED) {
                continue;
            }
            if (!cells.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a row is the example row of the definition's template, left as it was downloaded: row
     * 2, every column holding its example (or nothing when it has none), nothing else given.
     */
    boolean isTemplateExample(SourceRow source) {
        if (source.rowNumber() != 2) {
            return false;
        }
        List<String> cells = source.cells();
        boolean anyExample = false;
        // every column of the header, a cell the row lacks counting as empty: the row is the example by all its cells
        for (int i = 0; i < Math.max(cells.size(), width); i++) {
            String text = i < cells.size() ? cells.get(i).strip() : "";
            Binding binding = i < width ? bindings.get(i) : Binding.UNNAMED;
            if (binding == Binding.SKIPPED) {
                continue;
            }
            String example = binding.ignored() || binding.attribute() ? ""
                    : definition.column(binding.key()).flatMap(Column::example).orElse("").strip();
            if (!text.equalsIgnoreCase(example)) {
                return false;
            }
            anyExample |= !example.isEmpty();
        }
        return anyExample;
    }

    /**
     * A row being checked: its values, its problems, and what its references chose. It takes the
     * problems that constraints and host checks report (one consumer a row, not a lambda a call).
     */
    private static final class Pending<R> implements Consumer<Problem> {
        final SourceRow source;
        final WorkingRow row;
        final List<Problem> problems = new ArrayList<>();
        /** The form each reference uses, or null when the row gives none (or two). */
        final Reference.Form<?>[] forms;
        /** The values of row references that wait for a later pass; null when none waits. */
        Object[] waiting;
        /** Mapped ahead of the key check (checked on several threads): the row, record, validation. */
        ImportRow speculated;
        R record;
        List<Problem> validation;
        /** What mapping or validating ahead threw, thrown only if the row gets that far. */
        RuntimeException speculationFailed;

        Pending(SourceRow source, WorkingRow row, int references) {
            this.source = source;
            this.row = row;
            this.forms = new Reference.Form<?>[references];
        }

        @Override
        public void accept(Problem problem) {
            problems.add(problem);
        }
    }

    /**
     * Checks a chunk of non-blank data rows, in order. In the first pass of a definition with row
     * references, rows that wait for a later pass are left out of the answer.
     *
     * @throws IntakeException if a host lookup, default or check fails
     */
    List<CheckedRow<R>> check(List<SourceRow> chunk) {
        return complete(prepare(chunk, false));
    }

    /**
     * Whether chunks may be prepared on several threads at once: when no row refers to rows, all that
     * a row's check shares with other rows is the keys seen, which {@link #complete} checks in order.
     */
    boolean preparesApart() {
        return graph == null;
    }

    /**
     * The first part of checking a chunk: everything a row decides alone (cells, rules,
     * constraints, references, defaults, host checks), and, when {@code ahead}, the mapping and
     * validation too. With {@code ahead} and {@link #preparesApart()}, chunks may be prepared on
     * several threads at once (the host's parts then being called at once too); each must then be
     * {@linkplain #complete completed} on one thread, in file order.
     *
     * @throws IntakeException if a host lookup, default or check fails
     */
    Prepared<R> prepare(List<SourceRow> chunk, boolean ahead) {
        List<Pending<R>> rows = new ArrayList<>(chunk.size());
        Map<Reference.Form<?>, Set<Object>> keys = new IdentityHashMap<>();
        for (SourceRow source : chunk) {
            Pending<R> pending = new Pending<>(source, new WorkingRow(source.rowNumber(), layout), references.size());
            readCells(pending);
            chooseForms(pending, keys);
            rows.add(pending);
        }
        Map<Reference.Form<?>, Map<Object, ? extends Collection<?>>> found = lookUp(keys, chunk);
        if (!preparesApart()) {
            // a row's links depend on the rows before it: decided row by row when completed
            return new Prepared<>(rows, found);
        }
        for (Pending<R> pending : rows) {
            decideAlone(pending, found);
            if (ahead && pending.problems.isEmpty()) {
                try {
                    pending.speculated = pending.row.freeze();
                    pending.record = map(pending.speculated);
                    pending.validation = validate(pending.record);
                } catch (RuntimeException e) {
                    pending.speculationFailed = e;
                }
            }
        }
        return new Prepared<>(rows, found);
    }

    /**
     * The rest of checking a prepared chunk, in file order: keys repeated in the file, rows that
     * refer to rows, then the mapping and validation of rows without problems.
     */
    List<CheckedRow<R>> complete(Prepared<R> prepared) {
        List<CheckedRow<R>> checked = new ArrayList<>(prepared.rows.size());
        for (Pending<R> pending : prepared.rows) {
            if (!preparesApart()) {
                decideAlone(pending, prepared.found);
            }
            CheckedRow<R> row = finish(pending);
            if (row != null) {
                checked.add(row);
            }
        }
        return checked;
    }

    /** Converts the cells, then the checks that need nothing but the row: required, constraints. */
    private void readCells(Pending<R> pending) {
        List<String> cells = pending.source.cells();
        if (!pending.source.problems().isEmpty()) {
            pending.problems.addAll(pending.source.problems());
        }
        cellCount(cells, pending.problems);
        WorkingRow row = pending.row;
        for (int i = 0; i < width; i++) {
            Binding binding = bindings.get(i);
            if (binding.ignored() || i >= cells.size()) {
                continue;
            }
            String text = cells.get(i).strip();
            if (!text.isEmpty()) {
                convert(binding, slots[i], text, pending.source.isCanonical(i), row, pending.problems);
            }
        }
        for (int slot : requiredSlots) {
            if (row.texts[slot] == null) {
                String key = layout.columnKey(slot);
                pending.problems.add(Problem.at(ProblemCode.REQUIRED, key, layout.label(key) + " is required"));
            }
        }
        List<Constraint> constraints = definition.constraints();
        for (int c = 0; c < constraints.size(); c++) {
            constraints.get(c).check(row, pending);
        }
    }

    /** Chooses each reference's form: the one whose columns the row all gives; gathers batched keys. */
    private void chooseForms(Pending<R> pending, Map<Reference.Form<?>, Set<Object>> keys) {
        for (int slot = 0; slot < references.size(); slot++) {
            Reference.Form<?> chosen = null;
            boolean twice = false;
            List<? extends Reference.Form<?>> forms = references.get(slot).forms();
            for (int f = 0; f < forms.size(); f++) {
                Reference.Form<?> form = forms.get(f);
                boolean complete = true;
                for (int column : formSlots[slot][f]) {
                    complete &= column >= 0 && pending.row.values[column] != null;
                }
                if (complete) {
                    twice |= chosen != null;
                    chosen = form;
                }
            }
            if (chosen == null || twice) {
                // no form, or two: constraints report what the user must fix
                continue;
            }
            pending.forms[slot] = chosen;
            if (chosen.batchLookup().isPresent()) {
                keys.computeIfAbsent(chosen, form -> new LinkedHashSet<>()).add(chosen.key(pending.row));
            }
        }
    }

    /** Asks each batched form once for the keys of the chunk. */
    private Map<Reference.Form<?>, Map<Object, ? extends Collection<?>>> lookUp(Map<Reference.Form<?>, Set<Object>> keys,
            List<SourceRow> chunk) {
        Map<Reference.Form<?>, Map<Object, ? extends Collection<?>>> found = new IdentityHashMap<>();
        for (Map.Entry<Reference.Form<?>, Set<Object>> entry : keys.entrySet()) {
            Reference.Form<?> form = entry.getKey();
            Map<Object, ? extends Collection<?>> answer;
            try {
                answer = form.batchLookup().orElseThrow().find(entry.getValue(), context);
            } catch (Exception e) {
                long first = chunk.get(0).rowNumber();
                throw new IntakeException("looking up " + nameOf(form) + " for rows " + first + " to "
                        + chunk.get(chunk.size() - 1).rowNumber() + " failed: " + e, first, form.columns().get(0), e);
            }
            if (answer == null) {
                throw new IntakeException("the batch lookup of " + nameOf(form) + " returned null", chunk.get(0).rowNumber(),
                        form.columns().get(0), null);
            }
            found.put(form, answer);
        }
        return found;
    }

    private String nameOf(Reference.Form<?> form) {
        for (Reference<?> reference : references) {
            if (reference.forms().contains(form)) {
                return reference.name();
            }
        }
        return form.columns().toString();
    }

    /** Resolves references and links to rows, applies defaults and host checks. */
    private void decideAlone(Pending<R> pending, Map<Reference.Form<?>, Map<Object, ? extends Collection<?>>> found) {
        WorkingRow row = pending.row;
        List<Problem> problems = pending.problems;
        int definitionReferences = definition.references().size();
        for (int slot = 0; slot < definitionReferences; slot++) {
            if (pending.forms[slot] != null) {
                List<?> matches = matches(slot, pending.forms[slot], row, found);
                resolve(references.get(slot), slot, pending.forms[slot], matches, row, problems);
            }
        }
        for (int i = 0; i < rowReferences.size(); i++) {
            linkRow(pending, i, found);
        }
        List<Column<?>> columns = definition.columns();
        for (int slot : defaultedSlots) {
            if (row.texts[slot] == null) {
                applyDefault(columns.get(slot), slot, row, problems);
            }
        }
        for (RowCheck check : definition.checks()) {
            try {
                check.check(row, context, pending);
            } catch (Exception e) {
                throw failure("a row check failed", row.rowNumber(), null, e);
            }
        }
    }

    private R map(ImportRow checked) {
        R record = mapper.map(checked);
        if (record == null) {
            throw new IntakeException("the row mapper returned null", checked.rowNumber(), null, null);
        }
        return record;
    }

    private List<Problem> validate(R record) {
        if (validator == null) {
            return List.of();
        }
        List<Problem> found = validator.validate(record);
        if (found.isEmpty()) {
            return List.of();
        }
        List<Problem> problems = new ArrayList<>(found.size());
        for (Problem problem : found) {
            problems.add(onColumn(problem));
        }
        return problems;
    }

    /** Keys, row references, then maps and validates; null when the row waits for a later pass. */
    private CheckedRow<R> finish(Pending<R> pending) {
        WorkingRow row = pending.row;
        List<Problem> problems = pending.problems;
        duplicateKey(row, problems);
        uniqueTargets(row, problems);
        if (graph != null && !firstPass) {
            problems.addAll(graph.problemsOf(row.rowNumber()));
        }
        ImportRow checked = null;
        R record = null;
        if (problems.isEmpty()) {
            if (pending.speculationFailed != null) {
                throw pending.speculationFailed;
            }
            checked = pending.speculated != null ? pending.speculated : row.freeze();
            record = pending.speculated != null ? pending.record : map(checked);
            List<Problem> validation = pending.speculated != null ? pending.validation : validate(record);
            if (!validation.isEmpty()) {
                problems.addAll(validation);
            }
        }
        if (pending.waiting != null) {
            graph.holdBack(row.rowNumber(), pending.waiting, !problems.isEmpty());
            return null;
        }
        if (!problems.isEmpty()) {
            if (graph != null && firstPass) {
                graph.failed(row.rowNumber());
            }
            return CheckedRow.rejected(row.rowNumber(), capped(problems), checked != null ? checked : row.freeze());
        }
        return CheckedRow.accepted(checked, record);
    }

    /** A row's problems, the first ones and a count of the rest when there are more than a row lists. */
    private List<Problem> capped(List<Problem> problems) {
        int most = definition.limits().maxProblemsPerRow();
        if (problems.size() <= most) {
            return problems;
        }
        List<Problem> kept = new ArrayList<>(problems.subList(0, most - 1));
        kept.add(Problem.of(ProblemCode.PROBLEMS_OMITTED, "and " + (problems.size() - most + 1)
                + " more problems in this row; fix these and import it again to see them"));
        return kept;
    }

    private List<?> matches(int slot, Reference.Form<?> form, WorkingRow row,
            Map<Reference.Form<?>, Map<Object, ? extends Collection<?>>> found) {
        if (form.lookup().isPresent()) {
            try {
                List<?> matches = form.lookup().get().find(row, context);
                if (matches == null) {
                    throw new IllegalStateException("the lookup returned null");
                }
                return matches;
            } catch (Exception e) {
                throw failure("looking up " + references.get(slot).name() + " failed", row.rowNumber(),
                        form.columns().get(0), e);
            }
        }
        Collection<?> matches = found.get(form).get(form.key(row));
        return matches == null ? List.of() : List.copyOf(matches);
    }

    @SuppressWarnings("unchecked")
    private <T> void resolve(Reference<T> reference, int slot, Reference.Form<?> form, List<?> found, WorkingRow row,
            List<Problem> problems) {
        List<? extends T> matches = (List<? extends T>) found;
        String column = form.columns().get(0);
        if (matches.isEmpty()) {
            problems.add(Problem.at(ProblemCode.NOT_FOUND, column, "no " + reference.name() + " has "
                    + describeGiven(form.columns(), row)));
        } else if (matches.size() > 1) {
            problems.add(ambiguous(reference, form, matches, row));
        } else {
            allow(reference, slot, column, matches.get(0), row, problems);
        }
    }

    private <T> Problem ambiguous(Reference<T> reference, Reference.Form<?> form, List<? extends T> matches, WorkingRow row) {
        String given = describeGiven(form.columns(), row);
        List<String> described = new ArrayList<>();
        for (T match : matches.subList(0, Math.min(5, matches.size()))) {
            described.add(reference.describe(match));
        }
        String message = given + " matches " + matches.size() + " " + reference.name() + "s ("
                + String.join("; ", described) + (matches.size() > 5 ? "; \u2026" : "") + ")";
        return Problem.at(ProblemCode.AMBIGUOUS, form.columns().get(0),
                reference.ambiguityHint().map(hint -> message + "; " + hint).orElse(message));
    }

    private <T> void allow(Reference<T> reference, int slot, String column, T match, WorkingRow row,
            List<Problem> problems) {
        Optional<String> refusal = reference.refusal(match);
        if (refusal.isPresent()) {
            problems.add(Problem.at(ProblemCode.NOT_ALLOWED, column, refusal.get()));
        } else {
            row.references[slot] = match;
        }
    }

    /**
     * Links a row reference: to the existing record its value names, else to the row of the file
     * that holds the value, else (first pass, value not read yet) holds the row back.
     */
    @SuppressWarnings("unchecked")
    private void linkRow(Pending<R> pending, int index, Map<Reference.Form<?>, Map<Object, ? extends Collection<?>>> found) {
        RowReference rowReference = rowReferences.get(index);
        WorkingRow row = pending.row;
        Object given = row.value(rowReference.column(), Object.class).orElse(null);
        if (given == null) {
            return;
        }
        Object value = compared(definition.targetOf(rowReference), given);
        int existing = existingSlots[index];
        if (existing >= 0 && pending.forms[existing] != null) {
            List<?> matches = matches(existing, pending.forms[existing], row, found);
            if (matches.size() > 1) {
                pending.problems.add(ambiguous((Reference<Object>) references.get(existing), pending.forms[existing],
                        (List<Object>) matches, row));
                return;
            }
            if (matches.size() == 1) {
                allow((Reference<Object>) references.get(existing), existing, rowReference.column(), matches.get(0),
                        row, pending.problems);
                return;
            }
        }
        if (!firstPass) {
            row.referencedRows[index] = graph.target(index, value);
            return;
        }
        RowGraph.Link link = graph.link(row.rowNumber(), index, value);
        if (link.waits()) {
            if (pending.waiting == null) {
                pending.waiting = new Object[rowReferences.size()];
            }
            pending.waiting[index] = value;
        } else if (link.problem() != null) {
            pending.problems.add(link.problem());
        } else {
            row.referencedRows[index] = link.row();
        }
    }

    private void cellCount(List<String> cells, List<Problem> problems) {
        if (cells.size() < width) {
            problems.add(Problem.of(ProblemCode.WRONG_CELL_COUNT, "the row has " + cells.size()
                    + " cells but the header has " + width + "; check for a missing separator"));
            return;
        }
        if (cells.size() == width && !unnamedColumns) {
            // every cell is under a named column: nothing to look for (most rows)
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

    private void convert(Binding binding, int slot, String text, boolean canonical, WorkingRow row,
            List<Problem> problems) {
        String key = binding.key();
        String label = binding.label();
        if (!binding.attribute()) {
            row.texts[slot] = text;
        }
        int control = Texts.controlCharacter(text);
        if (control >= 0) {
            problems.add(Problem.at(ProblemCode.INVALID_FORMAT, key, String.format(
                    "%s contains the control character U+%04X at position %d", label, (int) text.charAt(control), control + 1)));
            return;
        }
        Conversion<?> conversion = canonical ? binding.type().convertCanonical(label, text)
                : binding.type().convert(label, text);
        if (!conversion.isOk()) {
            problems.add(Problem.at(conversion.code().orElseThrow(), key, conversion.message()));
            return;
        }
        Object value = conversion.get();
        int before = problems.size();
        List<Rule<?>> rules = binding.rules();
        // by index: the iterator, one a cell, was not optimised away
        for (int r = 0; r < rules.size(); r++) {
            Optional<Problem> problem = apply(rules.get(r), label, value);
            if (problem.isPresent()) {
                problems.add(onKey(problem.get(), label, key));
            }
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
    private static Optional<Problem> apply(Rule<?> rule, String label, Object value) {
        return ((Rule<Object>) rule).check(label, value);
    }

    /** A rule's problem, given the column's label to word its message, on the column's key. */
    private static Problem onKey(Problem problem, String label, String key) {
        return problem.column().isPresent() && problem.column().get().equals(label) && !label.equals(key)
                ? new Problem(problem.code(), Optional.of(key), problem.message()) : problem;
    }

    private static String describeGiven(List<String> columns, WorkingRow row) {
        List<String> parts = new ArrayList<>();
        for (String column : columns) {
            parts.add(row.label(column) + " " + Texts.shown(row.text(column).orElse(null)));
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
            problems.add(Problem.at(ProblemCode.REQUIRED, column.key(), column.label() + " is required"));
        }
    }

    /**
     * Reports a key given before by another row, whatever else is wrong with either row: every repeat
     * is a problem, so fixing the first row never reveals a new one.
     */
    private void duplicateKey(WorkingRow row, List<Problem> problems) {
        List<String> keyColumns = definition.key();
        if (keyColumns.isEmpty()) {
            return;
        }
        Object key;
        if (keyColumns.size() == 1) {
            key = compared(keyColumns.get(0), row.value(keyColumns.get(0), Object.class).orElse(null));
            if (key == null) {
                return;
            }
        } else {
            List<Object> values = new ArrayList<>(keyColumns.size());
            for (String column : keyColumns) {
                Object value = compared(column, row.value(column, Object.class).orElse(null));
                if (value == null) {
                    return;
                }
                values.add(value);
            }
            key = List.copyOf(values);
        }
        long first;
        if (graph == null) {
            long seen = keysSeen.putIfAbsent(key, row.rowNumber());
            first = seen == 0 ? row.rowNumber() : seen;
        } else {
            first = graph.firstWithKey(key, row.rowNumber(), firstPass);
        }
        if (first != row.rowNumber()) {
            problems.add(Problem.at(ProblemCode.DUPLICATE_KEY, keyColumns.get(0), keyColumns.stream().map(layout::label)
                    .collect(java.util.stream.Collectors.joining(" + "))
                    + " " + Texts.shown(key instanceof List ? key.toString() : String.valueOf(key))
                    + " is already used by row " + first));
        }
    }

    /**
     * A value as it compares with others of its column ({@link Column#comparison()}): the value
     * itself under an exact comparison, else a {@link ComparedValue} that equals others by their
     * comparison key and shows as the value the row gave.
     */
    private Object compared(String column, Object value) {
        if (comparisons.isEmpty() || !(value instanceof String text)) {
            return value;
        }
        dev.intake.core.TextComparison comparison = comparisons.get(column);
        return comparison == null ? value : new ComparedValue(comparison.key(text), text);
    }

    /** Values of a row reference's target column are unique in the file, like a key. */
    private void uniqueTargets(WorkingRow row, List<Problem> problems) {
        if (graph == null) {
            return;
        }
        List<String> done = new ArrayList<>();
        for (String column : graph.targets()) {
            if (graph.isKey(column) || done.contains(column)) {
                continue;
            }
            done.add(column);
            Object value = compared(column, row.value(column, Object.class).orElse(null));
            if (value == null) {
                continue;
            }
            long first = graph.firstWithTarget(column, value, row.rowNumber(), firstPass);
            if (first != row.rowNumber()) {
                problems.add(Problem.at(ProblemCode.DUPLICATE_KEY, column, layout.label(column) + " "
                        + Texts.shown(String.valueOf(value)) + " is already used by row " + first
                        + "; other rows refer to rows by it"));
            }
        }
    }

    /** Removes the duplicate check's temporary files, if it spilled. */
    void close() {
        if (keysSeen != null) {
            keysSeen.close();
        }
    }

    private Problem onColumn(Problem problem) {
        if (problem.column().isEmpty()) {
            return problem;
        }
        String column = columnByNormalizedName.get(Texts.normalize(problem.column().get()));
        if (column == null) {
            return problem;
        }
        // A validator words its message after the property ("fullName must not be blank"), which
        // BeanValidation rewords after the column's key: the template's users know the label.
        String label = layout.label(column);
        String message = problem.message();
        if (!label.equals(column) && message.startsWith(column + " ")) {
            message = label + message.substring(column.length());
        }
        return new Problem(problem.code(), Optional.of(column), message);
    }

    private static IntakeException failure(String what, long rowNumber, String column, Exception cause) {
        return new IntakeException(what + " at row " + rowNumber + ": " + cause, rowNumber, column, cause);
    }
}
