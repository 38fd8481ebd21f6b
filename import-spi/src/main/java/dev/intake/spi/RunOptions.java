package dev.intake.spi;

import dev.intake.core.ImportContext;
import dev.intake.core.Mode;
import dev.intake.core.internal.Setters;
import dev.intake.core.result.ImportReport;
import dev.intake.core.result.ReportSink;
import dev.intake.core.result.RunMode;
import java.util.Objects;
import java.util.Optional;

/**
 * How one import runs: a dry run or a commit, the {@link Mode} when the run chooses one of those its
 * definition allows, the request's context, and who follows its progress. Immutable.
 *
 * <pre>{@code
 * importer.run(source, RunOptions.commit().mode(Mode.UPSERT).context(context).build());
 * }</pre>
 */
public final class RunOptions {
    private final RunMode runMode;
    private final Mode mode;
    private final ImportContext context;
    private final ImportProgress progress;
    private final ReportSink sink;
    private final int keepRows;
    private final boolean importAgain;
    private final String journalKey;
    private final CommitPolicy policy;
    private final java.util.Map<String, String> headerMapping;
    private final dev.intake.core.Limits limits;

    private RunOptions(Builder builder) {
        this.runMode = builder.runMode;
        this.mode = builder.mode;
        this.context = builder.context == null ? ImportContext.empty() : builder.context;
        this.progress = builder.progress == null ? ImportProgress.none() : builder.progress;
        this.sink = builder.sink == null ? ReportSink.none() : builder.sink;
        this.keepRows = builder.keepRows < 0 ? ImportReport.DEFAULT_KEPT_ROWS : builder.keepRows;
        this.importAgain = builder.importAgain;
        this.journalKey = builder.journalKey;
        this.policy = builder.policy;
        this.headerMapping = java.util.Map.copyOf(builder.headerMapping);
        this.limits = builder.limits;
    }

    /**
     * @return a builder of a dry run: every check, nothing written
     */
    public static Builder dryRun() {
        return new Builder(RunMode.DRY_RUN);
    }

    /**
     * @return a builder of a commit
     */
    public static Builder commit() {
        return new Builder(RunMode.COMMIT);
    }

    /**
     * @param runMode dry run or commit
     * @return a builder
     */
    public static Builder of(RunMode runMode) {
        return new Builder(Objects.requireNonNull(runMode, "runMode must not be null"));
    }

    /** @return dry run or commit, never null */
    public RunMode runMode() {
        return runMode;
    }

    /** @return the mode the run chooses; empty means the definition's default */
    public Optional<Mode> mode() {
        return Optional.ofNullable(mode);
    }

    /** @return the request's context, never null */
    public ImportContext context() {
        return context;
    }

    /** @return who follows the run, never null */
    public ImportProgress progress() {
        return progress;
    }

    /** @return where every row's outcome goes as it is decided, never null */
    public ReportSink sink() {
        return sink;
    }

    /** @return how many rows of each kind the returned report keeps */
    public int keepRows() {
        return keepRows;
    }

    /** @return whether a file the importer's journal says was imported is imported again */
    public boolean importAgain() {
        return importAgain;
    }

    /** @return the commit policy this run chose, when not the importer's */
    public java.util.Optional<CommitPolicy> policy() {
        return java.util.Optional.ofNullable(policy);
    }

    /** @return the file's headers mapped to columns' keys ({@link Builder#headerMapping}); empty for none */
    public java.util.Map<String, String> headerMapping() {
        return headerMapping;
    }

    /** @return the limits of this import, when not the definition's ({@link Builder#limits}) */
    public java.util.Optional<dev.intake.core.Limits> limits() {
        return java.util.Optional.ofNullable(limits);
    }

    /** @return the name the journal records this import under, when not the definition's */
    public java.util.Optional<String> journalKey() {
        return java.util.Optional.ofNullable(journalKey);
    }

    /** Builds {@link RunOptions}. Each setter may be called once. Not thread-safe. */
    public static final class Builder {
        private final RunMode runMode;
        private Mode mode;
        private CommitPolicy policy;
        private ImportContext context;
        private ImportProgress progress;
        private ReportSink sink;
        private int keepRows = -1;
        private boolean importAgain;
        private String journalKey;
        private dev.intake.core.Limits limits;
        private final java.util.Map<String, String> headerMapping = new java.util.LinkedHashMap<>();

        private Builder(RunMode runMode) {
            this.runMode = runMode;
        }

