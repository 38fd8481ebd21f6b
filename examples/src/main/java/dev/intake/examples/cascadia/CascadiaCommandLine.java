package dev.intake.examples.cascadia;

import dev.intake.core.ImportContext;
import dev.intake.core.Limits;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import dev.intake.csv.CsvSource;
import dev.intake.examples.jdbc.Connections;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.xlsx.XlsxSource;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Import API's importers on the command line ({@code import cascadia-parts FILE --as EMAIL
 * --design ID [--branch ID] [--bypass-branch-protection] [--bom FILE]}): the same request, checks,
 * repository and BOM phase as over HTTP, on the command line's one connection.
 */
public final class CascadiaCommandLine {
    /** The columns of a BOM file, in the order a {@link BomEntry} takes them. */
    private static final List<String> BOM_COLUMNS = List.of("parentitemnumber", "childitemnumber", "quantity",
            "findnumber", "referencedesignator");
    /** The worksheet of a parts workbook that holds its BOM relationships. */
    public static final String BOM_SHEET = "BOM";

    private static final ValidatorFactory VALIDATION = Validation.byDefaultProvider().configure()
            .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
            .buildValidatorFactory();

    private CascadiaCommandLine() {
    }

    /**
     * The command line's validator: Hibernate Validator, messages without expression language.
     *
     * @return the validator
     */
    public static jakarta.validation.Validator validator() {
        return VALIDATION.getValidator();
    }

    /**
     * An import prepared to run.
     *
     * @param imports the imports on the connection
     * @param request the request
     * @param context the context to run with
     */
    public record Prepared(CascadiaImports imports, CascadiaRequest request, ImportContext context) {
    }

    /**
     * Prepares an import from the command line's options.
     *
     * @param kind what to import
     * @param connection the command line's connection
     * @param caller the {@code --as} email
     * @param design the {@code --design} id, or null
     * @param branch the {@code --branch} id, or null
     * @param bypass whether {@code --bypass-branch-protection} was given
     * @param bom the {@code --bom} file, or null
     * @param workbook the file being imported when it is a workbook (its {@code BOM} sheet is read), or null
     * @return the prepared import
     * @throws IllegalArgumentException with a message for the user when an option is wrong
     * @throws SQLException if the database fails
     */
    public static Prepared prepare(CascadiaKind kind, Connection connection, String caller, String design, String branch,
            boolean bypass, Path bom, Path workbook) throws SQLException {
        CascadiaStore store = new CascadiaStore(Connections.of(connection));
        if (caller == null) {
            throw new IllegalArgumentException(kind.importerName() + " needs --as EMAIL, the user importing");
        }
        Caller user = store.callerByEmail(caller).orElseThrow(() ->
                new IllegalArgumentException("no Cascadia user has the email " + caller));
        List<BomEntry> entries = List.of();
        if (kind != CascadiaKind.PARTS && bom != null) {
            throw new IllegalArgumentException("--bom applies to cascadia-parts only");
        }
        if (bom != null) {
            try {
                entries = bom(CsvSource.of(bom).open(Limits.defaults()), bom.getFileName().toString());
            } catch (IOException | SourceException e) {
                throw new IllegalArgumentException("cannot read " + bom + ": " + e.getMessage());
            }
        } else if (kind == CascadiaKind.PARTS && workbook != null) {
            entries = bomSheet(workbook);
        }
        CascadiaRequest request = new CascadiaRequest(kind, user, uuid(design, "--design"), uuid(branch, "--branch"),
                Optional.empty(), bypass, entries);
        if (kind.inDesign() && request.design().isEmpty()) {
            throw new IllegalArgumentException(kind.importerName() + " needs --design ID");
        }
        CascadiaImports imports = new CascadiaImports(store, new JdbcTransactions(connection), validator());
        return new Prepared(imports, request, CascadiaImports.context(request));
    }

    private static Optional<UUID> uuid(String text, String option) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be a UUID, not " + text);
        }
    }

    private static List<BomEntry> bomSheet(Path workbook) {
        try (RowSource rows = XlsxSource.of(workbook).sheet(BOM_SHEET).open(Limits.defaults())) {
            return bom(rows, "the " + BOM_SHEET + " sheet");
        } catch (SourceException e) {
            if (e.problem().code() == dev.intake.core.result.ProblemCode.WORKSHEET_NOT_FOUND) {
                return List.of();
            }
            throw new IllegalArgumentException("the " + BOM_SHEET + " sheet cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the " + BOM_SHEET + " sheet cannot be read: " + e.getMessage());
        }
    }

    /**
     * Reads BOM relationships from rows headed {@code Parent Item Number, Child Item Number,
     * Quantity, Find Number, Reference Designator} (case and spacing do not matter).
     *
     * @throws SourceException if the rows cannot be read
     */
    private static List<BomEntry> bom(RowSource rows, String name) {
        try (rows) {
            Optional<SourceRow> header = rows.header();
            if (header.isEmpty()) {
                return List.of();
            }
            Map<Integer, Integer> at = new HashMap<>();
            List<String> cells = header.get().cells();
            for (int i = 0; i < cells.size(); i++) {
                String normalized = cells.get(i).replaceAll("[\\s_\\-\uFEFF]", "").toLowerCase(Locale.ROOT);
                int field = BOM_COLUMNS.indexOf(normalized);
                if (field < 0 && !normalized.isEmpty()) {
                    throw new IllegalArgumentException(name + ": column " + cells.get(i) + " is not one of Parent Item"
                            + " Number, Child Item Number, Quantity, Find Number, Reference Designator");
                }
                if (field >= 0) {
                    at.put(field, i);
                }
            }
            List<BomEntry> entries = new ArrayList<>();
            for (Optional<SourceRow> row = rows.next(); row.isPresent(); row = rows.next()) {
                if (row.get().isBlank()) {
                    continue;
                }
                String[] values = new String[5];
                for (Map.Entry<Integer, Integer> field : at.entrySet()) {
                    List<String> values0 = row.get().cells();
                    String value = field.getValue() < values0.size() ? values0.get(field.getValue()).strip() : "";
                    values[field.getKey()] = value.isEmpty() ? null : value;
                }
                entries.add(new BomEntry(entries.size(), values[0], values[1], values[2], values[3], values[4], null));
            }
            return entries;
        }
    }
}
