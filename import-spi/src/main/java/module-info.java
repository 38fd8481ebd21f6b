/**
 * Intake SPI: the repositories a host implements (records, groups, the transaction boundary), the
 * {@link dev.intake.spi.Importer} that runs a definition against them, and in-memory implementations.
 */
module dev.intake.spi {
    requires transitive dev.intake.core;

    exports dev.intake.spi;
    exports dev.intake.spi.memory;
    exports dev.intake.spi.run;
}
