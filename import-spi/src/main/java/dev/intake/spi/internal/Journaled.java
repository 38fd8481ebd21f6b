package dev.intake.spi.internal;

import dev.intake.core.result.GroupAction;
import dev.intake.core.result.GroupOutcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.WrittenRow;
import dev.intake.spi.ImportJournal;
import dev.intake.spi.JournalSummary;
import dev.intake.spi.TransactionBoundary;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One commit's side of the {@link ImportJournal}: the log of the rows it settles, in the order the
 * file hands them out, recorded a chunk at a time inside the chunk's transaction; and, for a
 * commit that resumes an interrupted one, the replay of what the journal holds.
 *
 * <p>A chunk's text holds, in order, a line per row written ({@code C}reated or {@code U}pdated,
 * with its id and key) or failed while writing ({@code F}, with its problems), and a line per run of
 * rows that failed their checks ({@code R}, only their numbers: a resumed import checks them again
 * and reports their problems as they are now); and the groups the written rows joined. Rows are
 * identified by pass and row number, as the file hands them out; the lines between two records are
 * at most a chunk of written rows and the runs of refused rows between them. A chunk of more than a
 * kilobyte is stored deflated, in Base64, since it is written in the transaction of its rows.
 */
final class Journaled {
    /** The first line of every chunk: what wrote it, and the version of its format. */
    private static final String HEADER = "intake-journal\t1";
    /** The first line of a chunk whose lines follow deflated, in Base64. */
    private static final String DEFLATED = HEADER + "\tdeflate";
    /** Chunks longer than this are deflated: most of them, a fifth of their size then. */
    private static final int DEFLATE_ABOVE = 1024;

    /** What a line says. */
    enum Kind {
        /** Rows that failed their checks, from {@code row} to {@code to}. */
        REFUSED('R'),
        /** A row that created a record. */
        CREATED('C'),
        /** A row that updated one. */
        UPDATED('U'),
        /** A row that failed while writing. */
        FAILED('F'),
        /** A row accepted and not written yet; never recorded. */
        ACCEPTED('A');

        final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        static Kind of(char letter) {
            for (Kind kind : values()) {
                if (kind.letter == letter && kind != ACCEPTED) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no journal line starts with " + letter);
        }
    }

    /**
     * One line of the log.
     *
     * @param kind what it says
     * @param pass the pass that handed the row out
     * @param row the row
     * @param to the last row of a run of refused rows; the row otherwise
     * @param written what a written row wrote, or null
     * @param problems why a row failed while writing, or empty
     */
    record Line(Kind kind, int pass, long row, long to, WrittenRow written, List<Problem> problems) {
        static Line refused(int pass, long row) {
            return new Line(Kind.REFUSED, pass, row, row, null, List.of());
        }

        static Line accepted(int pass, long row) {
            return new Line(Kind.ACCEPTED, pass, row, row, null, List.of());
        }
    }

    /** The rows and groups of one chunk. */
    record Chunk(List<Line> lines, List<GroupOutcome> groups) {
    }

    /** The journal and the file disagree: a resumed import cannot go on. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private final ImportJournal journal;
    private final TransactionBoundary transactions;
    private final String importer;
    private final String fingerprint;
    private final int recorded;
    private final ImportJournal.Entry entry;
    /** The next chunk's number; like {@link #carried}, the writer's whose turn it is. */
    private int next;
    /** Lines since the last chunk taken; the import's thread's. */
    private final List<Line> pending = new ArrayList<>();
    /**
     * Lines of chunks that did not commit, recorded with the next chunk that does; the writer whose
     * turn it is has them (chunks are settled one at a time, in order).
     */
    private final List<Line> carried = new ArrayList<>();
    /** The chunk being replayed, its lines not met yet; and the next chunk to read. */
    private final Deque<Line> replaying = new ArrayDeque<>();
    private int replayNext;

    private Journaled(ImportJournal journal, TransactionBoundary transactions, String importer, String fingerprint,
            ImportJournal.Entry entry) {
        this.journal = journal;
        this.transactions = transactions;
        this.importer = importer;
        this.fingerprint = fingerprint;
        this.entry = entry;
        this.recorded = entry.chunks();
        this.next = entry.chunks();
    }

    /**
     * Starts or finds the journal entry of a file, in a transaction of its own.
     *
     * @throws Exception if the journal fails
     */
    static Journaled begin(ImportJournal journal, TransactionBoundary transactions, String importer,
            String fingerprint, boolean again) throws Exception {
        ImportJournal.Entry entry = transactions.inTransaction(() -> journal.begin(importer, fingerprint, again));
        return new Journaled(journal, transactions, importer, fingerprint, entry);
    }

    /** @return what the import came to, when the file was imported already */
    Optional<JournalSummary> completed() {
        return entry.completed();
    }

