package dev.intake.xlsx;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hand-made XLSX packages for tests: exactly the parts and XML a test needs, hostile ones included.
 * Parts are written in order; {@link #part(String, InputStream)} streams big generated content.
 */
final class RawWorkbook {
    static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final String DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private final Map<String, Object> parts = new LinkedHashMap<>();

    /** A workbook with sheets named Sheet1..n holding the given sheetData contents. */
    static RawWorkbook of(String... sheetData) {
        RawWorkbook workbook = new RawWorkbook();
        StringBuilder sheets = new StringBuilder();
        StringBuilder rels = new StringBuilder();
        for (int i = 1; i <= sheetData.length; i++) {
            sheets.append("<sheet name=\"Sheet").append(i).append("\" sheetId=\"").append(i)
                    .append("\" r:id=\"rId").append(i).append("\"/>");
            rels.append(relationship("rId" + i, "worksheet", "worksheets/sheet" + i + ".xml"));
        }
        rels.append(relationship("rIdS", "styles", "styles.xml"));
        rels.append(relationship("rIdT", "sharedStrings", "sharedStrings.xml"));
        workbook.part("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
        workbook.part("_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" + RELS + "\">"
                + "<Relationship Id=\"rId1\" Type=\"" + DOC_RELS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>");
        workbook.part("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN
                + "\" xmlns:r=\"" + DOC_RELS + "\"><sheets>" + sheets + "</sheets></workbook>");
        workbook.part("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                + RELS + "\">" + rels + "</Relationships>");
        for (int i = 1; i <= sheetData.length; i++) {
            workbook.part("xl/worksheets/sheet" + i + ".xml", sheet(sheetData[i - 1]));
        }
        workbook.sharedStrings();
        workbook.styles("");
        return workbook;
    }

    static String sheet(String sheetData) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"" + MAIN + "\">"
                + "<sheetData>" + sheetData + "</sheetData></worksheet>";
    }

    private static String relationship(String id, String type, String target) {
        return "<Relationship Id=\"" + id + "\" Type=\"" + DOC_RELS + "/" + type + "\" Target=\"" + target + "\"/>";
    }

    /** Inline-string cells of one row, from column A on. */
    static String row(int number, String... values) {
        StringBuilder row = new StringBuilder("<row r=\"" + number + "\">");
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                row.append(inline(column(i + 1) + number, values[i]));
            }
        }
        return row.append("</row>").toString();
    }

    static String inline(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    static String column(int column) {
        StringBuilder letters = new StringBuilder();
        for (int n = column; n > 0; n = (n - 1) / 26) {
            letters.append((char) ('A' + (n - 1) % 26));
        }
        return letters.reverse().toString();
    }

    RawWorkbook sharedStrings(String... strings) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN + "\">");
        for (String string : strings) {
            xml.append("<si><t>").append(string).append("</t></si>");
        }
        return part("xl/sharedStrings.xml", xml.append("</sst>").toString());
    }

    /** styles.xml with these {@code numFmt} elements and one cellXfs entry per format id given. */
    RawWorkbook styles(String numFmts, int... xfFormatIds) {
        StringBuilder xfs = new StringBuilder("<xf numFmtId=\"0\"/>");
        for (int id : xfFormatIds) {
            xfs.append("<xf numFmtId=\"").append(id).append("\" applyNumberFormat=\"1\"/>");
        }
        return part("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + MAIN + "\">"
                + (numFmts.isEmpty() ? "" : "<numFmts>" + numFmts + "</numFmts>")
                + "<cellXfs>" + xfs + "</cellXfs></styleSheet>");
    }

    RawWorkbook part(String name, String xml) {
        parts.put(name, xml.getBytes(UTF_8));
        return this;
    }

    RawWorkbook part(String name, byte[] content) {
        parts.put(name, content.clone());
        return this;
    }

    RawWorkbook part(String name, InputStream content) {
        parts.put(name, content);
        return this;
    }

    RawWorkbook remove(String name) {
        parts.remove(name);
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, Object> part : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(part.getKey()));
                if (part.getValue() instanceof byte[] bytes) {
                    zip.write(bytes);
                } else {
                    try (InputStream in = (InputStream) part.getValue()) {
                        in.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
