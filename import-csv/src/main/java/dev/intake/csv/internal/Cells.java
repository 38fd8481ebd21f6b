package dev.intake.csv.internal;

import java.util.regex.Pattern;

/** Cells as Intake writes them into files users open in a spreadsheet program. */
public final class Cells {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Cells() {
    }

    /**
     * Neutralises a cell a spreadsheet program would run as a formula (OWASP CSV injection): text
     * starting with {@code = + - @}, a tab or a carriage return gets a leading {@code '}. Plain
     * numbers such as {@code -3} are left as they are: they cannot be formulas.
     *
     * @param value the cell
     * @return the cell, safe to open
     */
    public static String neutralized(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean dangerous = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        if (dangerous && !NUMBER.matcher(value).matches()) {
            return "'" + value;
        }
        return value;
    }
}