        /**
         * Chooses the mode, one of those the definition allows ({@code ImportDefinition.modes()});
         * another is refused with {@code INVALID_REQUEST} before the file is read. Default: the
         * definition's mode.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder mode(Mode value) {
            mode = Setters.once(mode, value, "mode");
            return this;
        }

        /**
         * Chooses how a commit writes, for this run: row by row, or all or nothing. Default: the
         * importer's ({@code Importer.Builder.policy}). A dry run writes nothing either way.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder policy(CommitPolicy value) {
            policy = Setters.once(policy, value, "commit policy");
            return this;
        }

        /**
         * Sets the request's context, passed to lookups, checks and repositories. Default: empty.
         *
         * @param value the context
         * @return this builder
         */
        public Builder context(ImportContext value) {
            context = Setters.once(context, value, "context");
            return this;
        }

        /**
         * Sets who follows the run and may cancel it. Default: {@link ImportProgress#none()}.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder progress(ImportProgress value) {
            progress = Setters.once(progress, value, "progress");
            return this;
        }

        /**
         * Sends every row's outcome to a sink as it is decided, e.g. a {@link RowSpool} to write a
         * report of any size from. Default: none (the returned report is all there is).
         *
         * @param value the sink
         * @return this builder
         */
        public Builder sink(ReportSink value) {
            sink = Setters.once(sink, value, "sink");
            return this;
        }

        /**
         * Sets how many rows of each kind (created, updated, failed) the returned report keeps, the
         * first ones; the others are counted in {@code rowsOmitted} and go to the sink only.
         * Default: {@value ImportReport#DEFAULT_KEPT_ROWS}.
         *
         * @param value rows of each kind, 0 or more
         * @return this builder
         * @throws IllegalArgumentException if value is negative
         */
        public Builder keepRows(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("keepRows must not be negative, not " + value);
            }
            if (keepRows >= 0) {
                throw new IllegalStateException("the rows to keep are already set");
            }
            keepRows = value;
            return this;
        }

        /**
         * Imports the file even when the importer's journal says it was imported already: its rows
         * are written a second time. Without it, such a commit writes nothing and reports
         * {@code ALREADY_IMPORTED}. An interrupted import of the file is resumed either way.
         *
         * @return this builder
         */
        public Builder importAgain() {
            importAgain = true;
            return this;
        }

        /**
         * Sets the name the importer's journal records this import under, with the file's
         * fingerprint. Default: the definition's name, so that the same file imported again is
         * recognised. An import run sets its run's id: each run is an import of its own, and the
         * same run taken up again after a crash resumes its entry.
         *
         * @param value the name, at most 200 characters
         * @return this builder
         */
        public Builder journalKey(String value) {
            journalKey = Setters.once(journalKey, value, "journalKey");
            if (value.isBlank() || value.length() > 200) {
                throw new IllegalArgumentException("a journal key has 1 to 200 characters");
            }
            return this;
        }

        /**
         * Maps headers of this file to columns: a header cell that reads as a mapped header (compared
         * as headers are: case, spacing, {@code _} and {@code -} aside) is taken for that column, as
         * if it were the column's key. For files whose headers no definition could know (a user's
         * export, a screen where the user matched their columns to the template's). A column the
         * definition does not have is refused with the run ({@code INVALID_REQUEST}, nothing read).
         * A header mapped to {@code ""} is not read: the column is left out as if the file did not
         * have it (its row numbers and the other columns stay). Default: none.
         *
         * @param mapping the file's header to the column's key, or to {@code ""} to leave it out
         * @return this builder
         * @throws IllegalStateException if a mapping is set already
         * @throws IllegalArgumentException if a header is blank, or a key is null or white space
         */
        public Builder headerMapping(java.util.Map<String, String> mapping) {
            if (!headerMapping.isEmpty()) {
                throw new IllegalStateException("the header mapping is already set");
            }
            mapping.forEach((header, column) -> {
                if (header == null || header.isBlank() || column == null || (column.isBlank() && !column.isEmpty())) {
                    throw new IllegalArgumentException("a header mapping maps a header to a column or to \"\", the"
                            + " header not blank: " + header + " -> " + column);
                }
                headerMapping.put(header, column);
            });
            return this;
        }

        /**
         * Reads this import under other limits than the definition's: more rows, bytes or
         * characters for a bigger file an operator lets in, or less. Default: the definition's.
         *
         * @param value the limits
         * @return this builder
         * @throws IllegalStateException if limits are set already
         */
        public Builder limits(dev.intake.core.Limits value) {
            limits = Setters.once(limits, java.util.Objects.requireNonNull(value, "limits must not be null"), "limits");
            return this;
        }

        /** @return the options */
        public RunOptions build() {
            return new RunOptions(this);
        }
    }
}
