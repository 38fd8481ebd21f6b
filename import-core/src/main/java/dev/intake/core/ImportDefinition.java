package dev.intake.core;

import dev.intake.core.internal.Setters;
import dev.intake.core.internal.Texts;
import dev.intake.core.rule.Constraint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Describes one importer: its columns, the constraints between them, the references and groups
 * rows resolve, custom attributes, limits, and the mode with its key. Immutable and thread-safe;
 * reuse one definition for every import.
 *
 * <pre>{@code
 * ImportDefinition runs = ImportDefinition.builder("ion-runs")
 *     .column(Column.text("title").rule(Rules.maxLength(200)))
 *     .column(Column.bool("autogenerate_title"))
 *     .constraint(Constraints.exactlyOne("title", "autogenerate_title"))
 *     .group("run_batch_title")
 *     .build();
 * }</pre>
 */
public final class ImportDefinition {
    private final String name;
    private final String label;
    private final String description;
    private final List<Column<?>> columns;
    private final Map<String, Column<?>> byKey;
    private final List<Constraint> constraints;
    private final List<Reference<?>> references;
    private final List<RowReference> rowReferences;
    private final List<String> groups;
    private final List<RowCheck> checks;
    private final List<RequestCheck> requestChecks;
    private final AttributeCatalog attributeCatalog;
    private final Limits limits;
    private final Mode mode;
    private final Set<Mode> modes;
    private final List<String> key;
    private final UnknownColumns unknownColumns;
    private final boolean attributesLikeColumns;

    private ImportDefinition(Builder builder) {
        this.name = builder.name;
        this.label = builder.label == null ? builder.name : builder.label;
        this.description = builder.description == null ? "" : builder.description;
        this.columns = List.copyOf(builder.columns);
        Map<String, Column<?>> keys = new LinkedHashMap<>();
        for (Column<?> column : columns) {
            keys.put(column.key(), column);
        }
        this.byKey = keys;
        this.constraints = List.copyOf(builder.constraints);
        this.references = List.copyOf(builder.references);
        this.rowReferences = List.copyOf(builder.rowReferences);
        this.groups = List.copyOf(builder.groups);
        this.checks = List.copyOf(builder.checks);
        this.requestChecks = List.copyOf(builder.requestChecks);
        this.attributeCatalog = builder.attributeCatalog;
        this.limits = builder.limits == null ? Limits.defaults() : builder.limits;
        this.mode = builder.mode == null ? Mode.CREATE_ONLY : builder.mode;
        EnumSet<Mode> allowed = EnumSet.of(mode);
        allowed.addAll(builder.otherModes);
        this.modes = java.util.Collections.unmodifiableSet(allowed);
        this.key = List.copyOf(builder.key);
        this.unknownColumns = builder.unknownColumns == null ? UnknownColumns.REJECT : builder.unknownColumns;
        this.attributesLikeColumns = builder.attributesLikeColumns;
    }

    private ImportDefinition(ImportDefinition other, Limits limits) {
        this.name = other.name;
        this.label = other.label;
        this.description = other.description;
        this.columns = other.columns;
        this.byKey = other.byKey;
        this.constraints = other.constraints;
        this.references = other.references;
        this.rowReferences = other.rowReferences;
        this.groups = other.groups;
        this.checks = other.checks;
        this.requestChecks = other.requestChecks;
        this.attributeCatalog = other.attributeCatalog;
        this.limits = limits;
        this.mode = other.mode;
        this.modes = other.modes;
        this.key = other.key;
        this.unknownColumns = other.unknownColumns;
        this.attributesLikeColumns = other.attributesLikeColumns;
    }

    /**
     * This definition with other limits: for one import that may take more (a bigger file an
     * operator lets in) or must take less.
     *
     * @param value the limits
     * @return a definition like this one with those limits
     */
    public ImportDefinition withLimits(Limits value) {
        return new ImportDefinition(this, Objects.requireNonNull(value, "limits must not be null"));
    }

