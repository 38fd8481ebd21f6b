package dev.intake.xlsx.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;

/**
 * What each cell style says about a number: a plain number, a date, a date and time, or a time of
 * day. That is all the reader needs from {@code styles.xml}: in XLSX a date is a number with a date
 * format.
 */
final class Styles {
    static final byte NUMBER = 0;
    static final byte DATE = 1;
    static final byte DATE_TIME = 2;
    static final byte TIME = 3;

    static final Styles NONE = new Styles(new byte[0]);

    private final byte[] kinds;

    private Styles(byte[] kinds) {
        this.kinds = kinds;
    }

    /**
     * @param style a cell's {@code s} attribute, already parsed; out-of-range indexes are plain numbers
     * @return the kind of number the style shows
     */
    byte kind(int style) {
        return style >= 0 && style < kinds.length ? kinds[style] : NUMBER;
    }

    /** Reads the {@code numFmts} and {@code cellXfs} of {@code styles.xml}. */
    static Styles read(Part part) throws Refusal {
        Map<Integer, String> custom = new HashMap<>();
        byte[] kinds = new byte[16];
        int count = 0;
        boolean inCellXfs = false;
        for (int event = part.next(); event != XMLStreamConstants.END_DOCUMENT; event = part.next()) {
            String name = part.localName();
            if (event == XMLStreamConstants.END_ELEMENT) {
                if ("cellXfs".equals(name)) {
                    inCellXfs = false;
                }
                continue;
            }
            switch (name) {
                case "numFmt" -> {
                    Integer id = number(part.attribute("numFmtId"));
                    String code = part.attribute("formatCode");
                    if (id != null && code != null) {
                        custom.put(id, code);
                    }
                }
                case "cellXfs" -> inCellXfs = true;
                case "xf" -> {
                    if (inCellXfs) {
                        if (count == kinds.length) {
                            kinds = Arrays.copyOf(kinds, count * 2);
                        }
                        Integer id = number(part.attribute("numFmtId"));
                        kinds[count++] = id == null ? NUMBER : kindOf(id, custom.get(id));
                    }
                }
                default -> {
                    // fonts, fills, borders and the rest do not change a value
                }
            }
        }
        return new Styles(Arrays.copyOf(kinds, count));
    }

    private static Integer number(String text) {
        long value = Digits.of(text, 0, 9);
        return value < 0 ? null : (int) value;
    }

    /**
     * The kind of a number format: Excel's built-in date and time formats by id (14-22, 45-47 and
     * the East Asian 27-36, 50-58), and custom formats by their codes.
     */
    static byte kindOf(int id, String code) {
        if (code != null) {
            return kindOf(code);
        }
        if (id >= 14 && id <= 17 || id >= 27 && id <= 31 || id >= 34 && id <= 36 || id >= 50 && id <= 58) {
            return DATE;
        }
        if (id >= 18 && id <= 21 || id >= 32 && id <= 33 || id >= 45 && id <= 47) {
            return TIME;
        }
        return id == 22 ? DATE_TIME : NUMBER;
    }

    /**
     * The kind of a custom format code: its first section, quoted text, escapes and bracketed parts
     * (colours, conditions, locales) left out, holds date letters (y, d, or m without h or s beside
     * it) and or time letters (h, s, or an elapsed {@code [h]}).
     */
    static byte kindOf(String code) {
        boolean date = false;
        boolean time = false;
        for (int i = 0; i < code.length(); i++) {
            char c = Character.toLowerCase(code.charAt(i));
            switch (c) {
                case ';' -> i = code.length();
                case '"' -> {
                    int close = code.indexOf('"', i + 1);
                    i = close < 0 ? code.length() : close;
                }
                case '\\', '_', '*' -> i++;
                case '[' -> {
                    int close = code.indexOf(']', i + 1);
                    String inside = close < 0 ? "" : code.substring(i + 1, close).toLowerCase(java.util.Locale.ROOT);
                    if (!inside.isEmpty() && inside.chars().allMatch(ch -> ch == 'h' || ch == 'm' || ch == 's')) {
                        time = true;
                    }
                    i = close < 0 ? code.length() : close;
                }
                case 'y', 'd' -> date = true;
                case 'a' -> {
                    if (code.regionMatches(true, i, "am/pm", 0, 5)) {
                        time = true;
                        i += 4;
                    } else if (code.regionMatches(true, i, "a/p", 0, 3)) {
                        time = true;
                        i += 2;
                    }
                }
                case 'h', 's' -> time = true;
                case 'm' -> {
                    if (!minuteAt(code, i)) {
                        date = true;
                    }
                }
                default -> {
                    // digits, separators and the rest
                }
            }
        }
        return date && time ? DATE_TIME : date ? DATE : time ? TIME : NUMBER;
    }

    /** Whether an m at i means minutes: an h before it or an s after it (ignoring separators). */
    private static boolean minuteAt(String code, int i) {
        for (int j = i - 1; j >= 0; j--) {
            char c = Character.toLowerCase(code.charAt(j));
            if (c == 'h') {
                return true;
            }
            if (Character.isLetter(c) && c != 'm') {
                break;
            }
        }
        for (int j = i + 1; j < code.length(); j++) {
            char c = Character.toLowerCase(code.charAt(j));
            if (c == 's') {
                return true;
            }
            if (Character.isLetter(c) && c != 'm') {
                break;
            }
        }
        return false;
    }
}
