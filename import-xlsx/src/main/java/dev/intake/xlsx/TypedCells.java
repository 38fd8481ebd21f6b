package dev.intake.xlsx;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a workbook cell's canonical text (as {@code XlsxSource} renders typed cells: {@code 1234.5},
 * {@code 2026-06-15}, {@code 2026-06-15T08:30:00}, {@code 08:30:00}, {@code TRUE}) back as the
 * typed cell it came from, so that reading the written cell gives the same text, marked canonical.
 */
final class TypedCells {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private TypedCells() {
    }

    /**
     * Writes a typed cell.
     *
     * @param sheet the sheet
     * @param r the row
     * @param c the column
     * @param canonical the canonical text
     * @return the number format the cell needs ({@code ""} for none), or null when the text is not
     *     one of the canonical forms and nothing was written
     */
    static String write(Worksheet sheet, int r, int c, String canonical) {
        try {
            if (canonical.equals("TRUE") || canonical.equals("FALSE")) {
                sheet.value(r, c, canonical.equals("TRUE"));
                return "";
            }
            if (DATE.matcher(canonical).matches()) {
                sheet.value(r, c, LocalDate.parse(canonical));
                return "yyyy-mm-dd";
            }
            if (DATE_TIME.matcher(canonical).matches()) {
                sheet.value(r, c, LocalDateTime.parse(canonical));
                return "yyyy-mm-dd hh:mm:ss";
            }
            if (TIME.matcher(canonical).matches()) {
                sheet.value(r, c, LocalTime.parse(canonical).toSecondOfDay() / 86_400.0);
                return "hh:mm:ss";
            }
            if (NUMBER.matcher(canonical).matches()) {
                sheet.value(r, c, new BigDecimal(canonical));
                return "";
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
        return null;
    }
}
