package dev.intake.core;

import java.util.Collection;
import java.util.List;

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
