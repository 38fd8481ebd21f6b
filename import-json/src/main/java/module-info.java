/**
 * Intake JSON: the report as JSON (jackson-databind).
 */
module dev.intake.json {
    requires transitive dev.intake.core;
    // JsonErrors words Jackson's own exceptions: their type is part of this module's API
    requires transitive com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.intake.json;
}
