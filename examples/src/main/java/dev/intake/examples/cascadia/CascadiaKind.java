package dev.intake.examples.cascadia;

import java.util.Locale;
import java.util.Optional;

/** What an Import API request creates: parts, documents or issues. */
public enum CascadiaKind {
    /** Parts, with BOM relationships wired after the rows. */
    PARTS("PART", "PN"),
    /** Documents. */
    DOCUMENTS("DOCUMENT", "DOC"),
    /** Issues: no design or branch; optionally in a program. */
    ISSUES("ISSUE", "ISS");

    private final String itemType;
    private final String prefix;

    CascadiaKind(String itemType, String prefix) {
        this.itemType = itemType;
        this.prefix = prefix;
    }

    /** @return the path segment and template name: {@code parts}, {@code documents}, {@code issues} */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the importer's name on the command line, e.g. {@code cascadia-parts} */
    public String importerName() {
        return "cascadia-" + path();
    }

    /** @return the item type stored: {@code PART}, {@code DOCUMENT}, {@code ISSUE} */
    public String itemType() {
        return itemType;
    }

    /** @return the prefix of generated item numbers: {@code PN}, {@code DOC}, {@code ISS} */
    public String prefix() {
        return prefix;
    }

    /** @return whether the kind is created in a design (parts and documents) */
    public boolean inDesign() {
        return this != ISSUES;
    }

    /**
     * The kind a path segment or importer name names.
     *
     * @param name {@code parts}, or {@code cascadia-parts}
     * @return the kind, if any
     */
    public static Optional<CascadiaKind> named(String name) {
        for (CascadiaKind kind : values()) {
            if (kind.path().equals(name) || kind.importerName().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
