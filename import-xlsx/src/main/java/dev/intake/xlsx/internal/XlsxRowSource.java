package dev.intake.xlsx.internal;

import dev.intake.core.Limits;
import dev.intake.core.result.Problem;
import dev.intake.core.result.ProblemCode;
import dev.intake.core.source.RowSource;
import dev.intake.core.source.SourceException;
import dev.intake.core.source.SourceRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamConstants;

/**
 * Streams one worksheet: the first, or the one named. The workbook's shared strings and styles are
 * read first (the strings compactly, see {@link SharedStrings}); the sheet itself is never held, so
 * memory does not grow with its rows. Every cell value lands in its own column whatever cells are
 * missing before it, and a row is as wide as the header at least (XLSX stores no trailing empty
 * cells, so a short row is no sign of a damaged file as it is in CSV); rows without any value are not
 * returned (their numbers are simply skipped).
 */
public final class XlsxRowSource implements RowSource {
    /** Excel's grid: columns A to XFD, rows 1 to 1,048,576. */
    static final int MAX_GRID_COLUMN = 16_384;
    static final int MAX_GRID_ROW = 1_048_576;

    private final Path file;
    private final boolean deleteOnClose;
    private final String sourceName;
    private final String sheetName;
    private final Limits limits;

    private Package zip;
    private Part sheet;
    private String shownSheet;
    private SharedStrings strings = SharedStrings.NONE;
    private Styles styles = Styles.NONE;
    private boolean date1904;
    private boolean started;
    private boolean finished;
    private long lastRow;
    /** The columns of the row being read whose cells hold typed values. */
    private final java.util.BitSet typed = new java.util.BitSet();
    /** Whether the cell just read held a typed value. */
    private boolean typedCell;
    private long characters;
    private int headerWidth;
    private String[] cells = new String[16];
    private final StringBuilder text = new StringBuilder();

    /**
     * @param file the workbook
     * @param deleteOnClose whether the file is a temporary copy to delete on {@link #close()}
     * @param sourceName the file's name, for messages
     * @param sheetName the worksheet to read, or null for the first
     * @param limits the limits to enforce
     */
    public XlsxRowSource(Path file, boolean deleteOnClose, String sourceName, String sheetName, Limits limits) {
        this.file = file;
        this.deleteOnClose = deleteOnClose;
        this.sourceName = sourceName;
        this.sheetName = sheetName;
        this.limits = limits;
    }

