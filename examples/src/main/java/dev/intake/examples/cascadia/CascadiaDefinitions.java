package dev.intake.examples.cascadia;

import dev.intake.core.AttributeCatalog;
import dev.intake.core.Column;
import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.Mode;
import dev.intake.core.pipeline.BeanValidation;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.type.Types;
import jakarta.validation.Validator;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Import API's three definitions, as the seed's tables give them. Column keys are the JSON
 * field names, labels the template's headers, so a request's rows, a filled-in template and a JSON
 * file read alike. Request checks answer, before any row is read: the target exists
 * ({@code TARGET_NOT_FOUND}), the caller may write there ({@code NOT_AUTHORIZED}), a post-release
 * design gets a branch ({@code BRANCH_REQUIRED}). The seed's limits are the Bean Validation
 * constraints of {@link NewItem}'s records, checked by the host's validator while each row is, so
 * that a row reports every problem it has at once.
 */
public final class CascadiaDefinitions {
    /** Longest custom attribute name, as {@code cascadia_item_attributes.name} holds it. */
    static final int ATTRIBUTE_NAME_LENGTH = 200;
    /** Longest custom attribute value, as {@code cascadia_item_attributes.attribute_value} holds it. */
    static final int ATTRIBUTE_VALUE_LENGTH = 2000;

    private CascadiaDefinitions() {
    }

    /**
     * The definition of a kind.
     *
     * @param kind parts, documents or issues
     * @param store where the request checks look
     * @param validator the host's Bean Validation validator (Spring's, in the web host)
     * @return the definition
     */
    public static ImportDefinition of(CascadiaKind kind, CascadiaStore store, Validator validator) {
        ImportDefinition.Builder builder = ImportDefinition.builder(kind.importerName())
                .description("Cascadia Import API: " + kind.path());
        builder.column(Column.text("itemNumber").label("Item Number")
                .description("Item number; generated (" + kind.prefix() + "-000001) when omitted")
                .example(switch (kind) {
                    case PARTS -> "PN-000001";
                    case DOCUMENTS -> "DOC-000001";
                    case ISSUES -> "ISS-000001";
                }));
        builder.column(Column.text("name").label("Name").required().description("1-500 characters")
                .example(switch (kind) {
                    case PARTS -> "Aluminum Housing";
                    case DOCUMENTS -> "Motor Assembly Drawing";
                    case ISSUES -> "Motor overheating under load";
                }));
        switch (kind) {
            case PARTS -> {
                builder.column(revision());
                builder.column(Column.text("description").label("Description").description("at most 5000 characters")
                        .example("Main housing for the motor assembly"));
                builder.column(Column.option("partType", "Manufacture", "Purchase", "Software", "Phantom").label("Type")
                        .example("Manufacture"));
                builder.column(Column.text("material").label("Material").example("Aluminum 6061-T6"));
                builder.column(Column.text("weight").label("Weight").example("2.5"));
                builder.column(Column.text("weightUnit").label("Weight Unit").description("e.g. kg, lb").example("kg"));
                builder.column(Column.text("cost").label("Cost").example("125.00"));
                builder.column(Column.currency("costCurrency").label("Currency").description("ISO 4217 code")
                        .example("USD"));
                builder.column(Column.integer("leadTimeDays").label("Lead Time (Days)").description("0 or more")
                        .example("14"));
            }
            case DOCUMENTS -> {
                builder.column(revision());
                builder.column(Column.text("description").label("Description").description("at most 5000 characters")
                        .example("Assembly drawing for the motor housing"));
                builder.column(Column.option("docType", "Specification", "Drawing", "Procedure", "Manual", "Report",
                        "Other").label("Document Type").example("Drawing"));
                builder.column(Column.text("fileName").label("File Name").example("motor-assy.pdf"));
                builder.column(Column.text("mimeType").label("MIME Type").example("application/pdf"));
            }
            case ISSUES -> {
                builder.column(Column.text("description").label("Description").description("at most 10000 characters")
                        .example("Motor temperature exceeds 95C after 30 minutes at full load"));
                builder.column(Column.option("severity", "Critical", "High", "Medium", "Low").label("Severity")
                        .example("High"));
                builder.column(Column.option("priority", "Critical", "High", "Medium", "Low").label("Priority")
                        .example("Critical"));
                builder.column(Column.option("category", "Design", "Manufacturing", "Quality", "Customer", "Safety",
                        "Other").label("Category").example("Design"));
                builder.column(Column.date("reportedDate").label("Reported Date").example("2025-01-15"));
                builder.column(Column.text("resolution").label("Resolution").description("at most 10000 characters"));
                builder.column(Column.text("rootCause").label("Root Cause").description("at most 10000 characters")
                        .example("Insufficient heatsink surface area"));
            }
        }
        return builder
                .check(BeanValidation.properties(validator, switch (kind) {
                    case PARTS -> NewItem.NewPart.class;
                    case DOCUMENTS -> NewItem.NewDocument.class;
                    case ISSUES -> NewItem.NewIssue.class;
                }))
                .customAttributes(AttributeCatalog.open(Types.text()))
                .check((row, context, problems) -> row.attributes().forEach((name, value) -> {
                    if (name.length() > ATTRIBUTE_NAME_LENGTH) {
                        problems.accept(Problem.at(ProblemCode.TOO_LONG, name.substring(0, 60) + "...",
                                "an attribute name must be at most " + ATTRIBUTE_NAME_LENGTH + " characters, not "
                                        + name.length()));
                    }
                    String text = String.valueOf(value);
                    if (text.length() > ATTRIBUTE_VALUE_LENGTH) {
                        problems.accept(Problem.at(ProblemCode.TOO_LONG, name, name + " must be at most "
                                + ATTRIBUTE_VALUE_LENGTH + " characters, not " + text.length()));
                    }
                }))
                .requestCheck((context, problems) -> checkRequest(store, request(context), problems))
                .key("itemNumber")
                .mode(Mode.CREATE_ONLY)
                .build();
    }

