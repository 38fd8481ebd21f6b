package dev.intake.xlsx;

import dev.intake.core.Limits;
import dev.intake.core.source.ImportSource;
import dev.intake.core.source.RowSource;
import dev.intake.xlsx.internal.XlsxRowSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An XLSX workbook as an {@link ImportSource}: one worksheet (the first, or one named), streamed.
 *
 * <ul>
 *   <li>Cells: shared and inline strings as they are; numbers as Excel shows them in General (up to
 *       15 significant digits, {@code 12} not {@code 12.0}); dates, by their number format, as ISO
 *       {@code yyyy-MM-dd} (with a time when the format shows one and the value has one, in both the
 *       1900 and 1904 date systems); booleans as {@code TRUE}/{@code FALSE}; formulas by their cached
 *       value; error values as shown ({@code #N/A}).</li>
 *   <li>Rows: numbered as the sheet shows them; a value stays in its column whatever cells before it
 *       are missing; rows without values are skipped.</li>
 *   <li>Hostile files: refused as file-level problems in bounded memory before anything is imported.
 *       Not a ZIP, an old {@code .xls}, a truncated file, duplicate part names or over 1,000 parts,
 *       document type declarations (XXE, billion laughs), parts inflating over 250 times past 16 MB
 *       (zip bombs), a shared-text index outside the table, and cell references outside Excel's grid
 *       are {@code UNREADABLE_FILE}; over-long cells or markup, too many columns, bytes or characters
 *       of text (a shared text counting at each use, see {@link Limits#maxCharacters()}) are
 *       {@code LIMIT_EXCEEDED}; a missing worksheet is {@code WORKSHEET_NOT_FOUND}. The row limit is
 *       the engine's, {@code TOO_MANY_ROWS} at the first row over it.</li>
 * </ul>
 *
 * <p>The XML is read by Aalto's StAX parser, made directly with DTDs and external entities switched
 * off on its own factory; no JVM-wide setting is changed. (Aalto registers itself as a StAX provider
 * through {@code META-INF/services}, as it does for any host that has fastexcel-reader: a host that
 * needs the JDK's parser from {@code XMLInputFactory.newFactory()} should ask for
 * {@code XMLInputFactory.newDefaultFactory()}.) Immutable and thread-safe; every {@link #open(Limits)}
 * reads the file anew.
 */
public final class XlsxSource implements ImportSource {
    private final String name;
    private final Path file;
    private final byte[] content;
    private final String sheet;

    private XlsxSource(String name, Path file, byte[] content, String sheet) {
        this.name = name;
        this.file = file;
        this.content = content;
        this.sheet = sheet;
    }

    /**
     * The first worksheet of a workbook file.
     *
     * @param file the file
     * @return the source
     */
    public static XlsxSource of(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        return new XlsxSource(String.valueOf(file.getFileName()), file, null, null);
    }

    /**
     * The first worksheet of a workbook in memory (e.g. an upload). Each {@link #open(Limits)} copies
     * it to a temporary file, deleted on close: a workbook's parts can only be found from its end.
     *
     * @param name a name for messages
     * @param content the bytes
     * @return the source
     */
    public static XlsxSource of(String name, byte[] content) {
        Objects.requireNonNull(name, "name must not be null");
        return new XlsxSource(name, null, Objects.requireNonNull(content, "content must not be null").clone(), null);
    }

    /**
     * The same workbook, reading the worksheet of that name (ignoring case) instead of the first;
     * when there is none the import reports {@code WORKSHEET_NOT_FOUND} with the names there are.
     *
     * @param worksheet the worksheet's name
     * @return a new source
     */
    public XlsxSource sheet(String worksheet) {
        Objects.requireNonNull(worksheet, "worksheet must not be null");
        return new XlsxSource(name, file, content, worksheet);
    }

    /**
     * @return the worksheet to read, or empty for the first
     */
    public Optional<String> sheet() {
        return Optional.ofNullable(sheet);
    }

    @Override
    public RowSource open(Limits limits) throws IOException {
        Objects.requireNonNull(limits, "limits must not be null");
        if (file != null) {
            return new XlsxRowSource(file, false, name, sheet, limits);
        }
        Path copy = Files.createTempFile("intake-", ".xlsx");
        try {
            Files.write(copy, content);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return new XlsxRowSource(copy, true, name, sheet, limits);
    }

    @Override
    public String name() {
        return name;
    }
}