    @Override
    public Optional<SourceRow> header() {
        try {
            start();
            Optional<SourceRow> header = readRow();
            headerWidth = header.map(row -> row.cells().size()).orElse(0);
            return header;
        } catch (IOException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<SourceRow> next() {
        try {
            start();
            return readRow();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void start() throws IOException {
        if (started) {
            return;
        }
        started = true;
        long size = Files.size(file);
        if (size > limits.maxBytes()) {
            throw Refusal.limit("the file has " + size + " bytes, more than the limit of " + limits.maxBytes());
        }
        zip = Package.open(file, Math.max(1L << 20, limits.maxCellLength() * 12L));
        Workbook workbook = Workbook.read(zip);
        Workbook.Sheet chosen = choose(workbook);
        shownSheet = "worksheet \"" + chosen.name() + "\"";
        date1904 = workbook.date1904;
        if (workbook.styles != null) {
            try (Part part = zip.read(workbook.styles)) {
                styles = Styles.read(part);
            }
        }
        if (workbook.sharedStrings != null) {
            try (Part part = zip.read(workbook.sharedStrings)) {
                strings = SharedStrings.read(part, limits.maxCellLength(),
                        Math.min(limits.maxCharacters(), Integer.MAX_VALUE - 16));
            }
        }
        sheet = zip.read(chosen.part());
    }

    private Workbook.Sheet choose(Workbook workbook) throws Refusal {
        if (workbook.worksheets.isEmpty()) {
            throw Refusal.unreadable("the workbook has no worksheet");
        }
        if (sheetName == null) {
            return workbook.worksheets.get(0);
        }
        for (Workbook.Sheet candidate : workbook.worksheets) {
            if (candidate.name().equalsIgnoreCase(sheetName)) {
                return candidate;
            }
        }
        throw Refusal.worksheetNotFound("the workbook has no worksheet named \"" + sheetName + "\"; it has "
                + workbook.worksheets.stream().map(s -> "\"" + s.name() + "\"").collect(Collectors.joining(", ")));
    }

    private Optional<SourceRow> readRow() throws IOException {
        while (!finished) {
            int event = sheet.next();
            if (event == XMLStreamConstants.END_DOCUMENT) {
                finished = true;
            } else if (event == XMLStreamConstants.START_ELEMENT && "row".equals(sheet.localName())) {
                SourceRow row = row();
                if (row != null) {
                    return Optional.of(row);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && "sheetData".equals(sheet.localName())) {
                finished = true;
            }
        }
        return Optional.empty();
    }

    /** Reads one {@code row} element; null when it has no value. */
    private SourceRow row() throws IOException {
        String r = sheet.attribute("r");
        long number = r == null ? lastRow + 1 : digits(r, 0, "row " + r);
        if (number < 1 || number > MAX_GRID_ROW) {
            throw outsideGrid("row " + (r == null ? number : r));
        }
        if (number <= lastRow) {
            throw Refusal.unreadable(shownSheet + " has row " + number + " after row " + lastRow
                    + "; rows must come in order");
        }
        lastRow = number;
        int width = 0;
        int lastColumn = 0;
        for (int event = sheet.next(); ; event = sheet.next()) {
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw Refusal.unreadable(shownSheet + " ends inside row " + number + "; the file is cut short");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                break; // the row's end: cells end inside cell()
            }
            if (!"c".equals(sheet.localName())) {
                sheet.skip();
                continue;
            }
            String ref = sheet.attribute("r");
            int column = ref == null ? lastColumn + 1 : column(ref);
            if (column > MAX_GRID_COLUMN) {
                throw outsideGrid("a cell after column XFD in row " + number);
            }
            if (column <= lastColumn) {
                throw Refusal.unreadable(shownSheet + " has cell " + ref + " twice or out of order in row " + number);
            }
            lastColumn = column;
            String value = cell(number, column);
            if (value.isEmpty()) {
                continue;
            }
            typed.set(column - 1, typedCell);
            if (column > limits.maxColumns()) {
                throw Refusal.limit(shownSheet + " has a value in cell " + name(column) + number + ", beyond the limit of "
                        + limits.maxColumns() + " columns");
            }
            characters += value.length();
            if (characters > limits.maxCharacters()) {
                throw Refusal.limit(shownSheet + " holds more than " + limits.maxCharacters()
                        + " characters of cell text (a shared text counts at each use); reached in row " + number);
            }
            if (column > cells.length) {
                cells = Arrays.copyOf(cells, Math.max(column, cells.length * 2));
            }
            cells[column - 1] = value;
            width = column;
        }
        if (width == 0) {
            return null;
        }
        int size = Math.max(width, headerWidth);
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(i < width && cells[i] != null ? cells[i] : "");
        }
        Arrays.fill(cells, 0, width, null);
        SourceRow row = new SourceRow(number, values, typed);
        typed.clear();
        return row;
    }

    /**
     * Reads one {@code c} element from its start to its end and renders its value; sets
     * {@link #typedCell} to whether it was a typed value (number, date or boolean) rendered in
     * canonical form rather than text.
     */
    private String cell(long row, int column) throws IOException {
        String type = sheet.attribute("t");
        typedCell = type == null || "n".equals(type) || "b".equals(type) || "d".equals(type);
        String style = sheet.attribute("s");
        String value = null;
        for (int event = sheet.next(); event != XMLStreamConstants.END_ELEMENT; event = sheet.next()) {
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw Refusal.unreadable(shownSheet + " ends inside cell " + name(column) + row);
            }
            String element = sheet.localName();
            if ("v".equals(element)) {
                value = bounded(row, column, false);
            } else if ("is".equals(element)) {
                value = bounded(row, column, true);
            } else {
                sheet.skip(); // the formula, extensions: the cached value is what counts
            }
        }
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (type == null || "n".equals(type)) {
            return CellText.number(value, styles.kind(style == null ? 0 : styleIndex(style)), date1904);
        }
        return switch (type) {
            case "s" -> shared(value, row, column);
            case "b" -> CellText.bool(value);
            case "d" -> CellText.isoDate(value);
            default -> value; // inlineStr, str (a formula's text), e (an error such as #N/A), or unknown
        };
    }

    private String bounded(long row, int column, boolean richText) throws IOException {
        text.setLength(0);
        boolean whole = richText ? StringItem.read(sheet, text, limits.maxCellLength())
                : sheet.text(text, limits.maxCellLength());
        if (!whole) {
            throw Refusal.limit(shownSheet + ", cell " + name(column) + row + " holds more than "
                    + limits.maxCellLength() + " characters");
        }
        return text.toString();
    }

    private String shared(String index, long row, int column) throws Refusal {
        String trimmed = index.strip();
        long parsed = Digits.of(trimmed, 0, 10);
        String found = parsed >= 0 && parsed <= Integer.MAX_VALUE ? strings.get((int) parsed) : null;
        if (found == null) {
            throw Refusal.unreadable(shownSheet + ", cell " + name(column) + row + " refers to shared text "
                    + shortened(index) + ", but the workbook has " + strings.size()
                    + "; the file is damaged");
        }
        return found;
    }

    private static int styleIndex(String style) {
        return (int) Digits.of(style, 0, 9);
    }

    /** The column of a cell reference such as {@code AB12}, checked against Excel's grid. */
    private int column(String ref) throws Refusal {
        int column = 0;
        int i = 0;
        while (i < ref.length() && i < 4) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                column = column * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                column = column * 26 + (c - 'a' + 1);
            } else {
                break;
            }
            i++;
        }
        if (i == 0 || i == 4 && i < ref.length() && Character.isLetter(ref.charAt(i))) {
            throw outsideGrid("cell " + ref);
        }
        if (column > MAX_GRID_COLUMN) {
            throw outsideGrid("cell " + ref);
        }
        long row = digits(ref, i, "cell " + ref);
        if (row < 1 || row > MAX_GRID_ROW) {
            throw outsideGrid("cell " + ref);
        }
        return column;
    }

