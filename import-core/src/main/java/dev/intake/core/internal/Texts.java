package dev.intake.core.internal;

import java.util.Locale;

/** Text helpers shared by the core: header normalisation, column letters, values shown in messages. */
public final class Texts {
    private static final int SHOWN = 60;

    private Texts() {
    }

    /**
     * Normalises a header or key for matching: case, white space, {@code _}, {@code -} and a
     * byte-order mark do not matter.
     *
     * @param text the header text
     * @return the normalised form
     */
    public static String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\uFEFF' || c == '_' || c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                continue;
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * A user value as shown in a message or report: cut to a readable length, saying so.
     *
     * @param value the value
     * @return the value, or its first 60 characters, an ellipsis and how long it was
     */
    public static String shown(String value) {
        if (value.length() <= SHOWN) {
            return value;
        }
        int cut = Character.isHighSurrogate(value.charAt(SHOWN - 1)) ? SHOWN - 1 : SHOWN;
        return value.substring(0, cut) + "\u2026 (" + String.format(Locale.ROOT, "%,d", value.length()) + " characters)";
    }

    /**
     * The spreadsheet letter of a column index: 0 is A, 26 is AA.
     *
     * @param index the zero-based index
     * @return the letters
     */
    public static String columnLetter(int index) {
        StringBuilder letters = new StringBuilder();
        int n = index + 1;
        while (n > 0) {
            int rem = (n - 1) % 26;
            letters.insert(0, (char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return letters.toString();
    }

    /**
     * Finds the first ISO control character other than tab, line feed and carriage return.
     *
     * @param text the text
     * @return its index, or -1
     */
    public static int controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The Levenshtein distance of two strings, for "did you mean" suggestions.
     *
     * @param a one string
     * @param b the other
     * @return the number of single-character edits between them
     */
    public static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The header of the problems column of Intake's error reports, {@linkplain #normalize normalised}. */
    public static final String PROBLEMS_COLUMN = "intakeproblems";

    /** Names longer than this get no suggestion: no column is named that way, and the distance costs. */
    private static final int SUGGESTED_UP_TO = 64;

    /**
     * The "did you mean" of a name: the candidate nearest to it when compared as headers are (case,
     * spaces, underscores and dashes aside), within a third of its length (at least two edits).
     * Headers, JSON fields and attribute names all get their suggestions from here.
     *
     * @param name the name given
     * @param candidates the names it may have meant, first ones preferred on a tie
     * @return the nearest candidate, if one is near enough
     */
    public static java.util.Optional<String> closest(String name, Iterable<String> candidates) {
        return closest(name, candidates, Math.max(2, normalize(name).length() / 3));
    }

    /**
     * The candidate nearest to a name, compared as headers are, within a given number of edits.
     *
     * @param name the name given
     * @param candidates the names it may have meant, first ones preferred on a tie
     * @param allowed the most single-character edits between them
     * @return the nearest candidate, if one is near enough
     */
    public static java.util.Optional<String> closest(String name, Iterable<String> candidates, int allowed) {
        String normalized = normalize(name);
        if (normalized.length() > SUGGESTED_UP_TO) {
            return java.util.Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = editDistance(normalized, normalize(candidate));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= allowed ? java.util.Optional.of(best) : java.util.Optional.empty();
    }
}
