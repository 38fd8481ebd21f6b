package dev.intake.core.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.pipeline.CheckedRow;
import dev.intake.core.pipeline.FileDigest;
import dev.intake.core.pipeline.PipelineRun;
import dev.intake.core.pipeline.RowPipeline;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.ListSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Digests of a file's rows: what tells a commit that the file it writes is the file it checked. */
class FileDigestTest {
    private static final ImportDefinition DEFINITION = ImportDefinition.builder("parts")
            .column(Column.text("part_number").required())
            .column(Column.integer("quantity"))
            .build();
    private static final RowPipeline<ImportRow> PIPELINE = RowPipeline.of(DEFINITION).withChunkSize(3);

    private static List<List<String>> rows(int count) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(List.of("P-" + i, Integer.toString(i)));
        }
        return rows;
    }

    private static ListSource source(List<String> header, List<List<String>> rows) {
        return ListSource.of("parts.csv", header, rows);
    }

    private static FileDigest digest(List<String> header, List<List<String>> rows) {
        try (PipelineRun<ImportRow> scan = PIPELINE.scan(source(header, rows).open(DEFINITION.limits()),
                ImportContext.empty()).digest(3)) {
            scan.scanToEnd();
            return scan.fileDigest();
        }
    }

    /** Reads the rows a run returns while comparing with an earlier digest. */
    private static List<Long> read(PipelineRun<ImportRow> run) {
        List<Long> numbers = new ArrayList<>();
        for (Optional<CheckedRow<ImportRow>> row = run.next(); row.isPresent(); row = run.next()) {
            numbers.add(row.get().rowNumber());
        }
        return numbers;
    }

    @Test
    void twoReadsOfOneFileHaveOneFingerprintAndAnyChangeMakesAnother() {
        List<String> header = List.of("part_number", "quantity");
        FileDigest first = digest(header, rows(8));
        assertThat(digest(header, rows(8))).isEqualTo(first);
        assertThat(first.rows()).isEqualTo(8);
        assertThat(first.segments()).hasSize(3);

        List<List<String>> oneCell = new ArrayList<>(rows(8));
        oneCell.set(6, List.of("P-6", "60"));
        assertThat(digest(header, oneCell).fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(digest(header, rows(9)).fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(digest(List.of("quantity", "part_number"), rows(8)).fingerprint())
                .as("the header is part of the content").isNotEqualTo(first.fingerprint());
        List<List<String>> moved = new ArrayList<>(rows(8));
        moved.add(0, List.of("", ""));
        assertThat(digest(header, moved).fingerprint())
                .as("row numbers are part of the content").isNotEqualTo(first.fingerprint());
    }

    @Test
    void aReadThatFindsTheFileChangedReturnsOnlyTheRowsBeforeTheChangedSegment() {
        List<String> header = List.of("part_number", "quantity");
        FileDigest checked = digest(header, rows(8));
        List<List<String>> changed = new ArrayList<>(rows(8));
        changed.set(4, List.of("P-4", "400")); // row 6, in the second segment: rows 5 to 7

        PipelineRun<ImportRow> run = PIPELINE.start(source(header, changed).open(DEFINITION.limits()),
                ImportContext.empty()).expect(checked);

        assertThat(read(run)).containsExactly(2L, 3L, 4L);
        assertThat(run.fileProblems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.FILE_CHANGED);
            assertThat(problem.message()).contains("from row 5 on");
        });
        run.close();
    }

    @Test
    void aFileThatGrewOrShrankIsChangedAndAnUnchangedOneIsReadWhole() {
        List<String> header = List.of("part_number", "quantity");
        FileDigest checked = digest(header, rows(8));

        PipelineRun<ImportRow> shorter = PIPELINE.start(source(header, rows(6)).open(DEFINITION.limits()),
                ImportContext.empty()).expect(checked);
        assertThat(read(shorter)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(shorter.fileProblems()).extracting(p -> p.code()).containsExactly(ProblemCode.FILE_CHANGED);
        shorter.close();

        PipelineRun<ImportRow> longer = PIPELINE.start(source(header, rows(9)).open(DEFINITION.limits()),
                ImportContext.empty()).expect(checked);
        assertThat(read(longer)).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(longer.fileProblems()).extracting(p -> p.code()).containsExactly(ProblemCode.FILE_CHANGED);
        longer.close();

        PipelineRun<ImportRow> same = PIPELINE.start(source(header, rows(8)).open(DEFINITION.limits()),
                ImportContext.empty()).expect(checked);
        assertThat(read(same)).hasSize(8);
        assertThat(same.fileProblems()).isEmpty();
        assertThat(same.fileDigest()).isEqualTo(checked);
        same.close();
    }

    @Test
    void aDigestIsAskedForBeforeReadingAndGivenAfterTheWholeFile() {
        List<String> header = List.of("part_number", "quantity");
        try (PipelineRun<ImportRow> run = PIPELINE.start(source(header, rows(4)).open(DEFINITION.limits()),
                ImportContext.empty())) {
            run.next();
            assertThatThrownBy(() -> run.digest(3)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(run::fileDigest).isInstanceOf(IllegalStateException.class);
        }
    }

    /**
     * The digest is of a fixed byte layout, so that a journal an earlier version wrote still matches
     * the file: the header's cells then 0xFE; each data row's number (8 bytes, big-endian), its cells,
     * then 0xFF; each cell a byte (1 when rendered from a typed value), its UTF-8 length (4 bytes,
     * big-endian) and its UTF-8 bytes; the fingerprint is of the segments' digests in hex, then the
     * number of rows, in ASCII. Computed here a byte at a time, with cells of several scripts,
     * a lone surrogate (UTF-8 makes it '?'), and cells that fill the run's buffer or are larger than it.
     */
    @Test
    void theDigestIsOfAFixedLayoutWhateverTheCellsSizesAndScripts() throws Exception {
        List<String> header = List.of("part_number", "quantity");
        List<List<String>> rows = List.of(
                List.of("P-1", "1"),
                List.of("Übergröße \uD83D\uDE00 \u65E5\u672C", "2"),
                List.of("lone \uD800 surrogate", ""),
                List.of("x".repeat(8_000), "4"),
                List.of("\u00E9".repeat(9_000), "5"),
                List.of("y".repeat(8_190), "z".repeat(3)),
                List.of("", "7"));
        FileDigest digest = digest(header, rows);

        java.security.MessageDigest segment = java.security.MessageDigest.getInstance("SHA-256");
        for (String cell : header) {
            cell(segment, cell);
        }
        segment.update((byte) 0xFE);
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            long number = i + 2;
            for (int shift = 56; shift >= 0; shift -= 8) {
                segment.update((byte) (number >>> shift));
            }
            for (String cell : rows.get(i)) {
                cell(segment, cell);
            }
            segment.update((byte) 0xFF);
            if ((i + 1) % 3 == 0 || i == rows.size() - 1) {
                segments.add(java.util.HexFormat.of().formatHex(segment.digest()));
            }
        }
        java.security.MessageDigest whole = java.security.MessageDigest.getInstance("SHA-256");
        for (String hex : segments) {
            whole.update(hex.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        whole.update("7".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(digest.segments()).containsExactlyElementsOf(segments);
        assertThat(digest.fingerprint()).isEqualTo(java.util.HexFormat.of().formatHex(whole.digest()));
    }

    private static void cell(java.security.MessageDigest digest, String cell) {
        byte[] bytes = cell.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        digest.update((byte) 0);
        for (int shift = 24; shift >= 0; shift -= 8) {
            digest.update((byte) (bytes.length >>> shift));
        }
        digest.update(bytes);
    }
}
