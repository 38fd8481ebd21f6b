package dev.intake.core;

import dev.intake.core.type.ValueType;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The custom attributes a host allows, typically read from its configuration. Asked once per import,
 * when the header is matched.
 */
@FunctionalInterface
public interface AttributeCatalog {

    /**
     * The configured attributes.
     *
     * @param context the import's context
     * @return the attributes, never null
     */
    Collection<AttributeSpec> attributes(ImportContext context);

    /**
     * An attribute the catalog does not list but accepts by the name a header gives it, asked for
     * each header name that matches neither a column nor a listed attribute. Default: none, so a
     * catalog accepts only what it lists.
     *
     * @param name the header name, stripped
     * @param context the import's context
     * @return the attribute to read the column as, or empty to refuse the column
     */
    default Optional<AttributeSpec> accept(String name, ImportContext context) {
        return Optional.empty();
    }

    /**
     * An open catalog: any column that is not the definition's is an attribute of that name, read
     * with the type. For hosts whose items carry free attributes (a JSON row's {@code attributes}
     * object, unmapped spreadsheet columns), bounded by the definition's column limit.
     *
     * @param type how every attribute's values are read, e.g. {@code Types.text()}; bound the values with a row check
     * @return the catalog
     */
    static AttributeCatalog open(ValueType<?> type) {
        Objects.requireNonNull(type, "type must not be null");
        return new AttributeCatalog() {
            @Override
            public Collection<AttributeSpec> attributes(ImportContext context) {
                return List.of();
            }

            @Override
            public Optional<AttributeSpec> accept(String name, ImportContext context) {
                return Optional.of(AttributeSpec.of(name, type));
            }
        };
    }

    /**
     * A fixed catalog.
     *
     * @param attributes the attributes
     * @return the catalog
     */
    static AttributeCatalog of(AttributeSpec... attributes) {
        List<AttributeSpec> fixed = List.of(attributes);
        return context -> fixed;
    }
}
