package dev.intake.examples.cascadia;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.core.result.ImportReport;
import dev.intake.core.source.ImportSource;
import dev.intake.json.JsonSource;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import dev.intake.spi.RunOptions;
import dev.intake.spi.TransactionBoundary;
import jakarta.validation.Validator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Import API's imports, whatever carries the request (HTTP, the command line): one importer per
 * kind, committing {@code PER_ROW} through the host's transaction boundary, checking the seed's
 * limits with the host's validator, and wiring a parts request's BOM relationships after its rows. Thread-safe:
 * concurrent requests share the importers.
 */
public final class CascadiaImports {
    private final CascadiaStore store;
    private final Map<CascadiaKind, Importer<NewItem>> importers = new EnumMap<>(CascadiaKind.class);

    /**
     * Builds the importers.
     *
     * @param store the host's data
     * @param transactions the host's transaction boundary (with savepoints, rows commit a chunk at a time)
     * @param validator the host's Bean Validation validator, which checks the seed's limits
     */
    public CascadiaImports(CascadiaStore store, TransactionBoundary transactions, Validator validator) {
        this.store = Objects.requireNonNull(store, "store must not be null");
        for (CascadiaKind kind : CascadiaKind.values()) {
            Importer.Builder<NewItem> builder = Importer.builder(CascadiaDefinitions.of(kind, store, validator),
                    row -> NewItem.of(kind, row), store.items())
                    .transactions(transactions)
                    .policy(CommitPolicy.PER_ROW);
            if (kind == CascadiaKind.PARTS) {
                builder.afterRows(new BomPhase(store));
            }
            importers.put(kind, builder.build());
        }
    }

    /**
     * @param kind the kind
     * @return its definition
     */
    public ImportDefinition definition(CascadiaKind kind) {
        return importers.get(kind).definition();
    }

    /**
     * @return the host's data
     */
    public CascadiaStore store() {
        return store;
    }

    /**
     * A request body's rows as an import source: the array under {@code rows}, {@code rows[0]} being
     * row 2, custom attributes from each row's {@code attributes}.
     *
     * @param kind the kind
     * @param body the body
     * @return the source
     */
    public JsonSource rows(CascadiaKind kind, JsonSource.Input body) {
        return JsonSource.builder("request", body).fields(definition(kind)).rowsField("rows")
                .attributesField("attributes").textAttributes().build();
    }

    /**
     * Runs a request's import.
     *
     * @param request the request
     * @param source its rows
     * @param options a commit or a dry run (the command line without {@code --commit}), a sink,
     *     the rows kept; the request becomes the context
     * @return the report
     * @throws dev.intake.spi.ImportInterruptedException if the database fails
     */
    public ImportReport run(CascadiaRequest request, ImportSource source, RunOptions.Builder options) {
        return importers.get(request.kind()).run(source, options.context(context(request)).build());
    }

    /**
     * The context an import of a request runs with: the caller, and the request for the checks,
     * the repository and the BOM phase.
     *
     * @param request the request
     * @return the context
     */
    public static ImportContext context(CascadiaRequest request) {
        return ImportContext.builder().caller(request.caller().email())
                .attribute(CascadiaRequest.CONTEXT_ATTRIBUTE, request).build();
    }

    /**
     * The importer of a kind, for error reports and templates.
     *
     * @param kind the kind
     * @return the importer
     */
    public Importer<NewItem> importer(CascadiaKind kind) {
        return importers.get(kind);
    }
}
