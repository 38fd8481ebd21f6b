package dev.intake.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.intake.core.Limits;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every {@link RowSource} promises, whatever the bytes it reads: for authors of a format module
 * (and its fuzz tests). Reading a source to its end must give rows numbered upwards from the header,
 * each cell within the limits, and stop with at most one file-level problem: never another
 * exception, never a cell longer than {@link Limits#maxCellLength()}, never more text than
 * {@link Limits#maxCharacters()}.
 *
 * <pre>{@code
 * @FuzzTest
 * void anyBytes(byte[] file) {
 *     RowSourceChecks.readAll(OdsSource.of("fuzz.ods", file), Limits.defaults().withMaxRows(100));
 * }
 * }</pre>
 */
public final class RowSourceChecks {
    private RowSourceChecks() {
    }

    /**
     * What a source gave when read to its end.
     *
     * @param header the header, when the source had one
     * @param rows the rows after the header, in order
     * @param problem the file-level problem that ended the reading, if any
     */
    public record Read(Optional<SourceRow> header, List<SourceRow> rows, Optional<Problem> problem) {
    }

    /**
     * Opens a source, reads it to its end or to its file-level problem, and checks every promise on
     * the way; a broken promise fails the calling test.
     *
     * @param source the source
     * @param limits the limits to read it under
     * @return what it gave
     * @throws AssertionError if the source broke a promise
     */
    public static Read readAll(ImportSource source, Limits limits) {
        List<SourceRow> rows = new ArrayList<>();
        Optional<SourceRow> header = Optional.empty();
        RowSource reader;
        try {
            reader = source.open(limits);
        } catch (SourceException e) {
            return new Read(header, rows, Optional.of(fileProblem(e)));
        } catch (IOException e) {
            return fail("opening " + source.name() + " threw " + e + "; a source of bytes must open", e);
        }
        long characters = 0;
        try {
            header = reader.header();
            long last = 0;
            if (header.isPresent()) {
                characters += check(header.get(), last, limits);
                last = header.get().rowNumber();
            }
            for (Optional<SourceRow> row = reader.next(); row.isPresent(); row = reader.next()) {
                assertThat(header).as("a row without a header").isPresent();
                characters += check(row.get(), last, limits);
                last = row.get().rowNumber();
                rows.add(row.get());
                assertThat(characters).as("characters of cell text read").isLessThanOrEqualTo(limits.maxCharacters());
            }
            return new Read(header, rows, Optional.empty());
        } catch (SourceException e) {
            return new Read(header, rows, Optional.of(fileProblem(e)));
        } catch (RuntimeException e) {
            return fail("reading " + source.name() + " threw " + e + "; a source reports a file problem instead", e);
        } finally {
            reader.close();
        }
    }

    private static long check(SourceRow row, long last, Limits limits) {
        assertThat(row.rowNumber()).as("row numbers go up").isGreaterThan(last);
        assertThat(row.cells()).as("cells of row %d", row.rowNumber()).hasSizeLessThanOrEqualTo(limits.maxColumns())
                .doesNotContainNull();
        long characters = 0;
        for (String cell : row.cells()) {
            assertThat(cell.length()).as("a cell of row %d", row.rowNumber()).isLessThanOrEqualTo(limits.maxCellLength());
            characters += cell.length();
        }
        return characters;
    }

    private static Problem fileProblem(SourceException e) {
        Problem problem = e.problem();
        assertThat(problem.code().scope()).as("the code of %s", problem).isEqualTo(ProblemCode.Scope.FILE);
        assertThat(problem.message()).as("a problem's message").isNotBlank().doesNotContain("\tat ");
        return problem;
    }
}
