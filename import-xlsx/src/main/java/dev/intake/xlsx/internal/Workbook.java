package dev.intake.xlsx.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;

/**
 * The parts of a workbook the reader needs, found the way the format says: the package relationships
 * name the workbook, the workbook's relationships name its sheets, styles and shared strings.
 */
final class Workbook {
    private static final String DEFAULT_WORKBOOK = "xl/workbook.xml";

    /** A sheet as the workbook lists it. */
    record Sheet(String name, String part) {
    }

    final List<Sheet> worksheets;
    final boolean date1904;
    final String styles;
    final String sharedStrings;

    private Workbook(List<Sheet> worksheets, boolean date1904, String styles, String sharedStrings) {
        this.worksheets = worksheets;
        this.date1904 = date1904;
        this.styles = styles;
        this.sharedStrings = sharedStrings;
    }

    static Workbook read(Package zip) throws IOException {
        String workbook = DEFAULT_WORKBOOK;
        if (zip.has("_rels/.rels")) {
            for (Relationship relationship : relationships(zip, "_rels/.rels", "")) {
                if (relationship.type.endsWith("/officeDocument")) {
                    workbook = relationship.target;
                    break;
                }
            }
        }
        String folder = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
        String rels = folder + "_rels/" + workbook.substring(folder.length()) + ".rels";
        Map<String, String> targets = new HashMap<>();
        String styles = null;
        String sharedStrings = null;
        for (Relationship relationship : relationships(zip, rels, folder)) {
            if (relationship.type.endsWith("/worksheet")) {
                targets.put(relationship.id, relationship.target);
            } else if (relationship.type.endsWith("/styles")) {
                styles = relationship.target;
            } else if (relationship.type.endsWith("/sharedStrings")) {
                sharedStrings = relationship.target;
            }
        }
        List<Sheet> sheets = new ArrayList<>();
        boolean date1904 = false;
        try (Part part = zip.read(workbook)) {
            for (int event = part.next(); event != XMLStreamConstants.END_DOCUMENT; event = part.next()) {
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if ("workbookPr".equals(part.localName())) {
                    String value = part.attribute("date1904");
                    date1904 = "1".equals(value) || "true".equals(value);
                } else if ("sheet".equals(part.localName())) {
                    String target = targets.get(part.attribute("id"));
                    if (target != null) {
                        sheets.add(new Sheet(String.valueOf(part.attribute("name")), target));
                    }
                }
            }
        }
        return new Workbook(List.copyOf(sheets), date1904,
                styles != null && zip.has(styles) ? styles : null,
                sharedStrings != null && zip.has(sharedStrings) ? sharedStrings : null);
    }

    private record Relationship(String id, String type, String target) {
    }

    private static List<Relationship> relationships(Package zip, String part, String folder) throws IOException {
        List<Relationship> relationships = new ArrayList<>();
        if (!zip.has(part)) {
            return relationships;
        }
        try (Part xml = zip.read(part)) {
            for (int event = xml.next(); event != XMLStreamConstants.END_DOCUMENT; event = xml.next()) {
                if (event == XMLStreamConstants.START_ELEMENT && "Relationship".equals(xml.localName())) {
                    String target = xml.attribute("Target");
                    if (target != null && !"External".equals(xml.attribute("TargetMode"))) {
                        relationships.add(new Relationship(String.valueOf(xml.attribute("Id")),
                                String.valueOf(xml.attribute("Type")), resolve(folder, target)));
                    }
                }
            }
        }
        return relationships;
    }

    /** A relationship target as an archive name: absolute from the root, or relative to the folder. */
    static String resolve(String folder, String target) {
        String path = target.startsWith("/") ? target.substring(1) : folder + target;
        List<String> parts = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                parts.add(segment);
            }
        }
        return String.join("/", parts);
    }
}
