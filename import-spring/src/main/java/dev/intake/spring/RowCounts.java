package dev.intake.spring;

import dev.intake.core.ImportDefinition;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The data rows a submitted file holds, counted when it is submitted so that a run's progress has
 * a total while it runs. A CSV's records and a JSON Lines file's lines are counted by scanning their
 * bytes ({@code CsvSource.countDataRows}: a line break inside a quoted cell is no record; records of
 * separators only count, so the total may be a little above the rows the import reads); a
 * workbook's and a JSON array's rows are read through.
 */
final class RowCounts {
    private RowCounts() {
    }

    /** Whether a file of this format is counted by reading it through, which needs it as a file. */
    static boolean readThrough(FileType type) {
        return type == FileType.XLSX || type == FileType.JSON;
    }

    /**
     * The rows of a workbook or a JSON array, read through.
     *
     * @return the data rows, or -1 when the file cannot be read (the run reports why)
     */
    static long expected(FileType type, Path file, ImportDefinition definition, Optional<String> worksheet) {
        return read(type, file, definition, worksheet);
    }

    /**
     * The records of a CSV file or the lines of a JSON Lines file, from their bytes.
     *
     * @param in the bytes, read to their end
     * @return the data rows
     * @throws IOException if the bytes cannot be read
     */
    static long expected(FileType type, InputStream in) throws IOException {
        return type == FileType.CSV ? dev.intake.csv.CsvSource.countDataRows(in) : lines(in);
    }

    /** Lines with anything on them, the last one without a line break included. */
    private static long lines(InputStream in) throws IOException {
        long lines = 0;
        boolean content = false;
        byte[] buffer = new byte[1 << 16];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    if (content) {
                        lines++;
                    }
                    content = false;
                } else if (b != '\r' && b != ' ' && b != '\t') {
                    content = true;
                }
            }
        }
        return content ? lines + 1 : lines;
    }

    private static long read(FileType type, Path file, ImportDefinition definition, Optional<String> worksheet) {
        long rows = 0;
        try (RowSource source = type.source(file, definition, worksheet).open(definition.limits())) {
            if (source.header().isEmpty()) {
                return 0;
            }
            for (Optional<SourceRow> row = source.next(); row.isPresent(); row = source.next()) {
                if (!row.get().isBlank()) {
                    rows++;
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
