package dev.intake.spi.blackbox;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.Limits;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.ListSource;
import dev.intake.core.source.RowSource;
import java.util.Arrays;
import java.util.List;

/** The small runs definition the engine's tests import: a required title, a quantity, a batch group. */
final class Runs {
    /** A run as the tests' mapper makes it. */
    record NewRun(String title, String batch) {
        static NewRun of(ImportRow row) {
            return new NewRun(row.value("title", String.class).orElseThrow(), row.group("batch").orElse(null));
        }
    }

    static final ImportDefinition DEFINITION = ImportDefinition.builder("runs")
            .column(Column.text("title").required())
            .column(Column.integer("quantity"))
            .column(Column.text("batch"))
            .group("batch")
            .build();

    private Runs() {
    }

    /**
     * A file that fails the test when it is opened: for requests refused before any file is read.
     *
     * @param name the file's name
     * @return the source
     */
    static ImportSource unopenable(String name) {
        return new ImportSource() {
            @Override
            public RowSource open(Limits limits) {
                throw new AssertionError("the file must not be opened");
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    /**
     * A file of rows written as {@code title|quantity|batch}.
     *
     * @param rows the rows
     * @return the source
     */
    static ListSource file(String... rows) {
        return ListSource.of("runs.csv", List.of("title", "quantity", "batch"),
                Arrays.stream(rows).map(r -> List.of(r.split("\\|", -1))).toList());
    }
}
