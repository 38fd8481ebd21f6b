/**
 * Intake JSON: the report as JSON (jackson-databind).
 */
module dev.intake.json {
    requires transitive dev.intake.core;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports dev.intake.json;
}
