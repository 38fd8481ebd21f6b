package dev.intake.xlsx.internal;

import javax.xml.stream.XMLStreamConstants;

/**
 * A rich-text item ({@code si} of the shared strings, {@code is} of an inline string): the text of
 * its {@code t} elements, directly or in runs ({@code r}), in order. Phonetic guides ({@code rPh})
 * are not part of the value.
 */
final class StringItem {
    private StringItem() {
    }

    /**
     * Reads from just after the item's start element to its end.
     *
     * @return false if the text is longer than {@code max}
     */
    static boolean read(Part part, StringBuilder into, int max) throws Refusal {
        int depth = 1;
        while (depth > 0) {
            int event = part.next();
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw Refusal.unreadable(part.name() + " ends inside a text");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else {
                String name = part.localName();
                if ("t".equals(name)) {
                    if (!part.text(into, max)) {
                        return false;
                    }
                } else if ("rPh".equals(name)) {
                    part.skip();
                } else {
                    depth++;
                }
            }
        }
        return true;
    }
}
