package dev.intake.csv.internal;

/**
 * Cells as Intake writes them into files users open in a spreadsheet program, and reads them back.
 *
 * <p>A cell a spreadsheet would run as a formula (OWASP CSV injection) gets a leading {@code '}:
 * text starting with {@code =} or {@code @}, a tab or a carriage return, and text starting with
 * {@code +} or {@code -} unless all that follows is digits, spaces and {@code + - . , ( ) /} (a
 * number such as {@code -3}, a phone number such as {@code +1 (555) 0110}: nothing a spreadsheet
 * could run). Text that is one or more apostrophes before such a formula gets one more, so that
 * removing a guard on the way back in ({@link #unguarded}) gives every value back exactly.
 */
public final class Cells {
    private Cells() {
    }

    /**
     * Neutralises a cell a spreadsheet program would run as a formula.
     *
     * @param value the cell
     * @return the cell, safe to open
     */
    public static String neutralized(String value) {
        return guardable(value, 0) ? "'" + value : value;
    }

    /**
     * Removes the apostrophe that {@link #neutralized} adds (and that other tools add against CSV
     * injection the same way): the exact inverse of {@code neutralized}.
     *
     * @param value a cell as read from a file
     * @return the value it guards, or the cell as it is
     */
    public static String unguarded(String value) {
        if (value.isEmpty() || value.charAt(0) != '\'') {
            return value;
        }
        return guardable(value, 1) ? value.substring(1) : value;
    }

    /** Whether the text from {@code start} is apostrophes, then something a spreadsheet would run. */
    private static boolean guardable(String value, int start) {
        int i = start;
        while (i < value.length() && value.charAt(i) == '\'') {
            i++;
        }
        return i < value.length() && formula(value, i);
    }

    private static boolean formula(String value, int start) {
        char first = value.charAt(start);
        if (first == '=' || first == '@' || first == '\t' || first == '\r') {
            return true;
        }
        if (first != '+' && first != '-') {
            return false;
        }
        for (int i = start + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean inert = c >= '0' && c <= '9' || c == ' ' || c == '+' || c == '-' || c == '.' || c == ','
                    || c == '(' || c == ')' || c == '/';
            if (!inert) {
                return true;
            }
        }
        return false;
    }
}