    /** @return whether an interrupted import of the file recorded chunks to resume from */
    boolean resumes() {
        return recorded > 0;
    }

    // ---- recording

    /** A row failed its checks. */
    void refused(int pass, long row) {
        if (!pending.isEmpty()) {
            Line last = pending.get(pending.size() - 1);
            if (last.kind() == Kind.REFUSED && last.pass() == pass && last.to() < row) {
                pending.set(pending.size() - 1, new Line(Kind.REFUSED, pass, last.row(), row, null, List.of()));
                return;
            }
        }
        pending.add(Line.refused(pass, row));
    }

    /** A row passed its checks and waits for its chunk to be written. */
    void accepted(int pass, long row) {
        pending.add(Line.accepted(pass, row));
    }

    /**
     * Takes the lines since the last chunk handed out, for the chunk about to be written.
     *
     * @return the lines, in file order
     */
    List<Line> take() {
        List<Line> lines = List.copyOf(pending);
        pending.clear();
        return lines;
    }

    /**
     * Records a chunk: the lines of chunks before it that did not commit, then its own lines with
     * what its rows came to, inside the chunk's transaction. Chunks are recorded, committed or not,
     * in the order they were taken, one at a time.
     *
     * @param into the journal, writing in the chunk's transaction
     * @param lines the chunk's lines, as {@link #take} gave them
     * @throws Exception if the journal fails
     */
    void record(ImportJournal into, List<Line> lines, Map<Long, Attempt.Wrote> written, Map<Long, List<Problem>> failed,
            List<GroupOutcome> groups) throws Exception {
        List<Line> all = new ArrayList<>(carried.size() + lines.size());
        all.addAll(carried);
        all.addAll(resolve(lines, written, failed));
        into.record(importer, fingerprint, next, encode(new Chunk(all, groups)));
    }

    /** The chunk's transaction committed: its lines, and those carried, are recorded. */
    void committed() {
        carried.clear();
        next++;
    }

    /** The chunk's transaction did not commit: its rows failed, and go with the next chunk recorded. */
    void notCommitted(List<Line> lines, Map<Long, List<Problem>> failed) {
        carried.addAll(resolve(lines, Map.of(), failed));
    }

    private static List<Line> resolve(List<Line> pending, Map<Long, Attempt.Wrote> written,
            Map<Long, List<Problem>> failed) {
        List<Line> lines = new ArrayList<>(pending.size());
        for (Line line : pending) {
            if (line.kind() != Kind.ACCEPTED) {
                lines.add(line);
                continue;
            }
            Attempt.Wrote wrote = written.get(line.row());
            List<Problem> problems = failed.get(line.row());
            if (wrote != null) {
                lines.add(new Line(wrote.updated() ? Kind.UPDATED : Kind.CREATED, line.pass(), line.row(), line.row(),
                        wrote.row(line.row()), List.of()));
            } else if (problems != null) {
                lines.add(new Line(Kind.FAILED, line.pass(), line.row(), line.row(), null, problems));
            } else {
                throw new IllegalStateException("row " + line.row() + " was neither written nor failed");
            }
        }
        return lines;
    }

    /**
     * Marks the file imported, in a transaction of its own (or, inside the transaction of an
     * all-or-nothing commit, in that one).
     *
     * @throws Exception if the journal fails
     */
    void complete(JournalSummary summary) throws Exception {
        transactions.inTransaction(() -> {
            journal.complete(importer, fingerprint, summary);
            return null;
        });
    }

    // ---- replaying

    /**
     * What the journal says of the next row the file hands out, while it has lines left.
     *
     * @param pass the pass that hands the row out
     * @param row the row
     * @param groups takes the groups of each chunk read
     * @return the row's line (for a run of refused rows, the run's), or empty once the journal is
     *     replayed whole: from then on rows are imported as usual
     * @throws Mismatch if the journal expected another row
     * @throws Exception if the journal fails
     */
    Optional<Line> replay(int pass, long row, java.util.function.Consumer<List<GroupOutcome>> groups) throws Exception {
        while (replaying.isEmpty() && replayNext < recorded) {
            int sequence = replayNext++;
            String text = transactions.inTransaction(() -> journal.chunk(importer, fingerprint, sequence))
                    .orElseThrow(() -> new Mismatch("chunk " + sequence + " of the journal is missing"));
            Chunk chunk = decode(text);
            groups.accept(chunk.groups());
            replaying.addAll(chunk.lines());
        }
        Line line = replaying.peek();
        if (line == null) {
            return Optional.empty();
        }
        if (line.pass() == pass && line.row() <= row && row <= line.to()) {
            if (row == line.to()) {
                replaying.poll();
            }
            return Optional.of(line);
        }
        throw new Mismatch("the journal expected row " + line.row() + (line.pass() > 0 ? " (pass " + line.pass() + ")" : "")
                + " and the file handed out row " + row);
    }

