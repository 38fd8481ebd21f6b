package dev.intake.xlsx.internal;

/** Reads the plain decimal numbers of workbook XML (indexes, ids, row numbers) without exceptions. */
final class Digits {
    private Digits() {
    }

    /**
     * @param text the text, or null
     * @param from where the digits start
     * @param maxDigits most digits accepted (at most 18, so the value fits a long)
     * @return the value of {@code text} from {@code from} to its end when that is 1 to {@code maxDigits}
     *     ASCII digits, or -1
     */
    static long of(String text, int from, int maxDigits) {
        if (text == null || from >= text.length() || text.length() - from > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
