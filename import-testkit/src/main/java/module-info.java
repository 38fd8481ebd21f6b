/**
 * Intake test kit: the contract tests of Intake's repository SPI. An adapter author extends
 * {@link dev.intake.testkit.RecordRepositoryContract}, {@link dev.intake.testkit.GroupRepositoryContract}
 * and {@link dev.intake.testkit.ImportJournalContract}
 * in their own tests; JUnit Jupiter's API and AssertJ come with the kit.
 */
module dev.intake.testkit {
    requires transitive dev.intake.spi;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;

    exports dev.intake.testkit;
    // JUnit discovers and runs the contract tests by reflection.
    opens dev.intake.testkit to org.junit.platform.commons;
}