    private static Column.Builder<String> revision() {
        return Column.text("revision").label("Revision").description("1-10 characters; - when omitted")
                .defaultValue("-").example("-");
    }

    /**
     * The request an import runs for.
     *
     * @param context the import's context
     * @return the request
     * @throws IllegalStateException if the context carries none
     */
    static CascadiaRequest request(ImportContext context) {
        return context.attribute(CascadiaRequest.CONTEXT_ATTRIBUTE, CascadiaRequest.class)
                .orElseThrow(() -> new IllegalStateException("a Cascadia import runs with its request in the context"));
    }

    /** The checks of SERVE.md's table, every problem found; the host answers the first by its order. */
    private static void checkRequest(CascadiaStore store, CascadiaRequest request, Consumer<Problem> problems)
            throws Exception {
        if (!request.kind().inDesign()) {
            if (request.program().isPresent() && !store.programExists(request.program().get())) {
                problems.accept(Problem.of(ProblemCode.TARGET_NOT_FOUND, "Program " + request.program().get()
                        + " not found"));
            }
            return;
        }
        if (request.design().isEmpty()) {
            problems.accept(Problem.of(ProblemCode.INVALID_REQUEST, "Design ID is required"));
            return;
        }
        UUID design = request.design().get();
        Optional<String> phase = store.designPhase(design);
        if (phase.isEmpty()) {
            problems.accept(Problem.of(ProblemCode.TARGET_NOT_FOUND, "Design " + design + " not found"));
            return;
        }
        if (request.branch().isPresent()) {
            Optional<UUID> branchDesign = store.branchDesign(request.branch().get());
            if (branchDesign.isEmpty() || !branchDesign.get().equals(design)) {
                problems.accept(Problem.of(ProblemCode.TARGET_NOT_FOUND, "Branch " + request.branch().get()
                        + " not found in design " + design));
                return;
            }
        }
        if (!store.hasAccess(request.caller().id(), design)) {
            problems.accept(Problem.of(ProblemCode.NOT_AUTHORIZED, request.caller().email()
                    + " has no access to design " + design));
        }
        if (request.bypassBranchProtection() && !request.caller().isAdministrator()) {
            problems.accept(Problem.of(ProblemCode.NOT_AUTHORIZED,
                    "Bypassing branch protection requires the Administrator role"));
        }
        if (phase.get().equals("POST_RELEASE") && request.branch().isEmpty() && !request.bypassBranchProtection()) {
            problems.accept(Problem.of(ProblemCode.BRANCH_REQUIRED, "Branch ID required: design " + design
                    + " is post-release; give branchId, or bypass branch protection as an Administrator"));
        }
    }
}