    // ---- text

    static String encode(Chunk chunk) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (GroupOutcome group : chunk.groups()) {
            text.append('G').append('\t').append(escape(group.name())).append('\t').append(escape(group.key()))
                    .append('\t').append(group.action().name());
            if (group.matched().isPresent()) {
                text.append('\t').append(optional(group.matched()));
            }
            text.append('\n');
        }
        for (Line line : chunk.lines()) {
            text.append(line.kind().letter).append('\t').append(line.pass()).append('\t').append(line.row());
            switch (line.kind()) {
                case REFUSED -> text.append('\t').append(line.to());
                case CREATED, UPDATED -> text.append('\t').append(optional(line.written().id()))
                        .append('\t').append(optional(line.written().key()))
                        .append(line.written().matched().isPresent() ? "\t" + optional(line.written().matched()) : "");
                case FAILED -> text.append('\t').append(line.problems().size());
                default -> throw new IllegalStateException("a pending row is never recorded");
            }
            text.append('\n');
            for (Problem problem : line.problems()) {
                text.append('P').append('\t').append(problem.code().name()).append('\t')
                        .append(optional(problem.column())).append('\t').append(escape(problem.message())).append('\n');
            }
        }
        if (text.length() <= DEFLATE_ABOVE) {
            return text.toString();
        }
        // Fewer bytes in the chunk's transaction: the database writes the record with the rows.
        byte[] plain = text.substring(HEADER.length() + 1).getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(plain);
            deflater.finish();
            ByteArrayOutputStream deflated = new ByteArrayOutputStream(plain.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                deflated.write(buffer, 0, deflater.deflate(buffer));
            }
            return DEFLATED + '\n' + Base64.getEncoder().encodeToString(deflated.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /** The lines of a chunk's text, inflated when it was deflated. */
    private static String[] lines(String text) throws Mismatch {
        if (!text.startsWith(DEFLATED + '\n')) {
            return text.split("\n", -1);
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(Base64.getDecoder().decode(text.substring(DEFLATED.length() + 1).strip()));
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new Mismatch("a chunk of the journal is cut short");
                }
                plain.write(buffer, 0, n);
            }
            return (HEADER + '\n' + plain.toString(StandardCharsets.UTF_8)).split("\n", -1);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new Mismatch("a chunk of the journal cannot be inflated: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    static Chunk decode(String text) throws Mismatch {
        String[] lines = lines(text);
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new Mismatch("a chunk of the journal is not in a format this version reads");
        }
        List<Line> rows = new ArrayList<>();
        List<GroupOutcome> groups = new ArrayList<>();
        try {
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isEmpty()) {
                    continue;
                }
                String[] fields = lines[i].split("\t", -1);
                if (fields[0].equals("G")) {
                    groups.add(new GroupOutcome(unescape(fields[1]), unescape(fields[2]), GroupAction.valueOf(fields[3]),
                            fields.length > 4 ? optional(fields[4]) : Optional.empty()));
                    continue;
                }
                Kind kind = Kind.of(fields[0].charAt(0));
                int pass = Integer.parseInt(fields[1]);
                long row = Long.parseLong(fields[2]);
                switch (kind) {
                    case REFUSED -> rows.add(new Line(kind, pass, row, Long.parseLong(fields[3]), null, List.of()));
                    case CREATED, UPDATED -> rows.add(new Line(kind, pass, row, row,
                            new WrittenRow(row, optional(fields[3]), optional(fields[4]),
                                    fields.length > 5 ? optional(fields[5]) : Optional.empty()), List.of()));
                    default -> {
                        int count = Integer.parseInt(fields[3]);
                        List<Problem> problems = new ArrayList<>(count);
                        for (int p = 0; p < count; p++) {
                            String[] problem = lines[++i].split("\t", -1);
                            if (!problem[0].equals("P")) {
                                throw new Mismatch("a failed row of the journal lacks its problems");
                            }
                            problems.add(new Problem(ProblemCode.valueOf(problem[1]), optional(problem[2]),
                                    unescape(problem[3])));
                        }
                        rows.add(new Line(kind, pass, row, row, null, problems));
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new Mismatch("a chunk of the journal cannot be read: " + e.getMessage());
        }
        return new Chunk(rows, groups);
    }

    private static String optional(Optional<String> value) {
        return value.map(v -> "=" + escape(v)).orElse("-");
    }

    private static Optional<String> optional(String field) {
        return field.startsWith("=") ? Optional.of(unescape(field.substring(1))) : Optional.empty();
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String unescape(String value) {
        StringBuilder plain = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                plain.append(c);
                continue;
            }
            char escaped = value.charAt(++i);
            plain.append(switch (escaped) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> escaped;
            });
        }
        return plain.toString();
    }
}
