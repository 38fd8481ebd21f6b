package dev.intake.csv;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Outcome;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.memory.InMemoryRecordRepository;
import dev.intake.spi.memory.InMemoryTransactions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
    private static final ImportDefinition PARTS = ImportDefinition.builder("parts")
            .column(Column.text("part").required())
            .column(Column.integer("qty"))
            .column(Column.text("note"))
            .build();

    @TempDir
    Path dir;

    private record Read(List<CheckedRow<ImportRow>> rows, List<Problem> fileProblems) {
        ImportRow row(long number) {
            return rows.stream().filter(r -> r.rowNumber() == number).findFirst().orElseThrow().row().orElseThrow();
        }
    }

    private static Read read(ImportDefinition definition, CsvSource source) throws IOException {
        List<CheckedRow<ImportRow>> rows = new ArrayList<>();
        try (PipelineRun<ImportRow> run = RowPipeline.of(definition)
                .start(source.open(definition.limits()), ImportContext.empty())) {
            for (Optional<CheckedRow<ImportRow>> next = run.next(); next.isPresent(); next = run.next()) {
                rows.add(next.get());
            }
            return new Read(rows, run.fileProblems());
        }
    }

    private static Read read(String csv) throws IOException {
        return read(PARTS, CsvSource.of("parts.csv", csv.getBytes(UTF_8)));
    }

    private static Read read(byte[] csv) throws IOException {
        return read(PARTS, CsvSource.of("parts.csv", csv));
    }

    @Test
    void readsAFileFromDiskWithRowNumbersAsASpreadsheetShowsThem() throws IOException {
        Path file = dir.resolve("parts.csv");
        Files.writeString(file, "part,qty,note\nP-1,2,first\n\nP-2,3,\"two\nlines\"\nP-3,4,last\n");

        Read read = read(PARTS, CsvSource.of(file));

        assertThat(read.fileProblems()).isEmpty();
        assertThat(read.rows()).extracting(CheckedRow::rowNumber).containsExactly(2L, 4L, 5L);
        assertThat(read.row(4).value("note", String.class)).contains("two\nlines");
        assertThat(read.row(5).value("qty", Long.class)).contains(4L);
    }

    @Test
    void everyRowBeforeBadBytesDeepInTheFileIsReadThenTheFileProblemNamesTheirLine() {
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes("number,name\n".getBytes(UTF_8));
        for (int line = 2; line < 5_000; line++) {
            file.writeBytes(("P-" + line + ",Part\n").getBytes(UTF_8));
        }
        file.writeBytes(new byte[] {'P', '-', 'X', ',', (byte) 0xC3, (byte) 0x28, '\n'});

        dev.intake.testkit.RowSourceChecks.Read read = dev.intake.testkit.RowSourceChecks.readAll(
                CsvSource.of("deep.csv", file.toByteArray()), Limits.defaults());

        assertThat(read.rows()).hasSize(4_998);
        assertThat(read.rows().get(read.rows().size() - 1).cells()).containsExactly("P-4999", "Part");
        assertThat(read.problem().orElseThrow().code()).isEqualTo(ProblemCode.UNREADABLE_FILE);
        assertThat(read.problem().orElseThrow().message()).contains("line 5000");
    }

    @Test
    void mixedLineEndingsAndQuotedLineBreaksKeepRowNumbersRight() throws IOException {
        Read read = read("part,qty,note\r\nP-1,1,a\rP-2,2,\"b\r\nb\"\nP-3,3,\"c\n\nc\"\r\n\r\nP-4,4,d");

        assertThat(read.rows()).extracting(CheckedRow::rowNumber, r -> r.row().orElseThrow().text("part").orElseThrow())
                .containsExactly(tuple(2L, "P-1"), tuple(3L, "P-2"), tuple(4L, "P-3"), tuple(6L, "P-4"));
        assertThat(read.row(4).value("note", String.class)).contains("c\n\nc");
    }

    @Test
    void aNulCharacterIsARowProblemAndLaterRowsKeepTheirNumbers() throws IOException {
        Read read = read("part,qty,note\nP-1,1,a\u0000b\nP-2,2,ok\n");

        assertThat(read.rows().get(0).problems()).extracting(Problem::code).containsExactly(ProblemCode.INVALID_FORMAT);
        assertThat(read.row(3).text("part")).contains("P-2");
    }

    @Test
    void aUtf8ByteOrderMarkDoesNotStopTheHeaderFromMatching() throws IOException {
        Read read = read("\uFEFFpart,qty,note\nP-1,1,x\n");

        assertThat(read.fileProblems()).isEmpty();
        assertThat(read.row(2).text("part")).contains("P-1");
    }

    @Test
    void utf16WithAByteOrderMarkIsReadAsUtf16() throws IOException {
        Read little = read(bytes("\uFEFFpart,qty,note\nMüller,1,x\n", UTF_16LE));
        Read big = read(bytes("\uFEFFpart,qty,note\nMüller,1,x\n", UTF_16BE));

        assertThat(little.row(2).text("part")).contains("Müller");
        assertThat(big.row(2).text("part")).contains("Müller");
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRefused() throws IOException {
        Read read = read(bytes("part,qty,note\nP-1,1,x\n", UTF_16LE));

        assertThat(read.rows()).isEmpty();
        assertThat(read.fileProblems()).containsExactly(Problem.of(ProblemCode.UNREADABLE_FILE,
                "the file looks like UTF-16 text without a byte-order mark; save it as CSV UTF-8"));
    }

    @Test
    void invalidUtf8IsUnreadableAndNeverReplaced() throws IOException {
        byte[] latin1 = bytes("part,qty,note\nP-1,1,ok\nMüller,2,x\n", Charset.forName("ISO-8859-1"));

        Read read = read(latin1);

        assertThat(read.fileProblems()).containsExactly(Problem.of(ProblemCode.UNREADABLE_FILE,
                "the file is not valid UTF-8 text (line 3); save it as CSV UTF-8 or declare its encoding"));
        assertThat(read.rows()).allSatisfy(row -> assertThat(row.row().orElseThrow().text("part").orElseThrow())
                .doesNotContain("\uFFFD"));
    }

    @Test
    void aDeclaredCharsetReadsLegacyFiles() throws IOException {
        byte[] latin1 = bytes("part,qty,note\nMüller,2,x\n", Charset.forName("windows-1252"));

        Read read = read(PARTS, CsvSource.builder("parts.csv", () -> new java.io.ByteArrayInputStream(latin1))
                .charset(Charset.forName("windows-1252")).build());

        assertThat(read.row(2).text("part")).contains("Müller");
    }

    @Test
    void anUnterminatedQuoteIsUnreadableAndNamesTheLineWhereItOpened() throws IOException {
        Read read = read("part,qty,note\nP-1,1,ok\nP-2,2,\"never closed\nP-3,3,x\n");

        assertThat(read.rows()).extracting(CheckedRow::rowNumber).containsExactly(2L);
        assertThat(read.fileProblems()).containsExactly(Problem.of(ProblemCode.UNREADABLE_FILE,
                "a quoted value that starts on line 3 is never closed; the file may be cut short or have a stray \""));
    }

    @Test
    void anUnterminatedQuoteWritesNothingEvenRowsReadBeforeIt() {
        InMemoryTransactions transactions = new InMemoryTransactions();
        InMemoryRecordRepository<ImportRow> records = new InMemoryRecordRepository<>(transactions);
        Importer<ImportRow> importer = Importer.builder(PARTS, records).transactions(transactions)
                .policy(CommitPolicy.PER_ROW).build();

        ImportReport report = importer.commit(CsvSource.of("parts.csv",
                "part,qty,note\nP-1,1,ok\nP-2,2,ok\nP-3,3,\"never closed\n".getBytes(UTF_8)));

        assertThat(records.values()).isEmpty();
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.committed()).isFalse();
        assertThat(report.fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.UNREADABLE_FILE);
        assertThat(report.created()).isEmpty();
    }

    @Test
    void textAfterAClosingQuoteIsUnreadable() throws IOException {
        Read read = read("part,qty,note\n\"P-1\"x,1,ok\n");

        assertThat(read.fileProblems()).containsExactly(Problem.of(ProblemCode.UNREADABLE_FILE,
                "the file is not valid CSV: line 2 has text after the closing quote of a quoted value (character 6);"
                        + " a quoted value must be the whole cell, with each quote inside it doubled"));
    }

    @Test
    void aStreamThatFailsPartWayIsUnreadableAfterTheRowsBeforeIt() throws IOException {
        StringBuilder text = new StringBuilder("part,qty,note\n");
        for (int i = 1; i <= 5_000; i++) {
            text.append("P-").append(i).append(',').append(i).append(",ok\n");
        }
        byte[] start = text.append("P-5001,1,cut sh").toString().getBytes(UTF_8);
        InputStream failing = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(start), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Connection reset by peer");
            }
        });

        Read read = read(PARTS, CsvSource.builder("parts.csv", () -> failing).build());

        assertThat(read.rows()).hasSize(5_000);
        assertThat(read.rows().get(4_999).rowNumber()).isEqualTo(5_001L);
        assertThat(read.fileProblems()).containsExactly(Problem.of(ProblemCode.UNREADABLE_FILE,
                "the file cannot be read: connection reset by peer"));
    }

    @Test
    void duplicateAndBlankHeaderNamesAreFileProblems() throws IOException {
        assertThat(read("part,qty,Part\nP-1,1,P-2\n").fileProblems()).containsExactly(Problem.at(
                ProblemCode.DUPLICATE_COLUMN, "part", "columns A (part) and C (Part) both map to part"));
        assertThat(read("part,,qty\nP-1,,1\n").fileProblems()).extracting(Problem::code)
                .containsExactly(ProblemCode.BLANK_HEADER);
    }

    @Test
    void rowsWithTooFewOrTooManyCellsNameTheRow() throws IOException {
        Read read = read("part,qty,note\nP-1,1\nP-2,2,x,surplus\nP-3,3,x\n");

        assertThat(read.rows()).extracting(CheckedRow::rowNumber, r -> r.problems().stream().map(Problem::code).toList())
                .containsExactly(
                        tuple(2L, List.of(ProblemCode.WRONG_CELL_COUNT)),
                        tuple(3L, List.of(ProblemCode.WRONG_CELL_COUNT)),
                        tuple(4L, List.of()));
    }

    @Test
    void aSemicolonSeparatedFileIsDetected() throws IOException {
        Read read = read("part;qty;note\nP-1;2;\"a;b\"\n");

        assertThat(read.fileProblems()).isEmpty();
        assertThat(read.row(2).value("qty", Long.class)).contains(2L);
        assertThat(read.row(2).text("note")).contains("a;b");
    }

    @Test
    void aSemicolonFileReadWithADeclaredCommaIsAClearHeaderProblem() throws IOException {
        Read read = read(PARTS, CsvSource.builder("parts.csv",
                () -> new java.io.ByteArrayInputStream("part;qty\nP-1;2\n".getBytes(UTF_8))).delimiter(',').build());

        assertThat(read.fileProblems()).extracting(Problem::code)
                .containsExactly(ProblemCode.UNKNOWN_COLUMN, ProblemCode.MISSING_COLUMN);
    }

    @Test
    void aHugeFieldIsALimitInBoundedMemory() throws IOException {
        AtomicLong consumed = new AtomicLong();
        InputStream huge = generated("part,qty,note\nP-1,1,", 300_000_000L, consumed);

        Read read = read(PARTS, CsvSource.builder("huge.csv", () -> huge).build());

        assertThat(read.fileProblems()).containsExactly(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "line 2 has a cell longer than 32767 characters, the most a cell may hold"));
        assertThat(consumed.get()).isLessThan(1_000_000L);
    }

    @Test
    void aHugeQuotedFieldIsALimitToo() throws IOException {
        AtomicLong consumed = new AtomicLong();
        InputStream huge = generated("part,qty,note\nP-1,1,\"", 300_000_000L, consumed);

        Read read = read(PARTS, CsvSource.builder("huge.csv", () -> huge).build());

        assertThat(read.fileProblems()).extracting(Problem::code).containsExactly(ProblemCode.LIMIT_EXCEEDED);
        assertThat(consumed.get()).isLessThan(1_000_000L);
    }

    @Test
    void aCellJustOverTheLimitIsReportedWithItsRow() throws IOException {
        ImportDefinition small = ImportDefinition.builder("parts").column(Column.text("part"))
                .limits(Limits.defaults().withMaxCellLength(10)).build();

        Read read = read(small, CsvSource.of("parts.csv", "part\n0123456789\n01234567890\n".getBytes(UTF_8)));

        assertThat(read.rows()).hasSize(1);
        assertThat(read.fileProblems()).containsExactly(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "row 3 has a cell of 11 characters; at most 10 are allowed"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3, 7, 8192})
    void theReaderStopsAFieldOneCharacterPastItsBoundWhereverTheReadsSplitIt(int bytesARead) throws IOException {
        // The CSV reader lets a field's raw text reach twice the cell limit plus its quotes (22 here),
        // scanning runs of plain characters at once: one more is a limit, however the reads cut it.
        ImportDefinition small = ImportDefinition.builder("parts").column(Column.text("part"))
                .limits(Limits.defaults().withMaxCellLength(10)).build();
        String atBound = "x".repeat(22);

        Read passes = read(small, CsvSource.builder("parts.csv",
                () -> trickling("part\n" + atBound + "\n", bytesARead)).build());
        Read stops = read(small, CsvSource.builder("parts.csv",
                () -> trickling("part\nok\n\"q\",b" + atBound + "\n", bytesARead)).build());

        assertThat(passes.fileProblems()).containsExactly(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "row 2 has a cell of 22 characters; at most 10 are allowed"));
        assertThat(stops.fileProblems()).containsExactly(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "line 3 has a cell longer than 10 characters, the most a cell may hold"));
    }

    /** A stream that gives at most some bytes a read, as a slow upload does. */
    private static InputStream trickling(String text, int bytesARead) {
        return new java.io.ByteArrayInputStream(text.getBytes(UTF_8)) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, bytesARead));
            }
        };
    }

    @Test
    void aHeaderCellOverTheLimitIsALimitToo() throws IOException {
        // Found by CsvFuzzTest (inputs/found-long-header-cell): the reader bounds a field's raw text
        // at twice the limit, for quote escapes; the header's cells were not held to the limit itself.
        ImportDefinition small = ImportDefinition.builder("parts").column(Column.text("part"))
                .limits(Limits.defaults().withMaxCellLength(10)).build();

        Read read = read(small, CsvSource.of("parts.csv", "part,01234567890\nx,y\n".getBytes(UTF_8)));

        assertThat(read.rows()).isEmpty();
        assertThat(read.fileProblems()).containsExactly(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "row 1 has a cell of 11 characters; at most 10 are allowed"));
    }

    @Test
    void tooManyCellsOnALineIsALimit() throws IOException {
        ImportDefinition narrow = ImportDefinition.builder("parts").column(Column.text("part"))
                .limits(Limits.defaults().withMaxColumns(3)).build();

        Read read = read(narrow, CsvSource.of("parts.csv", "part\nP-1,a,b,c,d\n".getBytes(UTF_8)));

        assertThat(read.fileProblems()).containsExactly(Problem.of(ProblemCode.LIMIT_EXCEEDED,
                "line 2 has more than 3 cells; at most 3 columns are allowed"));
    }

    @Test
    void moreBytesThanTheLimitIsALimit() throws IOException {
        ImportDefinition small = ImportDefinition.builder("parts").column(Column.text("part"))
                .limits(Limits.defaults().withMaxBytes(100)).build();
        StringBuilder csv = new StringBuilder("part\n");
        for (int i = 0; i < 50; i++) {
            csv.append("P-").append(i).append('\n');
        }

        Read read = read(small, CsvSource.of("parts.csv", csv.toString().getBytes(UTF_8)));

        assertThat(read.fileProblems()).containsExactly(
                Problem.of(ProblemCode.LIMIT_EXCEEDED, "the file is larger than 100 bytes"));
    }

    @Test
    void moreRowsThanTheLimitIsTooManyRowsNotASilentCut() throws IOException {
        ImportDefinition small = ImportDefinition.builder("parts").column(Column.text("part"))
                .limits(Limits.defaults().withMaxRows(3)).build();

        Read read = read(small, CsvSource.of("parts.csv", "part\nP-1\nP-2\nP-3\nP-4\nP-5\n".getBytes(UTF_8)));

        assertThat(read.rows()).hasSize(3);
        assertThat(read.fileProblems()).containsExactly(Problem.of(ProblemCode.TOO_MANY_ROWS,
                "the file has more than 3 data rows (row 5 is one too many); split it into smaller files"));
    }

    @Test
    void anEmptyFileIsEmpty() throws IOException {
        assertThat(read("").fileProblems()).containsExactly(
                Problem.of(ProblemCode.EMPTY_FILE, "the file is empty; row 1 must be the header"));
    }

    @Test
    void aMissingFileCannotBeOpened() {
        InMemoryTransactions transactions = new InMemoryTransactions();
        Importer<ImportRow> importer = Importer.builder(PARTS, new InMemoryRecordRepository<ImportRow>(transactions))
                .build();

        ImportReport report = importer.dryRun(CsvSource.of(dir.resolve("missing.csv")));

        assertThat(report.fileErrors()).extracting(Problem::code).containsExactly(ProblemCode.UNREADABLE_FILE);
        assertThat(report.fileErrors().get(0).message()).startsWith("missing.csv cannot be opened: ");
    }

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    /** A prefix followed by {@code count} bytes of 'x', made as they are read. */
    private static InputStream generated(String prefix, long count, AtomicLong consumed) {
        byte[] head = prefix.getBytes(UTF_8);
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= head.length + count) {
                    return -1;
                }
                consumed.incrementAndGet();
                return position < head.length ? head[(int) position++] : positionAfter('x');
            }

            private int positionAfter(int value) {
                position++;
                return value;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int n = 0;
                while (n < length) {
                    int b = read();
                    if (b < 0) {
                        return n == 0 ? -1 : n;
                    }
                    buffer[offset + n++] = (byte) b;
                }
                return n;
            }
        };
    }
}
