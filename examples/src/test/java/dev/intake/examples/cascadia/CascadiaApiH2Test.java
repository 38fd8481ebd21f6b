package dev.intake.examples.cascadia;

import java.io.IOException;

/** The Import API over HTTP on an H2 file database, which the test reaches through H2's auto server. */
class CascadiaApiH2Test extends CascadiaApiTests {
    @Override
    String databaseUrl() throws IOException {
        return "jdbc:h2:file:" + dir.resolve("cascadia").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }
}
