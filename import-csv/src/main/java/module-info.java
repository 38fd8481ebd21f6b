/**
 * Intake CSV: a streaming, bounded CSV row source, and CSV templates and error reports written
 * with commons-csv.
 */
module dev.intake.csv {
    requires transitive dev.intake.core;
    requires org.apache.commons.csv;
    requires org.apache.commons.io;

    exports dev.intake.csv;
}
