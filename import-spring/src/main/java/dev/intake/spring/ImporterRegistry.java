package dev.intake.spring;

import dev.intake.spi.Importer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The application's importers by their definitions' names: every {@link Importer} bean of the
 * context, found the first time it is asked for (so importers may depend on what the endpoints
 * depend on). Two importers whose definitions share a name are a misconfiguration, refused with both
 * names. Thread-safe.
 */
public class ImporterRegistry {
    private final Supplier<List<Importer<?>>> importers;
    private volatile Map<String, Importer<?>> byName;

    /**
     * A registry; the auto-configuration makes it over the context's importer beans.
     *
     * @param importers gives the importers, asked once
     */
    public ImporterRegistry(Supplier<List<Importer<?>>> importers) {
        this.importers = importers;
    }

    /**
     * An importer by its definition's name.
     *
     * @param name the definition's name
     * @return the importer, if the application has one of that name
     * @throws IllegalStateException if two importers have that name
     */
    public Optional<Importer<?>> find(String name) {
        return Optional.ofNullable(byName().get(name));
    }

    /**
     * @return every importer, in the context's order; never null
     * @throws IllegalStateException if two importers share a name
     */
    public Collection<Importer<?>> all() {
        return byName().values();
    }

    private Map<String, Importer<?>> byName() {
        Map<String, Importer<?>> found = byName;
        if (found == null) {
            synchronized (this) {
                if (byName == null) {
                    Map<String, Importer<?>> named = new LinkedHashMap<>();
                    for (Importer<?> importer : importers.get()) {
                        String name = importer.definition().name();
                        if (named.putIfAbsent(name, importer) != null) {
                            throw new IllegalStateException("two Importer beans have the definition name " + name
                                    + "; each importer is served under its definition's name, which must be unique");
                        }
                    }
                    byName = java.util.Collections.unmodifiableMap(named);
                }
                found = byName;
            }
        }
        return found;
    }
}
