package dev.intake.xlsx.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Typed XLSX cells as the canonical text the core reads: numbers as Excel shows them in General
 * (at most 15 significant digits, no exponent, no trailing zeros), dates by their number format as
 * ISO {@code yyyy-MM-dd} (with {@code THH:mm:ss} when the format shows a time and the value has one),
 * booleans as {@code TRUE}/{@code FALSE}.
 */
final class CellText {
    private static final MathContext EXCEL_DIGITS = new MathContext(15);
    /** Serial of 9999-12-31, the last day Excel knows. */
    private static final double LAST_SERIAL = 2_958_465;
    private static final LocalDate EPOCH_1900 = LocalDate.of(1899, 12, 30);
    private static final LocalDate EPOCH_1904 = LocalDate.of(1904, 1, 1);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private CellText() {
    }

    /**
     * A number cell's text.
     *
     * @param value the {@code v} text
     * @param kind what the cell's style says ({@link Styles#NUMBER}, {@link Styles#DATE}, ...)
     * @param date1904 whether the workbook counts days from 1904
     * @return the text; a value that is not a number is given as it is, for the column to judge
     */
    static String number(String value, byte kind, boolean date1904) {
        if (kind != Styles.NUMBER) {
            String date = date(value, kind, date1904);
            if (date != null) {
                return date;
            }
        }
        if (isSimple(value)) {
            return value;
        }
        double number;
        try {
            number = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return value;
        }
        if (!Double.isFinite(number) || value.indexOf('x') >= 0 || value.indexOf('X') >= 0) {
            return value;
        }
        if (number == 0) {
            return "0";
        }
        return new BigDecimal(number).round(EXCEL_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** Digits with at most one point, at most 15 of them, no leading zero before digits, no trailing zero after a point. */
    private static boolean isSimple(String value) {
        int length = value.length();
        if (length == 0 || length > 17) {
            return false;
        }
        int start = value.charAt(0) == '-' ? 1 : 0;
        int digits = 0;
        int point = -1;
        for (int i = start; i < length; i++) {
            char c = value.charAt(i);
            if (c == '.' && point < 0) {
                point = i;
            } else if (c >= '0' && c <= '9') {
                digits++;
            } else {
                return false;
            }
        }
        if (digits == 0 || digits > 15 || point == start || point == length - 1) {
            return false;
        }
        if (point > 0 && value.charAt(length - 1) == '0') {
            return false;
        }
        boolean leadingZero = value.charAt(start) == '0' && length > start + 1 && value.charAt(start + 1) != '.';
        return !leadingZero && !(start == 1 && digits == count(value, '0'));
    }

    private static int count(String value, char c) {
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static String date(String value, byte kind, boolean date1904) {
        double serial;
        try {
            serial = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return null;
        }
        if (!(serial >= 0) || serial > LAST_SERIAL) {
            return null;
        }
        long days = (long) Math.floor(serial);
        long seconds = Math.round((serial - days) * 86_400);
        if (seconds == 86_400) {
            days++;
            seconds = 0;
        }
        LocalTime time = LocalTime.ofSecondOfDay(seconds);
        if (kind == Styles.TIME && days == 0) {
            return TIME_OF_DAY.format(time);
        }
        LocalDate day;
        if (date1904) {
            day = EPOCH_1904.plusDays(days);
        } else if (days == 60 || days == 0) {
            return null; // 1900-02-29 and 1900-01-00 exist only in Excel's calendar
        } else {
            day = EPOCH_1900.plusDays(days < 60 ? days + 1 : days);
        }
        if (kind == Styles.DATE || seconds == 0) {
            return day.toString();
        }
        return DATE_TIME.format(LocalDateTime.of(day, time));
    }

    /**
     * A cell of type {@code d}: an ISO 8601 date or date-time, given as a date when it has no time.
     */
    static String isoDate(String value) {
        try {
            LocalDateTime dateTime = LocalDateTime.parse(value.endsWith("Z") ? value.substring(0, value.length() - 1) : value);
            return dateTime.toLocalTime().equals(LocalTime.MIDNIGHT) ? dateTime.toLocalDate().toString() : DATE_TIME.format(dateTime);
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    /** A boolean cell: 1 is TRUE, 0 FALSE, as Excel shows them. */
    static String bool(String value) {
        return switch (value.strip()) {
            case "1" -> "TRUE";
            case "0" -> "FALSE";
            default -> value;
        };
    }
}
