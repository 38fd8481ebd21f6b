package dev.intake.spring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.intake.core.result.FailedRow;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.result.ReportRows;
import dev.intake.core.result.RunMode;
import dev.intake.core.result.WrittenRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A run's report as its results file holds it (the report JSON with every row), read back: its
 * summary at once, its rows streamed from the file whenever asked, so a report of millions of rows
 * is never held. What the error reports and the pages of failed rows are made from.
 */
final class StoredReport implements ReportRows {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final Path file;
    private final ImportReport summary;
    private final BitSet written;

    private StoredReport(Path file, ImportReport summary, BitSet written) {
        this.file = file;
        this.summary = summary;
        this.written = written;
    }

    /**
     * Reads a results file's summary and which rows it wrote.
     *
     * @param file the results file
     * @return the report
     * @throws IOException if the file cannot be read
     */
    static StoredReport read(Path file) throws IOException {
        String importer = "";
        RunMode mode = RunMode.DRY_RUN;
        boolean committed = false;
        List<Problem> fileErrors = new ArrayList<>();
        BitSet written = new BitSet();
        try (JsonParser json = FACTORY.createParser(file.toFile())) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "importer" -> importer = json.getText();
                    case "mode" -> mode = RunMode.valueOf(json.getText());
                    case "committed" -> committed = value == JsonToken.VALUE_TRUE;
                    case "fileErrors" -> {
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            fileErrors.add(problem(json));
                        }
                    }
                    case "created", "updated" -> {
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            written.set(Math.toIntExact(writtenRow(json).rowNumber()));
                        }
                    }
                    default -> json.skipChildren();
                }
            }
        }
        ImportReport.Builder summary = ImportReport.builder(importer, mode).committed(committed);
        fileErrors.forEach(summary::fileError);
        return new StoredReport(file, summary.build(), written);
    }

    /** @return the report's summary: importer, mode, committed, file problems (its rows are here) */
    ImportReport summary() {
        return summary;
    }

    @Override
    public Stream<WrittenRow> created() {
        return rows("created", StoredReport::writtenRow);
    }

    @Override
    public Stream<WrittenRow> updated() {
        return rows("updated", StoredReport::writtenRow);
    }

    @Override
    public Stream<FailedRow> failed() {
        return rows("failedRows", StoredReport::failedRow);
    }

    @Override
    public boolean written(long rowNumber) {
        return rowNumber <= Integer.MAX_VALUE && written.get((int) rowNumber);
    }

    /** An element of an array read from a parser standing on its START_OBJECT. */
    @FunctionalInterface
    private interface Element<T> {
        T read(JsonParser json) throws IOException;
    }

    private <T> Stream<T> rows(String array, Element<T> element) {
        JsonParser json;
        try {
            json = FACTORY.createParser(Files.newInputStream(file));
            expect(json.nextToken(), JsonToken.START_OBJECT);
            boolean found = false;
            while (!found && json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                if (field.equals(array)) {
                    found = true;
                } else {
                    json.skipChildren();
                }
            }
            if (!found) {
                json.close();
                return Stream.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonParser parser = json;
        Iterator<T> iterator = new Iterator<>() {
            private T next = advance();

            private T advance() {
                try {
                    return parser.nextToken() == JsonToken.START_OBJECT ? element.read(parser) : null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public T next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                T current = next;
                next = advance();
                return current;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(() -> {
                    try {
                        parser.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static WrittenRow writtenRow(JsonParser json) throws IOException {
        long rowNumber = 0;
        String id = null;
        String key = null;
        String matched = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "rowNumber" -> rowNumber = json.getLongValue();
                case "id" -> id = json.getText();
                case "key" -> key = json.getText();
                case "matched" -> matched = json.getText();
                default -> json.skipChildren();
            }
        }
        return new WrittenRow(rowNumber, Optional.ofNullable(id), Optional.ofNullable(key), Optional.ofNullable(matched));
    }

    private static FailedRow failedRow(JsonParser json) throws IOException {
        long rowNumber = 0;
        List<Problem> problems = new ArrayList<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            if (field.equals("rowNumber")) {
                rowNumber = json.getLongValue();
            } else if (field.equals("errors")) {
                while (json.nextToken() == JsonToken.START_OBJECT) {
                    problems.add(problem(json));
                }
            } else {
                json.skipChildren();
            }
        }
        return new FailedRow(rowNumber, problems);
    }

    private static Problem problem(JsonParser json) throws IOException {
        String code = null;
        String column = null;
        String message = "";
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "code" -> code = json.getText();
                case "column" -> column = json.getText();
                case "message" -> message = json.getText();
                default -> json.skipChildren();
            }
        }
        return new Problem(ProblemCode.valueOf(code), Optional.ofNullable(column), message);
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("a run's results are not a report: " + token);
        }
    }
}
