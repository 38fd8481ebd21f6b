package dev.intake.examples.cascadia;

import dev.intake.core.ImportRow;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An item an Import API row creates, with the seed's limits as Bean Validation constraints (checked
 * by the host's validator, Spring's in the web host). Built from a checked row; its item number is
 * empty when the row gave none, and the store generates one.
 */
public sealed interface NewItem {
    /** @return the item number the row gave, or null */
    String itemNumber();

    /** @return the name */
    String name();

    /** @return the revision ({@code -} by default; issues have none of their own) */
    String revision();

    /** @return the description, or null */
    String description();

    /** @return the custom attributes, names to values */
    Map<String, String> attributes();

    /**
     * The item a row makes.
     *
     * @param kind parts, documents or issues
     * @param row the checked row
     * @return the item
     */
    static NewItem of(CascadiaKind kind, ImportRow row) {
        Map<String, String> attributes = new LinkedHashMap<>();
        row.attributes().forEach((name, value) -> attributes.put(name, String.valueOf(value)));
        String number = text(row, "itemNumber");
        String name = text(row, "name");
        String description = text(row, "description");
        return switch (kind) {
            case PARTS -> new NewPart(number, name, text(row, "revision"), description, text(row, "partType"),
                    text(row, "material"), text(row, "weight"), text(row, "weightUnit"), text(row, "cost"),
                    row.value("costCurrency", Currency.class).map(Currency::getCurrencyCode).orElse(null),
                    row.value("leadTimeDays", Long.class).orElse(null), attributes);
            case DOCUMENTS -> new NewDocument(number, name, text(row, "revision"), description, text(row, "docType"),
                    text(row, "fileName"), text(row, "mimeType"), attributes);
            case ISSUES -> new NewIssue(number, name, description, text(row, "severity"), text(row, "priority"),
                    text(row, "category"), row.value("reportedDate", LocalDate.class).orElse(null),
                    text(row, "resolution"), text(row, "rootCause"), attributes);
        };
    }

    private static String text(ImportRow row, String column) {
        Optional<Object> value = row.value(column, Object.class);
        return value.map(String::valueOf).orElse(null);
    }

    /**
     * A part.
     *
     * @param itemNumber the item number, or null to generate one
     * @param name the name
     * @param revision the revision
     * @param description the description
     * @param partType Manufacture, Purchase, Software or Phantom
     * @param material the material
     * @param weight the weight, as given
     * @param weightUnit the weight's unit
     * @param cost the unit cost, as given
     * @param costCurrency the ISO 4217 code of the cost's currency
     * @param leadTimeDays the procurement lead time in days
     * @param attributes the custom attributes
     */
    record NewPart(
            @Size(max = 100, message = "must be at most {max} characters") String itemNumber,
            @Size(max = 500, message = "must be at most {max} characters") String name,
            @Size(min = 1, max = 10, message = "must be 1 to {max} characters") String revision,
            @Size(max = 5000, message = "must be at most {max} characters") String description,
            String partType,
            @Size(max = 100, message = "must be at most {max} characters") String material,
            String weight,
            @Size(max = 10, message = "must be at most {max} characters") String weightUnit,
            String cost,
            String costCurrency,
            @PositiveOrZero(message = "must be 0 or more") Long leadTimeDays,
            Map<String, String> attributes) implements NewItem {
    }

    /**
     * A document.
     *
     * @param itemNumber the item number, or null to generate one
     * @param name the name
     * @param revision the revision
     * @param description the description
     * @param docType Specification, Drawing, Procedure, Manual, Report or Other
     * @param fileName the associated file's name
     * @param mimeType the associated file's MIME type
     * @param attributes the custom attributes
     */
    record NewDocument(
            @Size(max = 100, message = "must be at most {max} characters") String itemNumber,
            @Size(max = 500, message = "must be at most {max} characters") String name,
            @Size(min = 1, max = 10, message = "must be 1 to {max} characters") String revision,
            @Size(max = 5000, message = "must be at most {max} characters") String description,
            String docType,
            @Size(max = 500, message = "must be at most {max} characters") String fileName,
            @Size(max = 100, message = "must be at most {max} characters") String mimeType,
            Map<String, String> attributes) implements NewItem {
    }

    /**
     * An issue, created in state {@code Open}.
     *
     * @param itemNumber the item number, or null to generate one
     * @param name the title
     * @param description the description
     * @param severity Critical, High, Medium or Low
     * @param priority Critical, High, Medium or Low
     * @param category Design, Manufacturing, Quality, Customer, Safety or Other
     * @param reportedDate when it was reported
     * @param resolution the resolution
     * @param rootCause the root cause analysis
     * @param attributes the custom attributes
     */
    record NewIssue(
            @Size(max = 100, message = "must be at most {max} characters") String itemNumber,
            @Size(max = 500, message = "must be at most {max} characters") String name,
            @Size(max = 10000, message = "must be at most {max} characters") String description,
            String severity,
            String priority,
            String category,
            LocalDate reportedDate,
            @Size(max = 10000, message = "must be at most {max} characters") String resolution,
            @Size(max = 10000, message = "must be at most {max} characters") String rootCause,
            Map<String, String> attributes) implements NewItem {
        @Override
        public String revision() {
            return "-";
        }
    }
}
