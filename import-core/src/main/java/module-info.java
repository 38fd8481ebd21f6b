/**
 * Intake core: import definitions, value types, rules and constraints, header matching, the row
 * pipeline and the report model. Depends on the JDK and jakarta.validation-api only.
 */
// The qualified export below names modules compiled after this one.
@SuppressWarnings("module")
module dev.intake.core {
    requires transitive jakarta.validation;

    exports dev.intake.core;
    exports dev.intake.core.pipeline;
    exports dev.intake.core.result;
    exports dev.intake.core.rule;
    exports dev.intake.core.source;
    exports dev.intake.core.type;

    // Helpers the sibling modules share with core: the once-only setter rule of every builder, and
    // how header names are compared (a JSON source names its rows' fields the way headers match).
    exports dev.intake.core.internal to dev.intake.spi, dev.intake.json;
}
