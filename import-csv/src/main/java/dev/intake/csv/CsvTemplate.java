package dev.intake.csv;

import dev.intake.core.AttributeSpec;
import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.csv.internal.Cells;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV template of a definition: the columns' labels in row 1 and their example values in row 2,
 * then the host's custom attributes (labelled by key). A filled template imports as it is. Cells that
 * a spreadsheet program would run as formulas are neutralised.
 */
public final class CsvTemplate {
    private CsvTemplate() {
    }

    /**
     * Writes a template; the writer stays open.
     *
     * @param definition the definition
     * @param context the request's context, for the attribute catalog
     * @param out where to write (the caller chooses the charset; UTF-8 is what the CSV source reads)
     * @throws UncheckedIOException if writing fails
     */
    public static void write(ImportDefinition definition, ImportContext context, Writer out) {
        List<String> labels = new ArrayList<>();
        List<String> examples = new ArrayList<>();
        for (Column<?> column : definition.columns()) {
            labels.add(column.label());
            examples.add(column.example().orElse(""));
        }
        if (definition.attributeCatalog().isPresent()) {
            for (AttributeSpec attribute : definition.attributeCatalog().get().attributes(context)) {
                labels.add(attribute.key());
                examples.add("");
            }
        }
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180);
            printer.printRecord(labels.stream().map(Cells::neutralized).toList());
            printer.printRecord(examples.stream().map(Cells::neutralized).toList());
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
