package dev.intake.xlsx.internal;

import java.io.IOException;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One workbook part being parsed: a thin layer over the StAX reader that turns every parser failure
 * into a {@link Refusal} naming the part, and reads text with a bound.
 */
final class Part implements AutoCloseable {
    private final String name;
    private final XMLStreamReader xml;
    private final MarkupGuard guard;

    Part(String name, XMLStreamReader xml, MarkupGuard guard) {
        this.name = name;
        this.xml = xml;
        this.guard = guard;
    }

    String name() {
        return name;
    }

    /**
     * Moves to the next start or end element.
     *
     * @return {@link XMLStreamConstants#START_ELEMENT}, {@link XMLStreamConstants#END_ELEMENT} or
     *     {@link XMLStreamConstants#END_DOCUMENT}
     */
    int next() throws Refusal {
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT) {
                    return event;
                }
                if (event == XMLStreamConstants.DTD) {
                    throw Refusal.unreadable(name + " holds a document type declaration, which XLSX files never have");
                }
            }
            return XMLStreamConstants.END_DOCUMENT;
        } catch (XMLStreamException e) {
            throw refusal(name, guard, e);
        } catch (RuntimeException e) {
            throw unchecked(e);
        }
    }

    String localName() {
        return xml.getLocalName();
    }

    /** @return the value of the attribute without a namespace (or the first with that local name) */
    String attribute(String localName) {
        String plain = xml.getAttributeValue(null, localName);
        if (plain != null) {
            return plain;
        }
        for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            if (localName.equals(xml.getAttributeLocalName(i))) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    /**
     * Reads the text of the current element up to its end, nested elements included.
     *
     * @param into where to append
     * @param max most characters {@code into} may hold
     * @return false if the text would go over {@code max} (then {@code into} holds max characters)
     */
    boolean text(StringBuilder into, int max) throws Refusal {
        try {
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> depth++;
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!append(into, max)) {
                            return false;
                        }
                    }
                    case XMLStreamConstants.END_DOCUMENT -> throw Refusal.unreadable(name + " ends inside an element");
                    default -> {
                        // comments and processing instructions hold no cell text
                    }
                }
            }
            return true;
        } catch (XMLStreamException e) {
            throw refusal(name, guard, e);
        } catch (RuntimeException e) {
            throw unchecked(e);
        }
    }

    private boolean append(StringBuilder into, int max) {
        int length = xml.getTextLength();
        int room = max - into.length();
        if (length > room) {
            into.append(xml.getTextCharacters(), xml.getTextStart(), Math.max(room, 0));
            return false;
        }
        into.append(xml.getTextCharacters(), xml.getTextStart(), length);
        return true;
    }

    /** Skips the current element and everything in it. */
    void skip() throws Refusal {
        try {
            int depth = 1;
            while (depth > 0) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw Refusal.unreadable(name + " ends inside an element");
                }
            }
        } catch (XMLStreamException e) {
            throw refusal(name, guard, e);
        } catch (RuntimeException e) {
            throw unchecked(e);
        }
    }

    @Override
    public void close() {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // closing a reader never loses data
        }
        try {
            guard.close();
        } catch (IOException e) {
            // as above
        }
    }

    /**
     * A parser that reads lazily (Aalto parses a text when it is asked for it) reports failures from
     * its accessors wrapped in an unchecked exception; those are the part's problem like any other.
     */
    private Refusal unchecked(RuntimeException e) {
        if (e.getCause() instanceof XMLStreamException cause) {
            return refusal(name, guard, cause);
        }
        if (guard.tripped() != null) {
            return guard.tripped();
        }
        throw e;
    }

    /** Whether a failure comes from inflating the archive: a damaged or truncated file. */
    static boolean damaged(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.zip.ZipException || cause instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    /** What a parser failure means for the user: the guard's finding, or XML that is not well-formed. */
    static Refusal refusal(String part, MarkupGuard guard, XMLStreamException e) {
        if (guard.tripped() != null) {
            return guard.tripped();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof Refusal refusal) {
                return refusal;
            }
        }
        if (e.getNestedException() instanceof Refusal refusal) {
            return refusal;
        }
        if (damaged(e) || e.getNestedException() != null && damaged(e.getNestedException())) {
            return Refusal.unreadable("the part " + part + " of the XLSX file is damaged or cut short;"
                    + " save the file again and upload all of it");
        }
        Location at = e.getLocation();
        String message = String.valueOf(e.getMessage());
        int start = message.indexOf("Message: ");
        if (start >= 0) {
            message = message.substring(start + "Message: ".length());
        }
        return Refusal.unreadable(part + " is not well-formed XML" + (at == null ? "" : " (line " + at.getLineNumber()
                + ", column " + at.getColumnNumber() + ")") + ": " + message.strip()
                + "; the file is damaged or was not written by a spreadsheet program");
    }
}
