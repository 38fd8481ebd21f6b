/**
 * Intake core: import definitions, value types, rules and constraints, header matching, the row
 * pipeline and the report model. Depends on the JDK and jakarta.validation-api only.
 */
// The qualified export below names a module compiled after this one.
@SuppressWarnings("module")
module dev.intake.core {
    requires transitive jakarta.validation;

    exports dev.intake.core;
    exports dev.intake.core.pipeline;
    exports dev.intake.core.result;
    exports dev.intake.core.rule;
    exports dev.intake.core.source;
    exports dev.intake.core.type;

    // Helpers every builder shares (the once-only setter rule), for the sibling modules' builders.
    exports dev.intake.core.internal to dev.intake.spi;
}
