/**
 * Intake core: import definitions, value types, rules and constraints, header matching, the row
 * pipeline and the report model. Depends on the JDK and jakarta.validation-api only.
 */
module dev.intake.core {
    requires transitive jakarta.validation;

    exports dev.intake.core;
    exports dev.intake.core.pipeline;
    exports dev.intake.core.result;
    exports dev.intake.core.rule;
    exports dev.intake.core.source;
    exports dev.intake.core.type;

    // The builders' shared rule, for the SPI's builders; not API.
    exports dev.intake.core.internal to dev.intake.spi;
}
