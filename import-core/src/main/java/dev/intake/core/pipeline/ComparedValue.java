package dev.intake.core.pipeline;

/**
 * A value of a column with a comparison other than exact, as the row graph and the duplicate check
 * hold it: equal to another when their comparison keys are equal, shown as the value a row gave (so
 * a message names {@code Judy@acme.com}, not its key {@code judy@acme.com}).
 *
 * @param key the comparison key
 * @param shown the value as the row gave it
 */
record ComparedValue(String key, String shown) implements dev.intake.core.internal.KeyIndex.Canonical {

    @Override
    public Object canonical() {
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComparedValue value && key.equals(value.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return shown;
    }
}
