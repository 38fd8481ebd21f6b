package dev.intake.xlsx.internal;

import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The ZIP container of a workbook, checked before any part is read: a ZIP at all (an old
 * {@code .xls} or an encrypted workbook is named as such), complete, at most {@value #MAX_ENTRIES}
 * entries, no name twice (two parts under one name let two readers see two different workbooks,
 * CVE-2025-31672). Parts are read through a {@link MarkupGuard} by Aalto's StAX parser (the one
 * fastexcel-reader uses: the JDK's own parser measured at half its speed), made directly rather than
 * through the JVM-wide factory lookup, with DTDs and external entities off on this factory alone.
 */
final class Package implements AutoCloseable {
    static final int MAX_ENTRIES = 1_000;

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private final ZipFile zip;
    private final long maxMarkup;
    private final XMLInputFactory factory;

    private Package(ZipFile zip, long maxMarkup) {
        this.zip = zip;
        this.maxMarkup = maxMarkup;
        this.factory = new InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    /**
     * Opens and checks the container.
     *
     * @param file the file
     * @param maxMarkup most bytes of one tag, comment or CDATA section
     * @return the package
     * @throws Refusal if the file is not a sound XLSX container
     * @throws IOException if the file cannot be read
     */
    static Package open(Path file, long maxMarkup) throws IOException {
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, 4);
        }
        if (read == 4 && java.util.Arrays.equals(head, OLE2)) {
            throw Refusal.unreadable("this is an old Excel 97-2003 (.xls) file or a password-protected workbook,"
                    + " not an XLSX file; save it as .xlsx (without a password) or as CSV");
        }
        if (read < 4 || !java.util.Arrays.equals(head, ZIP)) {
            throw Refusal.unreadable("this is not an XLSX file (an XLSX file is a ZIP archive, this one is not);"
                    + " save it as .xlsx or as CSV");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw Refusal.unreadable("the XLSX file is damaged or cut short (its ZIP directory cannot be read);"
                    + " save it again and upload the whole file");
        }
        try {
            checkEntries(zip);
            return new Package(zip, maxMarkup);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static void checkEntries(ZipFile zip) throws Refusal {
        Set<String> names = new HashSet<>();
        int count = 0;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (++count > MAX_ENTRIES) {
                throw Refusal.unreadable("the XLSX file has more than " + MAX_ENTRIES
                        + " parts; a workbook of data never needs that many");
            }
            if (!names.add(entry.getName())) {
                throw Refusal.unreadable("the XLSX file holds two parts named " + entry.getName()
                        + "; different programs would read different data from it, so it is refused");
            }
        }
    }

    boolean has(String part) {
        return zip.getEntry(part) != null;
    }

    /**
     * A parser on one part, behind its guard.
     *
     * @param part the part's name in the archive
     * @return the parser and its guard
     * @throws Refusal if the part is missing
     * @throws IOException if it cannot be read
     */
    Part read(String part) throws IOException {
        ZipEntry entry = zip.getEntry(part);
        if (entry == null || entry.isDirectory()) {
            throw Refusal.unreadable("the XLSX file has no part " + part + "; it is damaged or not a workbook");
        }
        InputStream raw;
        try {
            raw = zip.getInputStream(entry);
        } catch (ZipException e) {
            throw Refusal.unreadable("the part " + part + " of the XLSX file is damaged: " + e.getMessage());
        }
        MarkupGuard guard = new MarkupGuard(raw, part, entry.getCompressedSize(), maxMarkup);
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new BufferedInputStream(guard, 1 << 16));
            return new Part(part, xml, guard);
        } catch (XMLStreamException e) {
            guard.close();
            throw Part.refusal(part, guard, e);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
