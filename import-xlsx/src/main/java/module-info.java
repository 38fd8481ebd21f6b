/**
 * Intake XLSX: streaming XLSX row source, templates and error reports. This module has no API yet;
 * it is filled by the XLSX work and exports its package then.
 */
module dev.intake.xlsx {
    requires transitive dev.intake.core;
}
