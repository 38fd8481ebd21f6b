/**
 * Intake XLSX: a guarded, streaming XLSX row source, and XLSX templates and error reports.
 */
module dev.intake.xlsx {
    requires transitive dev.intake.core;
    requires java.xml;
    requires com.fasterxml.aalto;
    requires org.dhatim.fastexcel;

    exports dev.intake.xlsx;
}
