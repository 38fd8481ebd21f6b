package dev.intake.examples.arena;

import dev.intake.examples.jdbc.Connections;
import dev.intake.jdbc.JdbcImportJournal;
import dev.intake.jdbc.JdbcTransactions;
import dev.intake.json.DefinitionJson;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The import runs example's importer on the command line ({@code import arena-items FILE
 * --definition GUID}): the saved definition executed on the file at once, all or nothing, as a run
 * executes it.
 */
public final class ArenaCommandLine {
    /** The importer's name on the command line. */
    public static final String NAME = "arena-items";

    private ArenaCommandLine() {
    }

    /**
     * The importer of a saved definition.
     *
     * @param connection the command line's connection
     * @param definition the definition's GUID ({@code --definition})
     * @param caller the {@code --as} email, or null
     * @return the importer
     * @throws IllegalArgumentException with a message for the user when the definition is missing,
     *     unknown or not valid (a fixed value that is not an option is worded as the seed's 3011)
     * @throws SQLException if the database fails
     */
    public static Importer<ArenaItem> importer(Connection connection, String definition, String caller)
            throws SQLException {
        if (definition == null) {
            throw new IllegalArgumentException(NAME + " needs --definition GUID, the saved import definition to run");
        }
        ArenaStore store = new ArenaStore(Connections.of(connection));
        ArenaStore.SavedDefinition saved = store.definition(definition).orElseThrow(() ->
                new IllegalArgumentException("no import definition has the GUID " + definition));
        if (caller != null && store.userByEmail(caller).isEmpty()) {
            throw new IllegalArgumentException("no Arena user has the email " + caller);
        }
        DefinitionJson.Definition read;
        try {
            read = DefinitionJson.read(saved.document().getBytes(StandardCharsets.UTF_8), store.targets());
        } catch (DefinitionJson.InvalidDefinitionException e) {
            throw new IllegalArgumentException(ArenaApi.describe(saved, e));
        }
        return Importer.builder(read.definition(), row -> ArenaItem.of(row, read), store.items())
                .transactions(new JdbcTransactions(connection))
                .policy(CommitPolicy.ALL_OR_NOTHING)
                .journal(JdbcImportJournal.on(() -> connection))
                .build();
    }
}
