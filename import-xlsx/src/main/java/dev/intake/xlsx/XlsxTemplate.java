package dev.intake.xlsx;

import dev.intake.core.AttributeSpec;
import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.type.ValueType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * An XLSX template of a definition, for users who live in Excel.
 *
 * <ul>
 *   <li>The first worksheet holds the columns' labels in row 1 (required columns in bold red, with a
 *       note saying so), the example row in row 2, then one column per custom attribute of the host's
 *       catalog (labelled by key). The header row is frozen. A filled template imports as it is.</li>
 *   <li>Every option and boolean column has a dropdown of its allowed values (kept on a hidden
 *       sheet, so long lists work too).</li>
 *   <li>A second worksheet, {@value #COLUMNS_SHEET}, describes each column: label, key, type,
 *       whether it is required, its allowed values, description and example.</li>
 * </ul>
 *
 * <p>Every value is written as a text cell: nothing in a template is a formula.
 */
public final class XlsxTemplate {
    /** The name of the worksheet that describes the columns. */
    public static final String COLUMNS_SHEET = "Columns";
    static final String LISTS_SHEET = "Lists";
    private static final String REQUIRED_RED = "C00000";
    private static final String HEADER_FILL = "D9E1F2";
    private static final int LAST_ROW = 1_048_575;

    private XlsxTemplate() {
    }

    /** One column of the template, a definition column or a custom attribute. */
    private record Field(String header, String key, ValueType<?> type, boolean required, String description,
            String example) {
    }

    /**
     * Writes a template; the stream stays open.
     *
     * @param definition the definition
     * @param context the request's context, for the attribute catalog and host-supplied options
     * @param out where to write
     * @throws UncheckedIOException if writing fails
     */
    public static void write(ImportDefinition definition, ImportContext context, OutputStream out) {
        Objects.requireNonNull(definition, "definition must not be null");
        Objects.requireNonNull(context, "context must not be null");
        List<Field> fields = fields(definition, context);
        try {
            Workbook workbook = new Workbook(new Unclosed(out), "Intake", "1.0");
            Worksheet data = workbook.newWorksheet(sheetName(definition.name()));
            Worksheet columns = workbook.newWorksheet(COLUMNS_SHEET);
            Worksheet lists = workbook.newWorksheet(LISTS_SHEET);
            int listColumn = 0;
            for (int c = 0; c < fields.size(); c++) {
                Field field = fields.get(c);
                data.inlineString(0, c, field.header());
                data.style(0, c).bold().fillColor(HEADER_FILL).fontColor(field.required() ? REQUIRED_RED : "000000").set();
                if (field.required()) {
                    data.comment(0, c, "Required");
                }
                data.width(c, Math.max(12, Math.min(40, field.header().length() + 4)));
                if (!field.example().isEmpty()) {
                    data.inlineString(1, c, field.example());
                }
                List<String> allowed = allowedValues(field.type());
                if (!allowed.isEmpty()) {
                    for (int i = 0; i < allowed.size(); i++) {
                        lists.inlineString(i, listColumn, allowed.get(i));
                    }
                    data.range(1, c, LAST_ROW, c).validateWithList(lists.range(0, listColumn, allowed.size() - 1, listColumn))
                            .allowBlank(true).showDropdown(true).showErrorMessage(true)
                            .errorTitle("Not allowed").error("Choose one of the listed values");
                    listColumn++;
                }
            }
            data.freezePane(0, 1);
            describe(columns, fields);
            lists.setVisibilityState(org.dhatim.fastexcel.VisibilityState.HIDDEN);
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Field> fields(ImportDefinition definition, ImportContext context) {
        List<Field> fields = new ArrayList<>();
        for (Column<?> column : definition.columns()) {
            fields.add(new Field(column.label(), column.key(), column.type(), column.required(), column.description(),
                    column.example().orElse("")));
        }
        if (definition.attributeCatalog().isPresent()) {
            for (AttributeSpec attribute : definition.attributeCatalog().get().attributes(context)) {
                fields.add(new Field(attribute.key(), attribute.key(), attribute.type(), false,
                        attribute.description(), ""));
            }
        }
        return fields;
    }

    private static void describe(Worksheet sheet, List<Field> fields) {
        String[] headers = {"Column", "Key", "Type", "Required", "Allowed values", "Description", "Example"};
        for (int c = 0; c < headers.length; c++) {
            sheet.inlineString(0, c, headers[c]);
            sheet.style(0, c).bold().fillColor(HEADER_FILL).set();
        }
        for (int r = 0; r < fields.size(); r++) {
            Field field = fields.get(r);
            String[] values = {field.header(), field.key(), field.type().name(), field.required() ? "yes" : "no",
                String.join(", ", allowedValues(field.type())), field.description(), field.example()};
            for (int c = 0; c < values.length; c++) {
                if (!values[c].isEmpty()) {
                    sheet.inlineString(r + 1, c, values[c]);
                }
            }
        }
        sheet.width(0, 24);
        sheet.width(4, 40);
        sheet.width(5, 60);
        sheet.freezePane(0, 1);
    }

    /** What a dropdown offers: the type's values, or TRUE/FALSE for a boolean. */
    static List<String> allowedValues(ValueType<?> type) {
        if (type.javaType() == Boolean.class) {
            return List.of("TRUE", "FALSE");
        }
        return type.prepare().allowedValues();
    }

    /** An Excel sheet name from a definition name: at most 31 characters, none of {@code []:*?/\'}. */
    static String sheetName(String name) {
        String cleaned = name.replaceAll("[\\[\\]:*?/\\\\']", "_").strip();
        if (cleaned.isEmpty() || cleaned.equalsIgnoreCase(COLUMNS_SHEET) || cleaned.equalsIgnoreCase(LISTS_SHEET)) {
            cleaned = "Rows";
        }
        return cleaned.length() > 31 ? cleaned.substring(0, 31) : cleaned;
    }

    /** Keeps fastexcel's finish() from closing the caller's stream. */
    static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
