package dev.intake.core.pipeline;

import dev.intake.core.ImportDefinition;
import dev.intake.core.RowReference;
import dev.intake.core.internal.KeyIndex;
import dev.intake.core.internal.RowBits;
import dev.intake.core.internal.SpilledValues;
import dev.intake.core.internal.Texts;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the first pass over a file learns about its rows' keys and their references to other rows,
 * and what later passes need from it: the first row of each key and target value, the rows that
 * failed, and the rows that refer to a row not yet read, which a later pass takes up once the whole
 * file is known.
 *
 * <p>A definition with {@linkplain RowReference row references} is read in passes. The first pass
 * ({@link RowPipeline#start(dev.intake.core.source.RowSource, dev.intake.core.ImportContext)}) checks
 * every row; a row whose reference names a row not read yet, or one that is itself waiting, is held
 * back. At the end of the first pass the held-back rows are resolved: rows that name no row get
 * {@code NOT_FOUND}, rows in a cycle {@code REFERENCE_CYCLE}, rows naming a failed row
 * {@code REFERENCED_ROW_FAILED}; the others are given the pass in which every row they name has been
 * taken up before them. {@link #passes()} tells how many passes the file needs; each later pass
 * ({@link RowPipeline#start(dev.intake.core.source.RowSource, dev.intake.core.ImportContext, RowGraph, int)})
 * reads the file again and takes up only its own rows. Every row is thus returned by exactly one
 * pass, and a row always after the rows it names.
 *
 * <p>Holds one entry per key and target value of the file, in memory up to
 * {@link dev.intake.core.Limits#maxKeysInMemory()} values a column and in temporary files beyond, and
 * one per held-back row. Used by one import on one thread. The last pass's
 * {@link PipelineRun#close()} closes it, which removes its files; {@link #close()} does so earlier.
 */
public final class RowGraph implements AutoCloseable {
    private final ImportDefinition definition;
    private final List<RowReference> references;
    private final String[] targets;
    /** The first row of each key value (one column) or list of key values. */
    private final KeyIndex keys;
    /** The first row of each value, by target column (the key column shares {@link #keys}). */
    private final Map<String, KeyIndex> targetRows = new HashMap<>();
    /** The rows of the first pass that failed: a bit per row, in memory up to 8 rows a key kept in memory. */
    private final RowBits failed;
    /** The held-back rows, in file order. */
    private long[] heldRows = new long[16];
    /**
     * The values of each held-back row's row references that were not resolved when it was read,
     * by index into {@link #heldRows}, while they are in memory (null once spilled); released
     * once resolved.
     */
    private Object[][] heldValues = new Object[16][];
    /** Where each held-back row's values are in {@link #spilledValues}, or -1 while in memory. */
    private long[] heldOffsets = new long[16];
    private int held;
    /** The held-back rows' values once the indexes they are looked up in have spilled; else null. */
    private SpilledValues spilledValues;
    /** Once resolved: each held-back row's pass, by index into {@link #heldRows}. */
    private int[] heldPasses;
    /** Once resolved: the reference problems of the held-back rows that have any. */
    private Map<Long, List<Problem>> heldProblems;
    private int passes = 1;

    /** How a row's reference to a value turns out when the row is read. */
    record Link(long row, Problem problem) {
        static final Link WAIT = new Link(0, null);

        boolean waits() {
            return this == WAIT;
        }
    }

    RowGraph(ImportDefinition definition) {
        this.definition = definition;
        this.references = definition.rowReferences();
        this.targets = new String[references.size()];
        String key = definition.key().size() == 1 ? definition.key().get(0) : null;
        int bound = definition.limits().maxKeysInMemory();
        this.keys = new KeyIndex(definition.name() + "-key", bound);
        this.failed = new RowBits(definition.name() + "-failed", 8L * bound);
        for (int i = 0; i < targets.length; i++) {
            targets[i] = definition.targetOf(references.get(i));
            targetRows.computeIfAbsent(targets[i], column -> column.equals(key) ? keys
                    : new KeyIndex(definition.name() + "-" + column, bound));
        }
    }

    /** Removes the graph's temporary files; the graph answers nothing after. */
    @Override
    public void close() {
        keys.close();
        for (KeyIndex index : targetRows.values()) {
            index.close();
        }
        if (spilledValues != null) {
            spilledValues.close();
            spilledValues = null;
        }
        failed.close();
    }

    /**
     * @return how many passes over the file the import needs, 1 when no row was held back
     * @throws IllegalStateException before the first pass has reached the end of the file
     */
    public int passes() {
        if (heldPasses == null) {
            throw new IllegalStateException("the first pass has not reached the end of the file");
        }
        return passes;
    }

    /** @return whether no pass can follow this one: it is the last, or the first did not reach the end */
    boolean noPassAfter(int pass) {
        return heldPasses == null || pass + 1 >= passes;
    }

    /** @return the target columns of the row references, in their order */
    String[] targets() {
        return targets;
    }

    /**
     * The first row that gave a key: in the first pass the row is recorded when it is the first.
     *
     * @return the first row with this key; {@code row} itself when it is the first
     */
    long firstWithKey(Object key, long row, boolean firstPass) {
        return first(keys, key, row, firstPass);
    }

    /** As {@link #firstWithKey}, for a value of a target column that is not the key. */
    long firstWithTarget(String column, Object value, long row, boolean firstPass) {
        return first(targetRows.get(column), value, row, firstPass);
    }

    boolean isKey(String column) {
        return targetRows.get(column) == keys;
    }

    private static long first(KeyIndex rows, Object value, long row, boolean firstPass) {
        long first = firstPass ? rows.putIfAbsent(value, row) : rows.get(value);
        return first == 0 ? row : first;
    }

    /**
     * Links a reference of a row read in the first pass to the row its value names, as far as the
     * rows read so far tell.
     *
     * @return the row it names, a problem, or {@link Link#WAIT} when that is for later to tell
     */
    Link link(long row, int reference, Object value) {
        long target = targetRows.get(targets[reference]).get(value);
        if (target == 0) {
            return Link.WAIT;
        }
        return link(row, reference, value, target, false);
    }

    private Link link(long row, int reference, Object value, long target, boolean whole) {
        String column = references.get(reference).column();
        if (target == row) {
            return new Link(0, Problem.at(ProblemCode.REFERENCE_CYCLE, column, label(column) + " names this row itself"));
        }
        if (isHeld(target)) {
            return whole ? new Link(target, null) : Link.WAIT;
        }
        if (failed.get(target)) {
            return new Link(0, namesFailed(column, label(column), value, target));
        }
        return new Link(target, null);
    }

    private static Problem namesFailed(String column, String label, Object value, long target) {
        return Problem.at(ProblemCode.REFERENCED_ROW_FAILED, column, label + " " + shown(value) + " names row "
                + target + ", which failed; fix row " + target + " first");
    }

    /**
     * The problem of a reference whose value names no row of the file (once the whole file is known).
     */
    private Problem notFound(int reference, Object value) {
        RowReference ref = references.get(reference);
        return Problem.at(ProblemCode.NOT_FOUND, ref.column(), "no row of the file has " + label(targets[reference]) + " "
                + shown(value) + (ref.existing().isPresent() ? ", and no existing " + ref.name() + " has it" : ""));
    }

    /** Records a row of the first pass that failed on its own. */
    void failed(long row) {
        failed.set(row);
    }

    /**
     * Holds a row of the first pass back for a later pass.
     *
     * @param values the value of each row reference that waits; null where none waits
     * @param failedAlready whether the row failed on its own too
     */
    void holdBack(long row, Object[] values, boolean failedAlready) {
        if (failedAlready) {
            failed.set(row);
        }
        if (held == heldRows.length) {
            heldRows = java.util.Arrays.copyOf(heldRows, held * 2);
            heldValues = java.util.Arrays.copyOf(heldValues, held * 2);
            heldOffsets = java.util.Arrays.copyOf(heldOffsets, held * 2);
        }
        // rows come in file order; should parallel checks ever hold one back late, it is put in its place
        int at = held;
        while (at > 0 && heldRows[at - 1] > row) {
            at--;
        }
        if (at < held) {
            System.arraycopy(heldRows, at, heldRows, at + 1, held - at);
            System.arraycopy(heldValues, at, heldValues, at + 1, held - at);
            System.arraycopy(heldOffsets, at, heldOffsets, at + 1, held - at);
        }
        heldRows[at] = row;
        heldValues[at] = values;
        heldOffsets[at] = -1;
        if (valuesSpill()) {
            if (spilledValues == null) {
                spilledValues = new SpilledValues(definition.name() + "-held");
            }
            long offset = spilledValues.append(values);
            if (offset >= 0) {
                heldValues[at] = null;
                heldOffsets[at] = offset;
            }
        }
        held++;
    }

    /**
     * Held-back rows' values go to a file once every index they are looked up in has spilled: a
     * spilled index finds a value by the bytes the file keeps.
     */
    private boolean valuesSpill() {
        for (KeyIndex index : targetRows.values()) {
            if (!index.spilled()) {
                return false;
            }
        }
        return true;
    }

    /** @return the values of the held-back row at an index, from memory or from the file */
    private Object[] heldValues(int index) {
        Object[] values = heldValues[index];
        return values != null ? values : spilledValues.read(heldOffsets[index]);
    }

    /** @return the index of a held-back row in {@link #heldRows}, or a negative number */
    private int heldIndex(long row) {
        return java.util.Arrays.binarySearch(heldRows, 0, held, row);
    }

    private boolean isHeld(long row) {
        return heldIndex(row) >= 0;
    }

    /** @return the pass that takes up a row: 0 unless the row was held back */
    int passOf(long row) {
        int index = heldIndex(row);
        return index < 0 ? 0 : heldPasses[index];
    }

    /**
     * @return the row a reference of a held-back row names, in a later pass, or 0 when none
     */
    long target(int reference, Object value) {
        return targetRows.get(targets[reference]).get(value);
    }

    /** @return the reference problems a held-back row gets in its pass */
    List<Problem> problemsOf(long row) {
        return heldProblems.getOrDefault(row, List.of());
    }

    /**
     * Resolves the held-back rows once the first pass has read the whole file: decides each one's
     * problems and pass. Rows that refer to each other in a cycle each get {@code REFERENCE_CYCLE};
     * a row naming a row that fails gets {@code REFERENCED_ROW_FAILED}; the others get the pass after
     * the rows they name (the same pass when the named row comes earlier in the file).
     */
    void resolve() {
        if (heldPasses != null) {
            return;
        }
        heldPasses = new int[held];
        heldProblems = new HashMap<>();
        byte[] state = new byte[held];
        for (int start = 0; start < held; start++) {
            if (state[start] == 0) {
                visit(start, state);
            }
        }
        for (int i = 0; i < held; i++) {
            passes = Math.max(passes, heldPasses[i] + 1);
        }
        // what the later passes need is each row's pass and problems; the values are done with
        heldValues = null;
        heldOffsets = null;
        if (spilledValues != null) {
            spilledValues.close();
            spilledValues = null;
        }
    }

    private static final int VISITING = 1;
    private static final int DONE = 2;

    /** A held-back row being visited: which of its references is next, and what it found so far. */
    private final class Frame {
        final int index;
        final long row;
        final Object[] values;
        int next;
        int pass = 1;
        final List<Problem> problems = new ArrayList<>();
        Problem cycle;
        /** The reference being followed into another held-back row, or -1. */
        int following = -1;

        Frame(int index) {
            this.index = index;
            this.row = heldRows[index];
            this.values = heldValues(index);
        }
    }

    /**
     * Depth-first over the held-back rows, without recursion: chains may be as long as the file.
     * {@code state} is by index into {@link #heldRows}.
     */
    private void visit(int start, byte[] state) {
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame(start));
        state[start] = VISITING;
        while (!stack.isEmpty()) {
            Frame frame = stack.get(stack.size() - 1);
            if (frame.following >= 0) {
                int reference = frame.following;
                frame.following = -1;
                Object value = frame.values[reference];
                settle(frame, reference, value, targetRows.get(targets[reference]).get(value));
            }
            if (frame.next == frame.values.length) {
                stack.remove(stack.size() - 1);
                finish(frame);
                state[frame.index] = DONE;
                continue;
            }
            int reference = frame.next++;
            Object value = frame.values[reference];
            if (value == null) {
                continue;
            }
            long found = targetRows.get(targets[reference]).get(value);
            if (found == 0) {
                frame.problems.add(notFound(reference, value));
                continue;
            }
            long target = found;
            Link link = link(frame.row, reference, value, target, true);
            if (link.problem() != null) {
                frame.problems.add(link.problem());
            } else if (!isHeld(target)) {
                frame.pass = Math.max(frame.pass, 1);
            } else if (state[heldIndex(target)] == 0) {
                frame.following = reference;
                int index = heldIndex(target);
                state[index] = VISITING;
                stack.add(new Frame(index));
            } else if (state[heldIndex(target)] == VISITING) {
                markCycle(stack, target, reference);
            } else {
                settle(frame, reference, value, target);
            }
        }
    }

    /** Settles a reference to a held-back row that is done: its failure or its pass. */
    private void settle(Frame frame, int reference, Object value, long target) {
        if (failed.get(target) || heldProblems.containsKey(target)) {
            String column = references.get(reference).column();
            if (frame.cycle == null) {
                frame.problems.add(namesFailed(column, label(column), value, target));
            }
        } else {
            int pass = heldPasses[heldIndex(target)];
            frame.pass = Math.max(frame.pass, target < frame.row ? pass : pass + 1);
        }
    }

    /**
     * Every row on the stack from {@code target} up takes part in a cycle; the top row closes it
     * through {@code closingReference}, each other one through the reference it is following.
     */
    private void markCycle(List<Frame> stack, long target, int closingReference) {
        int from = stack.size() - 1;
        while (stack.get(from).row != target) {
            from--;
        }
        List<Long> cycle = new ArrayList<>();
        for (int i = from; i < stack.size(); i++) {
            cycle.add(stack.get(i).row);
        }
        cycle.add(target);
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < cycle.size(); i++) {
            if (i == 12 && cycle.size() > 13) {
                rows.append(" \u2192 \u2026");
                break;
            }
            rows.append(i == 0 ? "" : " \u2192 ").append(cycle.get(i));
        }
        for (int i = from; i < stack.size(); i++) {
            Frame member = stack.get(i);
            int reference = i == stack.size() - 1 ? closingReference : member.following;
            String column = references.get(reference).column();
            member.cycle = Problem.at(ProblemCode.REFERENCE_CYCLE, column,
                    "rows " + rows + " refer to each other in a cycle through " + label(column));
        }
    }

    private void finish(Frame frame) {
        List<Problem> problems = new ArrayList<>(frame.problems);
        if (frame.cycle != null) {
            problems.add(frame.cycle);
        }
        boolean fails = !problems.isEmpty() || failed.get(frame.row);
        heldPasses[frame.index] = fails ? 1 : frame.pass;
        if (!problems.isEmpty()) {
            heldProblems.put(frame.row, List.copyOf(problems));
        }
    }

    /** What messages call a column: its label. */
    private String label(String column) {
        return definition.column(column).map(dev.intake.core.Column::label).orElse(column);
    }

    private static String shown(Object value) {
        return Texts.shown(String.valueOf(value));
    }

    /** @return the definition this graph is of */
    ImportDefinition definition() {
        return definition;
    }
}