    /**
     * Starts a definition.
     *
     * @param name the importer's name, e.g. {@code ion-runs}; it appears in reports
     * @return a builder
     * @throws IllegalArgumentException if the name is blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * @return the name, never null
     */
    public String name() {
        return name;
    }

    /**
     * What people call the importer, on a page or a menu, e.g. {@code Runs}; its name unless set.
     *
     * @return the label, never blank
     */
    public String label() {
        return label;
    }

    /**
     * @return the description; empty when none
     */
    public String description() {
        return description;
    }

    /**
     * @return the columns in declared order, never null
     */
    public List<Column<?>> columns() {
        return columns;
    }

    /**
     * A column by key.
     *
     * @param key the key
     * @return the column, if defined
     */
    public Optional<Column<?>> column(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /**
     * The column a file's header cell names, matched as imports match it: by key, label or alias,
     * ignoring case, spaces, {@code _} and {@code -}. Lets a report writer put a problem (which names
     * the column by key) back under the user's own header.
     *
     * @param header a header cell as the file has it
     * @return the column, if the header names one
     */
    public Optional<Column<?>> columnForHeader(String header) {
        String normalized = Texts.normalize(header);
        for (Column<?> column : columns) {
            if (Texts.normalize(column.key()).equals(normalized) || Texts.normalize(column.label()).equals(normalized)
                    || column.aliases().stream().anyMatch(alias -> Texts.normalize(alias).equals(normalized))) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /**
     * The column a header that names none was probably meant for: the column whose key or label is
     * nearest to it, within a few typing mistakes ({@code Titel} for {@code Title}), as the import's
     * "did you mean" messages suggest it.
     *
     * @param header a header cell as the file has it
     * @return the column, if one is near enough
     */
    public Optional<Column<?>> suggestedColumnFor(String header) {
        Map<String, Column<?>> names = new LinkedHashMap<>();
        for (Column<?> column : columns) {
            names.putIfAbsent(column.key(), column);
            names.putIfAbsent(column.label(), column);
        }
        return Texts.closest(header, List.copyOf(names.keySet())).map(names::get);
    }

    /**
     * @return the cross-column constraints, never null
     */
    public List<Constraint> constraints() {
        return constraints;
    }

    /**
     * @return the references, never null
     */
    public List<Reference<?>> references() {
        return references;
    }

    /**
     * @return the references to other rows of the file, never null
     */
    public List<RowReference> rowReferences() {
        return rowReferences;
    }

    /**
     * The column whose values a row reference's rows are found by: its target, or the key.
     *
     * @param reference one of this definition's row references
     * @return the target column's key
     */
    public String targetOf(RowReference reference) {
        return reference.target().orElseGet(() -> key.get(0));
    }

    /**
     * @return the columns whose values name find-or-create groups, never null
     */
    public List<String> groups() {
        return groups;
    }

    /**
     * @return the host's row checks, never null
     */
    public List<RowCheck> checks() {
        return checks;
    }

    /**
     * @return the host's checks of the request, run before the file is read; never null
     */
    public List<RequestCheck> requestChecks() {
        return requestChecks;
    }

    /**
     * @return the catalog of allowed custom attributes, if unknown columns may be attributes
     */
    public Optional<AttributeCatalog> attributeCatalog() {
        return Optional.ofNullable(attributeCatalog);
    }

    /**
     * @return the limits, never null
     */
    public Limits limits() {
        return limits;
    }

    /**
     * @return the mode a run uses unless it chooses another; default {@link Mode#CREATE_ONLY}
     */
    public Mode mode() {
        return mode;
    }

    /**
     * @return the modes a run may choose: {@link #mode()} and those {@link Builder#allowModes} adds;
     *     unmodifiable, never empty
     */
    public Set<Mode> modes() {
        return modes;
    }

    /**
     * @return what happens to a header column that names nothing; default {@link UnknownColumns#REJECT}
     */
    public UnknownColumns unknownColumns() {
        return unknownColumns;
    }

    /**
     * @return whether a custom attribute catalog may take a header that looks like a misspelling of
     *     one of the columns; default false (such a header is {@code UNKNOWN_COLUMN}, with the column
     *     it is close to)
     */
    public boolean allowsAttributesLikeColumns() {
        return attributesLikeColumns;
    }

    /**
     * @return the columns whose values identify a record; empty when rows have no key
     */
    public List<String> key() {
        return key;
    }

    /**
     * Builds an {@link ImportDefinition}. Single-valued setters called twice throw
     * {@link IllegalStateException}; {@link #build()} rejects an inconsistent definition. Not
     * thread-safe.
     */
    public static final class Builder {
        private final String name;
        private String label;
        private String description;
        private final List<Column<?>> columns = new ArrayList<>();
        private final List<Constraint> constraints = new ArrayList<>();
        private final List<Reference<?>> references = new ArrayList<>();
        private final List<RowReference> rowReferences = new ArrayList<>();
        private final List<String> groups = new ArrayList<>();
        private final List<RowCheck> checks = new ArrayList<>();
        private final List<RequestCheck> requestChecks = new ArrayList<>();
        private AttributeCatalog attributeCatalog;
        private Limits limits;
        private Mode mode;
        private final Set<Mode> otherModes = EnumSet.noneOf(Mode.class);
        private final List<String> key = new ArrayList<>();
        private UnknownColumns unknownColumns;
        private boolean attributesLikeColumns;

        private Builder(String name) {
            Objects.requireNonNull(name, "name must not be null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a definition name must not be blank");
            }
            this.name = name;
        }

        /**
         * Sets what people call the importer ({@link ImportDefinition#label()}). Default: its name.
         *
         * @param value the label
         * @return this builder
         * @throws IllegalArgumentException if the label is blank
         */
        public Builder label(String value) {
            Objects.requireNonNull(value, "label must not be null");
            if (value.isBlank()) {
                throw new IllegalArgumentException("a definition's label must not be blank");
            }
            label = once(label, value, "label");
            return this;
        }

        /**
         * Sets the description. Default: none.
         *
         * @param value the description
         * @return this builder
         */
        public Builder description(String value) {
            description = once(description, value, "description");
            return this;
        }

        /**
         * Adds a column; columns keep the order added.
         *
         * @param column the column
         * @return this builder
         */
        public Builder column(Column<?> column) {
            columns.add(Objects.requireNonNull(column, "column must not be null"));
            return this;
        }

        /**
         * Builds and adds a column.
         *
         * @param column the column's builder
         * @return this builder
         */
        public Builder column(Column.Builder<?> column) {
            return column(column.build());
        }

        /**
         * Adds a cross-column constraint.
         *
         * @param constraint the constraint, e.g. from {@code Constraints}
         * @return this builder
         */
        public Builder constraint(Constraint constraint) {
            constraints.add(Objects.requireNonNull(constraint, "constraint must not be null"));
            return this;
        }

        /**
         * Adds a reference.
         *
         * @param reference the reference
         * @return this builder
         */
        public Builder reference(Reference<?> reference) {
            Objects.requireNonNull(reference, "reference must not be null");
            if (!reference.isBound()) {
                throw new IllegalArgumentException("reference " + reference.name() + " is declared but not bound:"
                        + " add its lookups with " + reference.name().toUpperCase(java.util.Locale.ROOT)
                        + ".bind().form(...) or .batchForm(...)");
            }
            references.add(reference);
            return this;
        }

        /**
         * Builds and adds a reference.
         *
         * @param reference the reference's builder
         * @return this builder
         */
        public Builder reference(Reference.Builder<?> reference) {
            return reference(reference.build());
        }

        /**
         * Adds a reference to another row of the file (or an existing record); see
         * {@link RowReference}.
         *
         * @param reference the row reference
         * @return this builder
         */
        public Builder rowReference(RowReference reference) {
            rowReferences.add(Objects.requireNonNull(reference, "reference must not be null"));
            return this;
        }

        /**
         * Builds and adds a reference to another row of the file.
         *
         * @param reference the row reference's builder
         * @return this builder
         */
        public Builder rowReference(RowReference.Builder reference) {
            return rowReference(reference.build());
        }

        /**
         * Declares a find-or-create group named by a column's value: rows that give the same value
         * join one group, which is created when it does not exist.
         *
         * @param column the column key, which is also the group's name in reports
         * @return this builder
         */
        public Builder group(String column) {
            groups.add(Objects.requireNonNull(column, "column must not be null"));
            return this;
        }

        /**
         * Adds a host check of whole rows.
         *
         * @param check the check
         * @return this builder
         */
        public Builder check(RowCheck check) {
            checks.add(Objects.requireNonNull(check, "check must not be null"));
            return this;
        }

        /**
         * Adds a host check of the request (authorization, required branch, ...), run before the
         * file is read.
         *
         * @param check the check
         * @return this builder
         */
        public Builder requestCheck(RequestCheck check) {
            requestChecks.add(Objects.requireNonNull(check, "check must not be null"));
            return this;
        }

        /**
         * Lets columns the definition does not name be custom attributes, checked against the
         * host's catalog. Default: every unknown column rejects the file.
         *
         * @param catalog the catalog
         * @return this builder
         */
        public Builder customAttributes(AttributeCatalog catalog) {
            attributeCatalog = once(attributeCatalog, catalog, "attribute catalog");
            return this;
        }

        /**
         * Sets the limits. Default: {@link Limits#defaults()}.
         *
         * @param value the limits
         * @return this builder
         */
        public Builder limits(Limits value) {
            limits = once(limits, value, "limits");
            return this;
        }

        /**
         * Sets the mode a run uses unless it chooses another. Default: {@link Mode#CREATE_ONLY}.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder mode(Mode value) {
            mode = once(mode, value, "mode");
            return this;
        }

        /**
         * Lets a run choose other modes than the default (e.g. a saved definition that both
         * creates and updates). Default: only {@link #mode(Mode)}.
         *
         * @param values the other modes a run may choose
         * @return this builder
         */
        public Builder allowModes(Mode... values) {
            for (Mode value : values) {
                otherModes.add(Objects.requireNonNull(value, "a mode must not be null"));
            }
            return this;
        }

        /**
         * Sets what happens to header columns that name nothing. Default: {@link UnknownColumns#REJECT}.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder unknownColumns(UnknownColumns value) {
            unknownColumns = once(unknownColumns, value, "unknown-columns policy");
            return this;
        }

        /**
         * Lets an open attribute catalog take headers close to a column's name or label
         * ({@code Departmnt} beside {@code department}) as attributes. By default such a header is
         * refused as {@code UNKNOWN_COLUMN} naming the column it is close to, since a misspelled
         * column would otherwise vanish into an attribute and the file succeed without it.
         *
         * @return this builder
         */
        public Builder allowAttributesLikeColumns() {
            attributesLikeColumns = true;
            return this;
        }

        /**
         * Declares the columns whose values identify a record: a key repeated within the file is
         * {@code DUPLICATE_KEY}, and update modes match existing records on it. Default: no key.
         *
         * @param columns the key columns
         * @return this builder
         */
        public Builder key(String... columns) {
            if (!key.isEmpty()) {
                throw new IllegalStateException("the key is already set");
            }
            if (columns.length == 0) {
                throw new IllegalArgumentException("a key needs at least one column");
            }
            key.addAll(List.of(columns));
            return this;
        }

        /**
         * Builds the definition.
         *
         * @return the definition
         * @throws IllegalStateException if the definition is inconsistent: no columns, two columns
         *     answering to one header name, a constraint, reference, row reference, group or key
         *     naming an unknown column, two references with one name, a batched form whose key type
         *     is not its column's, a row reference without a target and a one-column key, or an
         *     update mode without a key
         */
        public ImportDefinition build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("definition " + name + " has no columns");
            }
            List<String> keys = new ArrayList<>();
            for (Column<?> column : columns) {
                if (keys.contains(column.key())) {
                    throw new IllegalStateException("two columns have the key " + column.key());
                }
                keys.add(column.key());
            }
            Map<String, String> headerNames = new HashMap<>();
            for (Column<?> column : columns) {
                List<String> names = new ArrayList<>();
                names.add(column.key());
                names.add(column.label());
                names.addAll(column.aliases());
                for (String headerName : names) {
                    String normalized = Texts.normalize(headerName);
                    if (normalized.isEmpty()) {
                        throw new IllegalStateException("column " + column.key() + " has a blank label or alias");
                    }
                    String other = headerNames.putIfAbsent(normalized, column.key());
                    if (other != null && !other.equals(column.key())) {
                        throw new IllegalStateException("columns " + other + " and " + column.key()
                                + " both answer to the header '" + headerName + "'");
                    }
                }
            }
            for (Constraint constraint : constraints) {
                for (String column : constraint.columns()) {
                    known(keys, column, "a constraint");
                }
            }
            List<String> referenceNames = new ArrayList<>();
            for (Reference<?> reference : references) {
                if (referenceNames.contains(reference.name())) {
                    throw new IllegalStateException("two references are named " + reference.name());
                }
                referenceNames.add(reference.name());
                checkForms(reference, keys);
            }
            for (RowReference reference : rowReferences) {
                if (referenceNames.contains(reference.name())) {
                    throw new IllegalStateException("two references are named " + reference.name());
                }
                referenceNames.add(reference.name());
                String what = "row reference " + reference.name();
                known(keys, reference.column(), what);
                if (reference.target().isPresent()) {
                    known(keys, reference.target().get(), what);
                } else if (key.size() != 1) {
                    throw new IllegalStateException(what + " names no target column and the key is "
                            + (key.isEmpty() ? "not set" : "of " + key.size() + " columns"));
                }
                if (reference.existing().isPresent()) {
                    Reference<?> existing = reference.existing().get();
                    if (!existing.name().equals(reference.name())) {
                        throw new IllegalStateException(what + " finds existing records with reference "
                                + existing.name() + "; give it the same name");
                    }
                    for (Reference.Form<?> form : existing.forms()) {
                        if (!form.columns().equals(List.of(reference.column()))) {
                            throw new IllegalStateException(what + " finds existing records by " + form.columns()
                                    + "; its forms must use " + reference.column() + " alone");
                        }
                    }
                    checkForms(existing, keys);
                }
            }
            for (String group : groups) {
                known(keys, group, "a group");
            }
            if (groups.stream().distinct().count() != groups.size()) {
                throw new IllegalStateException("a group is declared twice: " + groups);
            }
            for (String column : key) {
                known(keys, column, "the key");
            }
            Set<Mode> allowed = EnumSet.of(mode == null ? Mode.CREATE_ONLY : mode);
            allowed.addAll(otherModes);
            for (Mode each : allowed) {
                if ((each == Mode.UPDATE_ONLY || each == Mode.UPSERT) && key.isEmpty()) {
                    throw new IllegalStateException("mode " + each + " needs a key to match existing records");
                }
            }
            return new ImportDefinition(this);
        }

        private void checkForms(Reference<?> reference, List<String> keys) {
            for (Reference.Form<?> form : reference.forms()) {
                for (String column : form.columns()) {
                    known(keys, column, "reference " + reference.name());
                }
                if (form.keyType().isPresent()) {
                    Class<?> held = columns.get(keys.indexOf(form.columns().get(0))).type().javaType();
                    if (!form.keyType().get().isAssignableFrom(held)) {
                        throw new IllegalStateException("reference " + reference.name() + " looks up "
                                + form.keyType().get().getSimpleName() + " keys, but column " + form.columns().get(0)
                                + " holds " + held.getSimpleName() + " values");
                    }
                }
            }
        }

        private void known(List<String> keys, String column, String what) {
            if (!keys.contains(column)) {
                throw new IllegalStateException(what + " names column " + column + ", which definition " + name
                        + " does not have");
            }
        }

        private static <V> V once(V current, V value, String what) {
            return Setters.once(current, value, what);
        }
    }
}
