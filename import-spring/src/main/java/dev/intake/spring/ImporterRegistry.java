package dev.intake.spring;

import dev.intake.spi.Importer;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The application's importers by name: every {@link Importer} bean of the context under its
 * definition's name and every {@link ImporterProvider} bean under its own, found the first time
 * they are asked for (so importers may depend on what the endpoints depend on). Two importers of one
 * name are a misconfiguration, refused with the name. Thread-safe.
 */
public class ImporterRegistry {
    private final Supplier<List<ImporterProvider>> providers;
    private volatile Map<String, ImporterProvider> byName;

    /**
     * A registry; the auto-configuration makes it over the context's importer and provider beans.
     *
     * @param providers gives the importers, asked once (an importer bean as {@link ImporterProvider#of(Importer)})
     */
    public ImporterRegistry(Supplier<List<ImporterProvider>> providers) {
        this.providers = providers;
    }

    /**
     * A registry of importers shared by every run.
     *
     * @param importers the importers
     * @return the registry
     */
    public static ImporterRegistry of(List<? extends Importer<?>> importers) {
        List<ImporterProvider> providers = importers.stream().map(ImporterProvider::of).toList();
        return new ImporterRegistry(() -> providers);
    }

    /**
     * An importer by name.
     *
     * @param name the name it is served under
     * @return the importer, if the application has one of that name
     * @throws IllegalStateException if two importers have that name
     */
    public Optional<ImporterProvider> find(String name) {
        return Optional.ofNullable(byName().get(name));
    }

    /**
     * @return every importer, importer beans first, each kind in the context's order; never null
     * @throws IllegalStateException if two importers share a name
     */
    public Collection<ImporterProvider> all() {
        return byName().values();
    }

    private Map<String, ImporterProvider> byName() {
        Map<String, ImporterProvider> found = byName;
        if (found == null) {
            synchronized (this) {
                if (byName == null) {
                    Map<String, ImporterProvider> named = new LinkedHashMap<>();
                    for (ImporterProvider provider : providers.get()) {
                        String name = provider.name();
                        if (named.putIfAbsent(name, provider) != null) {
                            throw new IllegalStateException("two importers have the name " + name
                                    + "; each importer is served under its name, which must be unique");
                        }
                    }
                    byName = Collections.unmodifiableMap(named);
                }
                found = byName;
            }
        }
        return found;
    }
}
