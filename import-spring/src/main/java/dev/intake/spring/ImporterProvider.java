package dev.intake.spring;

import dev.intake.core.ImportContext;
import dev.intake.core.ImportDefinition;
import dev.intake.spi.CommitPolicy;
import dev.intake.spi.Importer;
import java.util.Objects;

/**
 * An importer made afresh for each run, for importers that hold what lives as long as one import: a
 * connection of their own with statements prepared on it, reference data read when the import
 * starts, a tenant's database. Declared as a bean beside (or instead of) {@link Importer} beans, it
 * is served over HTTP under its {@link #name()} like them; each run {@linkplain #open opens} an
 * importer and closes it when the run ends, however it ends.
 *
 * <pre>{@code
 * @Bean
 * ImporterProvider runs(DataSource dataSource) {
 *     return ImporterProvider.of("runs", () -> {
 *         try (Connection connection = dataSource.getConnection()) {
 *             return Runs.definition(connection);
 *         }
 *     }, context -> {
 *         Connection connection = dataSource.getConnection();
 *         return ImporterProvider.opened(Runs.importer(connection), connection::close);
 *     });
 * }
 * }</pre>
 *
 * An {@code Importer} bean is the simpler choice whenever the importer can be shared: its parts ask
 * the application for the current transaction's connection and read what they look up when they
 * look it up ({@link ImporterFactory}). Implementations are thread-safe: runs open importers
 * concurrently, and the endpoints ask for the definition while runs execute.
 */
public interface ImporterProvider {

    /**
     * The name the importer is served under; the name of every definition it gives.
     *
     * @return the name
     */
    String name();

    /**
     * The definition as a run started now would see it: the endpoints list its columns, make its
     * templates, check a submission's mode and header mapping against it, and read a run's stored
     * file with it for pages of failed rows and error reports.
     *
     * @return the definition
     * @throws Exception if it cannot be made (the endpoints answer {@code 500} and log it)
     */
    ImportDefinition definition() throws Exception;

    /**
     * How the importers it opens commit, as the endpoints list it: a screen offers to import the
     * rows that pass only when each row commits on its own. The engine's default unless overridden.
     *
     * @return the commit policy of its importers
     */
    default CommitPolicy policy() {
        return CommitPolicy.PER_ROW;
    }

    /**
     * Opens the importer of one run.
     *
     * @param context who imports: the submitter as the caller, their roles
     * @return the importer and what closes it
     * @throws Exception if it cannot be opened (the run fails, as when it throws while it executes)
     */
    Opened open(ImportContext context) throws Exception;

    /**
     * The importer of one run and what its end releases.
     *
     * @param importer the importer
     * @param resources what the importer holds (a connection), closed once when the run ends
     */
    record Opened(Importer<?> importer, AutoCloseable resources) {
        /**
         * @throws NullPointerException if either is null
         */
        public Opened {
            Objects.requireNonNull(importer, "importer must not be null");
            Objects.requireNonNull(resources, "resources must not be null");
        }

        /**
         * Releases what the importer holds.
         *
         * @throws Exception if releasing fails
         */
        public void release() throws Exception {
            resources.close();
        }
    }

    /**
     * An opened importer.
     *
     * @param importer the importer
     * @param release closes what it holds
     * @return the importer with its release
     */
    static Opened opened(Importer<?> importer, AutoCloseable release) {
        return new Opened(importer, release);
    }

    /**
     * How a definition is made.
     */
    @FunctionalInterface
    interface DefinitionSupplier {
        /**
         * @return the definition
         * @throws Exception if it cannot be made
         */
        ImportDefinition get() throws Exception;
    }

    /**
     * How a run's importer is opened.
     */
    @FunctionalInterface
    interface Opener {
        /**
         * @param context who imports
         * @return the importer and its release
         * @throws Exception if it cannot be opened
         */
        Opened open(ImportContext context) throws Exception;
    }

    /**
     * A provider of functions.
     *
     * @param name the name it is served under
     * @param definition makes the definition as it is now
     * @param opener opens a run's importer
     * @return the provider; it refuses an importer or a definition of another name
     */
    static ImporterProvider of(String name, DefinitionSupplier definition, Opener opener) {
        return of(name, CommitPolicy.PER_ROW, definition, opener);
    }

    /**
     * A provider of functions whose importers commit with a given policy.
     *
     * @param name the name it is served under
     * @param policy how its importers commit
     * @param definition makes the definition as it is now
     * @param opener opens a run's importer
     * @return the provider; it refuses an importer of another name or policy, or a definition of another name
     */
    static ImporterProvider of(String name, CommitPolicy policy, DefinitionSupplier definition, Opener opener) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(policy, "policy must not be null");
        Objects.requireNonNull(definition, "definition must not be null");
        Objects.requireNonNull(opener, "opener must not be null");
        return new ImporterProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ImportDefinition definition() throws Exception {
                return named(definition.get(), name);
            }

            @Override
            public CommitPolicy policy() {
                return policy;
            }

            @Override
            public Opened open(ImportContext context) throws Exception {
                Opened opened = opener.open(context);
                try {
                    named(opened.importer().definition(), name);
                    if (opened.importer().policy() != policy) {
                        throw new IllegalStateException("the importer provider " + name + " opened an importer that"
                                + " commits " + opened.importer().policy() + ", not " + policy + " as it says");
                    }
                } catch (RuntimeException e) {
                    opened.release();
                    throw e;
                }
                return opened;
            }

            @Override
            public String toString() {
                return "ImporterProvider[" + name + "]";
            }
        };
    }

    /**
     * An importer shared by every run: its definition is the importer's, opening gives it with
     * nothing to release. How {@link Importer} beans are served.
     *
     * @param importer the importer
     * @return the provider
     */
    static ImporterProvider of(Importer<?> importer) {
        Objects.requireNonNull(importer, "importer must not be null");
        Opened opened = new Opened(importer, () -> { });
        return new ImporterProvider() {
            @Override
            public String name() {
                return importer.definition().name();
            }

            @Override
            public ImportDefinition definition() {
                return importer.definition();
            }

            @Override
            public CommitPolicy policy() {
                return importer.policy();
            }

            @Override
            public Opened open(ImportContext context) {
                return opened;
            }

            @Override
            public String toString() {
                return "ImporterProvider[" + importer.definition().name() + "]";
            }
        };
    }

    private static ImportDefinition named(ImportDefinition definition, String name) {
        if (!definition.name().equals(name)) {
            throw new IllegalStateException("the importer provider " + name + " gave a definition named "
                    + definition.name() + "; a provider's definitions carry its name");
        }
        return definition;
    }
}