    /** The digits of {@code text} from {@code from} to its end as a number, at most ten of them. */
    private long digits(String text, int from, String what) throws Refusal {
        if (from >= text.length() || text.length() - from > 10) {
            throw outsideGrid(what);
        }
        long value = Digits.of(text, from, 10);
        if (value < 0) {
            throw Refusal.unreadable(shownSheet + " has a malformed reference, " + shortened(what));
        }
        return value;
    }

    private Refusal outsideGrid(String what) {
        return Refusal.unreadable(shownSheet + " has " + shortened(what) + ", outside the sheet's grid (columns A to XFD,"
                + " rows 1 to 1048576); the file is damaged or was made to harm");
    }

    private static String shortened(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "\u2026" : text;
    }

    /** The column letters of a 1-based column: 1 is A, 27 is AA. */
    static String name(int column) {
        StringBuilder letters = new StringBuilder();
        for (int n = column; n > 0; n = (n - 1) / 26) {
            letters.append((char) ('A' + (n - 1) % 26));
        }
        return letters.reverse().toString();
    }

    private SourceException failure(IOException e) {
        Problem problem = e instanceof Refusal refusal ? refusal.problem()
                : Problem.of(ProblemCode.UNREADABLE_FILE, Part.damaged(e) ? "the XLSX file is damaged or cut short;"
                        + " save it again and upload the whole file" : sourceName + " cannot be read");
        close();
        return new SourceException(problem, lastRow == 0 ? -1 : lastRow, e);
    }

    @Override
    public void close() {
        if (sheet != null) {
            sheet.close();
            sheet = null;
        }
        strings.close();
        if (zip != null) {
            try {
                zip.close();
            } catch (IOException e) {
                // nothing is lost by a failed close of a file we only read
            }
            zip = null;
        }
        if (deleteOnClose) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
        finished = true;
    }
}
