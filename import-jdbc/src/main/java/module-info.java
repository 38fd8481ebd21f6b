/**
 * Intake JDBC: the import journal and the import runs kept in the host's JDBC database.
 */
module dev.intake.jdbc {
    requires transitive dev.intake.spi;
    requires transitive java.sql;

    exports dev.intake.jdbc;
}
