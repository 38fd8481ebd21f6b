package dev.intake.core.pipeline;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.IntakeException;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One pass of a {@link RowPipeline} over one file. Pull rows with {@link #next()} until it is empty,
 * then read {@link #fileProblems()}: a file problem met on the way (malformed input, too many rows)
 * ends the run. Rows are read and checked a chunk at a time, so that references with a
 * {@link dev.intake.core.BatchLookup} cost one lookup per chunk; {@code next()} hands them out one by
 * one. Pulled by one thread; when the pipeline reads ahead or checks on several threads, the run
 * owns those threads, and closing it stops them and releases the source.
 *
 * @param <R> the host's record type
 */
public final class PipelineRun<R> implements AutoCloseable {
    private final ImportDefinition definition;
    private final RowSource source;
    private final List<Problem> fileProblems = new ArrayList<>();
    private final List<String> ignoredColumns = new ArrayList<>();
    private final List<String> attributeColumns = new ArrayList<>();
    private final RowChecker<R> checker;
    private final boolean scanOnly;
    private final RowGraph graph;
    private final int pass;
    private final int chunkSize;
    private final Deque<CheckedRow<R>> checked = new ArrayDeque<>();
    /** Threads checking chunks, or null when rows are checked on the caller's thread. */
    private final ExecutorService workers;
    private final int threads;
    /** Chunks being prepared by the workers, in file order. */
    private final Deque<Future<RowChecker.Prepared<R>>> inFlight = new ArrayDeque<>();
    private long dataRows;
    private boolean exampleSkipped;
    private boolean finished;
    /** The header's cells, for a digest. */
    private List<String> header = List.of();
    /** Digests of the rows read, per segment, when asked for ({@link #digest(int)}). */
    private MessageDigest segment;
    private int segmentRows;
    private long segmentFirstRow = -1;
    private final List<String> segments = new ArrayList<>();
    /** What a row adds to the segment, gathered before the digest is given it; a larger cell goes alone. */
    private byte[] digested;
    private int digestedLength;
    /** An earlier read's digest to compare with ({@link #expect(FileDigest)}). */
    private FileDigest expected;
    /** The first row of the first segment found changed, or -1. */
    private long changedFrom = -1;
    /** The number of the last data row read. */
    private long lastRow;

    PipelineRun(ImportDefinition definition, RowSource source, ImportContext context, RowMapper<R> mapper,
            RecordValidator<? super R> validator, boolean scanOnly, RowGraph graph, int pass, int chunkSize,
            int threads, boolean readAhead) {
        this.definition = definition;
        this.source = readAhead ? new ReadAhead(source) : source;
        this.scanOnly = scanOnly;
        this.graph = graph;
        this.pass = pass;
        this.chunkSize = chunkSize;
        RowChecker<R> rowChecker = null;
        try {
            Optional<SourceRow> header = this.source.header();
            if (header.isEmpty() || header.get().isBlank()) {
                fileProblems.add(Problem.of(ProblemCode.EMPTY_FILE, header.isEmpty()
                        ? "the file is empty; row 1 must be the header"
                        : "row 1 is blank; it must be the header"));
            } else {
                this.header = header.get().cells();
                HeaderMatcher.Match match = new HeaderMatcher(definition, context).match(header.get().cells());
                fileProblems.addAll(match.problems());
                ignoredColumns.addAll(match.ignored());
                attributeColumns.addAll(match.attributes());
                if (match.problems().isEmpty()) {
                    rowChecker = new RowChecker<>(definition, context, match.bindings(), mapper, validator, graph, pass);
                }
            }
        } catch (SourceException e) {
            fileProblems.add(e.problem());
        }
        this.checker = rowChecker;
        this.finished = checker == null;
        boolean apart = checker != null && !scanOnly && threads > 1 && checker.preparesApart();
        this.threads = apart ? threads : 1;
        this.workers = apart ? Executors.newFixedThreadPool(threads, new CheckThreads()) : null;
    }

    /** Daemon threads named for what they do, so that a run never left unclosed keeps a JVM up. */
    private static final class CheckThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable work) {
            Thread thread = new Thread(work, "intake-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /**
     * The next checked row. In the first pass of a definition with row references, rows that refer to
     * rows not read yet are held back for a later pass ({@link #graph()}) and not returned here.
     *
     * @return the checked row, or empty at the end of the file or when a file problem ends the run
     * @throws dev.intake.core.IntakeException if a host lookup or check fails
     * @throws IllegalStateException if this run only scans
     */
    public Optional<CheckedRow<R>> next() {
        if (scanOnly) {
            throw new IllegalStateException("a scan run does not check rows; call scan(int)");
        }
        while (checked.isEmpty() && (!finished || !inFlight.isEmpty())) {
            if (workers == null) {
                List<SourceRow> chunk = readChunk();
                if (!chunk.isEmpty()) {
                    checked.addAll(checker.check(chunk));
                }
                continue;
            }
            while (!finished && inFlight.size() < 2 * threads) {
                List<SourceRow> chunk = readChunk();
                if (!chunk.isEmpty()) {
                    inFlight.add(workers.submit(() -> checker.prepare(chunk, true)));
                }
            }
            if (!inFlight.isEmpty()) {
                checked.addAll(checker.complete(await(inFlight.poll())));
            }
        }
        if (checked.isEmpty() && finished && graph != null && pass == 0) {
            graph.resolve();
        }
        return Optional.ofNullable(checked.poll());
    }

    /** Reads the next chunk of data rows; empty at the end, at a file problem, or when the file changed. */
    private List<SourceRow> readChunk() {
        List<SourceRow> chunk = new ArrayList<>(Math.min(chunkSize, 64));
        for (Optional<SourceRow> row = nextDataRow(); row.isPresent(); row = nextDataRow()) {
            chunk.add(row.get());
            if (chunk.size() == chunkSize) {
                break;
            }
        }
        // A later pass returns a segment's rows only once the whole segment was compared.
        while (expected != null && !finished && dataRows % segmentRows != 0) {
            nextDataRow().ifPresent(chunk::add);
        }
        if (changedFrom >= 0) {
            chunk.clear();
        }
        return chunk;
    }

    /** Waits for a chunk a worker prepares; what the worker threw is thrown here. */
    private RowChecker.Prepared<R> await(Future<RowChecker.Prepared<R>> prepared) {
        try {
            return prepared.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IntakeException("checking rows failed: " + e.getCause(), -1, null, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntakeException("interrupted while rows were being checked", -1, null, e);
        }
    }

    /**
     * Reads up to {@code rows} data rows without checking them, counting them and enforcing limits:
     * what an engine does before it writes, so that a file that cannot be read to its end is
     * rejected before any row is written, or to count the rest of a file it stops checking. Call it
     * until it returns false; in between, report progress or stop. Rows it reads are not checked and
     * never returned by {@link #next()}.
     *
     * @param rows the most rows to read in this step, 1 or more
     * @return true when there may be more rows to read; false at the end of the file or at a file
     *     problem
     */
    public boolean scan(int rows) {
        for (int i = 0; i < rows; i++) {
            if (nextDataRow().isEmpty()) {
                return false;
            }
        }
        return !finished;
    }

    /**
     * Reads the file to its end without checking rows, counting data rows and enforcing limits.
     *
     * @return the number of non-blank data rows
     */
    public long scanToEnd() {
        while (scan(Integer.MAX_VALUE)) {
            // counting is done by nextDataRow
        }
        return dataRows;
    }

    /**
     * Digests every data row this run reads from now on, with the header, one SHA-256 per segment of
     * {@code rows} data rows: what {@link #fileDigest()} returns once the file was read to its end.
     * Call it before reading.
     *
     * @param rows data rows per segment, 1 or more
     * @return this run
     * @throws IllegalStateException if rows were read already, or rows is less than 1
     */
    public PipelineRun<R> digest(int rows) {
        if (dataRows > 0 || rows < 1 || segment != null) {
            throw new IllegalStateException("digest once, before reading, with segments of 1 or more rows");
        }
        segmentRows = rows;
        segment = sha256();
        digested = new byte[8192];
        segmentFirstRow = -1;
        for (String cell : header) {
            update(cell, false);
        }
        put((byte) 0xFE);
        flushDigested();
        return this;
    }

    /**
     * Digests what this run reads as {@link #digest(int)} does, and compares each segment with what
     * an earlier read of the file found: a segment that differs, or a file that ends elsewhere, is a
     * {@link ProblemCode#FILE_CHANGED} file problem that ends the run, and the rows of a segment are
     * returned only once it was found unchanged (a later pass may hold up to a segment more than a
     * chunk for that). Call it before reading.
     *
     * @param earlier the digest of the earlier read
     * @return this run
     * @throws IllegalStateException if rows were read already
     */
    public PipelineRun<R> expect(FileDigest earlier) {
        digest(earlier.segmentRows());
        expected = earlier;
        return this;
    }

    /**
     * The digest of what this run read, once it read the whole file without a file problem.
     *
     * @return the digest
     * @throws IllegalStateException before the end of the file, after a file problem, or when
     *     {@link #digest(int)} was not asked for
     */
    public FileDigest fileDigest() {
        if (!finished || segment == null || !fileProblems.isEmpty()) {
            throw new IllegalStateException("a file digest needs a digesting run that read the whole file");
        }
        MessageDigest whole = sha256();
        for (String digest : segments) {
            whole.update(digest.getBytes(StandardCharsets.US_ASCII));
        }
        whole.update(Long.toString(dataRows).getBytes(StandardCharsets.US_ASCII));
        return new FileDigest(segmentRows, segments, dataRows, HexFormat.of().formatHex(whole.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Adds a cell: a byte that says whether it was rendered from a typed value, its length in UTF-8
     * bytes (4 bytes, big-endian), and those bytes. Gathered in {@link #digested} and handed to the
     * digest a row at a time: a commit digests every row twice, and a call of the digest per byte
     * was a third of its checking thread.
     */
    private void update(String cell, boolean canonical) {
        byte[] bytes = cell.getBytes(StandardCharsets.UTF_8);
        put((byte) (canonical ? 1 : 0));
        for (int shift = 24; shift >= 0; shift -= 8) {
            put((byte) (bytes.length >>> shift));
        }
        if (bytes.length > digested.length - digestedLength) {
            flushDigested();
        }
        if (bytes.length > digested.length) {
            segment.update(bytes);
        } else {
            System.arraycopy(bytes, 0, digested, digestedLength, bytes.length);
            digestedLength += bytes.length;
        }
    }

    private void put(byte b) {
        if (digestedLength == digested.length) {
            flushDigested();
        }
        digested[digestedLength++] = b;
    }

    private void flushDigested() {
        segment.update(digested, 0, digestedLength);
        digestedLength = 0;
    }

    /**
     * Adds a data row to the current segment: its number (8 bytes, big-endian), its cells, then 0xFF.
     * Ends the segment at its last row.
     */
    private void digest(SourceRow row) {
        if (segmentFirstRow < 0) {
            segmentFirstRow = row.rowNumber();
        }
        long number = row.rowNumber();
        for (int shift = 56; shift >= 0; shift -= 8) {
            put((byte) (number >>> shift));
        }
        for (int i = 0; i < row.cells().size(); i++) {
            update(row.cells().get(i), row.isCanonical(i));
        }
        put((byte) 0xFF);
        flushDigested();
        if (dataRows % segmentRows == 0) {
            endSegment();
        }
    }

    private void endSegment() {
        String digest = HexFormat.of().formatHex(segment.digest());
        int index = segments.size();
        segments.add(digest);
        if (expected != null && changedFrom < 0
                && (index >= expected.segments().size() || !expected.segments().get(index).equals(digest))) {
            changedFrom = segmentFirstRow;
        }
        segmentFirstRow = -1;
    }

    /** At the end of the file: ends the last segment, and compares the file's length with the earlier read's. */
    private void endDigest() {
        if (dataRows % segmentRows != 0) {
            endSegment();
        }
        if (expected != null && changedFrom < 0 && (dataRows != expected.rows()
                || segments.size() != expected.segments().size())) {
            changedFrom = Math.max(2, lastRow + 1);
        }
    }

    /** Ends the run with a FILE_CHANGED problem when the file was found changed. */
    private boolean changed() {
        if (changedFrom < 0) {
            return false;
        }
        fileProblems.add(Problem.of(ProblemCode.FILE_CHANGED, "the file changed while it was being imported: from row "
                + changedFrom + " on it is not what was checked, so nothing more was written; import it again"
                + " once nothing is changing it"));
        finished = true;
        return true;
    }

    private Optional<SourceRow> nextDataRow() {
        while (!finished) {
            Optional<SourceRow> row;
            try {
                row = source.next();
            } catch (SourceException e) {
                fileProblems.add(e.problem());
                finished = true;
                return Optional.empty();
            }
            if (row.isEmpty()) {
                finished = true;
                if (segment != null) {
                    endDigest();
                    if (changed()) {
                        return Optional.empty();
                    }
                }
                if (dataRows == 0) {
                    fileProblems.add(Problem.of(ProblemCode.EMPTY_FILE, exampleSkipped
                            ? "the file holds only the template's example row (row 2); add your rows in its place or below it"
                            : "the file has a header but no data rows"));
                }
                return Optional.empty();
            }
            SourceRow next = row.get();
            if (source.skipsBlankRows() && checker.isBlank(next)) {
                continue;
            }
            if (source.mayBeTemplate() && checker.isTemplateExample(next)) {
                exampleSkipped = true;
                continue;
            }
            if (++dataRows > definition.limits().maxRows()) {
                fileProblems.add(Problem.of(ProblemCode.TOO_MANY_ROWS, "the file has more than "
                        + definition.limits().maxRows() + " data rows (row " + next.rowNumber()
                        + " is one too many); split it into smaller files"));
                finished = true;
                return Optional.empty();
            }
            for (String cell : next.cells()) {
                if (cell.length() > definition.limits().maxCellLength()) {
                    fileProblems.add(Problem.of(ProblemCode.LIMIT_EXCEEDED, "row " + next.rowNumber()
                            + " has a cell of " + cell.length() + " characters; at most "
                            + definition.limits().maxCellLength() + " are allowed"));
                    finished = true;
                    return Optional.empty();
                }
            }
            lastRow = next.rowNumber();
            if (segment != null) {
                digest(next);
                if (changed()) {
                    return Optional.empty();
                }
            }
            if (graph != null && pass > 0 && graph.passOf(next.rowNumber()) != pass) {
                continue;
            }
            return row;
        }
        return Optional.empty();
    }

    /**
     * File-level problems found so far: the header's, or one that ended the run. When not empty, the
     * file must not be written.
     *
     * @return the problems, never null
     */
    public List<Problem> fileProblems() {
        return List.copyOf(fileProblems);
    }

    /**
     * @return the header cells of unknown columns the definition ignores, never null
     */
    public List<String> ignoredColumns() {
        return List.copyOf(ignoredColumns);
    }

    /**
     * @return the header cells read as custom attributes, never null
     */
    public List<String> attributeColumns() {
        return List.copyOf(attributeColumns);
    }

    /**
     * @return the template's example row, when the file had it as downloaded and it was skipped
     */
    public Optional<dev.intake.core.result.SkippedRow> skippedExample() {
        return exampleSkipped ? Optional.of(new dev.intake.core.result.SkippedRow(2, "the template's example row, left"
                + " as it was downloaded: not imported; replace it with a row of yours, or delete it")) : Optional.empty();
    }

    /**
     * @return the non-blank data rows read so far (in a later pass: all of them, whichever pass
     *     takes them up)
     */
    public long dataRows() {
        return dataRows;
    }

    /**
     * The file's row graph, when the definition has row references: after the first pass has
     * returned its last row, {@link RowGraph#passes()} tells how many passes the file needs.
     *
     * @return the graph, or empty when the definition has no row references
     */
    public Optional<RowGraph> graph() {
        return Optional.ofNullable(graph);
    }

    /**
     * Stops the checking threads, if any, closes the source, and removes the temporary files of
     * what this pass remembered: the duplicate check's, and the row graph's when no later pass can
     * follow (this was its last pass, or the first pass did not reach the end of the file).
     */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
            inFlight.clear();
        }
        try {
            source.close();
        } finally {
            if (checker != null) {
                checker.close();
            }
            if (graph != null && graph.noPassAfter(pass)) {
                graph.close();
            }
        }
    }
}
