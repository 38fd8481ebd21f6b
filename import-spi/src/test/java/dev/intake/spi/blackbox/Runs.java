package dev.intake.spi.blackbox;

import dev.intake.core.Column;
import dev.intake.core.ImportDefinition;
import dev.intake.core.ImportRow;
import dev.intake.core.source.ListSource;
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
