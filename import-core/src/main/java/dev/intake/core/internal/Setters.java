package dev.intake.core.internal;

import java.util.Objects;

/** The rule of every Intake builder: a single-valued setter is called once, with a value. */
public final class Setters {
    private Setters() {
    }

    /**
     * Checks a builder setter's call.
     *
     * @param current the value set so far, or null
     * @param value the new value
     * @param what what is being set, for messages ("label of column title")
     * @param <V> the value's type
     * @return the new value
     * @throws NullPointerException if the value is null
     * @throws IllegalStateException if a value was already set
     */
    public static <V> V once(V current, V value, String what) {
        Objects.requireNonNull(value, what + " must not be null");
        if (current != null) {
            throw new IllegalStateException("the " + what + " is already set");
        }
        return value;
    }
}
