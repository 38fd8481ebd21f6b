package dev.intake.examples.arena;

import dev.intake.core.ImportRow;
import dev.intake.json.DefinitionJson;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An item a run's row creates or updates: the fields a saved definition's columns and fixed values
 * fill (null when neither does: an update keeps the item's value), and its attributes.
 *
 * @param number the item number, its key
 * @param name the name
 * @param category the category
 * @param revision the revision
 * @param lifecyclePhase the lifecycle phase
 * @param attributes attribute values, as text
 */
public record ArenaItem(String number, String name, String category, String revision, String lifecyclePhase,
        Map<String, String> attributes) {

    /**
     * Copies the attributes. /
     *
     * @param number the item number
     * @param name the name
     * @param category the category
     * @param revision the revision
     * @param lifecyclePhase the lifecycle phase
     * @param attributes attribute values
     */
    public ArenaItem {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * The item a checked row makes under a definition: its columns' values, then the definition's
     * fixed values over them.
     *
     * @param row the row
     * @param definition the definition read from its document
     * @return the item
     */
    public static ArenaItem of(ImportRow row, DefinitionJson.Definition definition) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        definition.targets().forEach((key, target) -> row.value(key, Object.class).ifPresent(value ->
                (target.kind() == DefinitionJson.Kind.FIELD ? fields : attributes).put(target.name(), text(value))));
        definition.fixedValues().forEach((target, value) ->
                (target.kind() == DefinitionJson.Kind.FIELD ? fields : attributes).put(target.name(), text(value)));
        return new ArenaItem(fields.get("number"), fields.get("name"), fields.get("category"), fields.get("revision"),
                fields.get("lifecycle_phase"), attributes);
    }

    private static String text(Object value) {
        return value instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString() : String.valueOf(value);
    }
}
