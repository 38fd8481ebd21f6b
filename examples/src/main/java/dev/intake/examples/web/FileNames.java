package dev.intake.examples.web;

import java.nio.charset.StandardCharsets;

/** File names as users send them and as downloads offer them. */
public final class FileNames {
    private static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /**
     * A submitted file's name as it is kept: its last path part only (a browser on Windows may send
     * {@code C:\Users\...\runs.csv}; an attacker {@code ../../x}), without control or format
     * characters (line breaks, bidirectional overrides), at most 255 characters.
     *
     * @param submitted the name the client gave, possibly null
     * @param fallback the name used when nothing of it is left
     * @return the name to keep; never blank
     */
    public static String stored(String submitted, String fallback) {
        if (submitted == null) {
            return fallback;
        }
        String name = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT
                && Character.getType(c) != Character.SURROGATE && Character.getType(c) != Character.UNASSIGNED)
                .forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1);
        }
        if (result.length() > MAX_LENGTH) {
            result = result.substring(result.length() - MAX_LENGTH);
        }
        return result.isBlank() ? fallback : result;
    }

    /**
     * A {@code Content-Disposition} offering a download (RFC 6266): an ASCII {@code filename} for old
     * clients, and {@code filename*} in UTF-8 when the name has anything else.
     *
     * @param name the file's name
     * @return the header's value
     */
    public static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        boolean plain = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 32 || c > 126) {
                plain = false;
                ascii.append('_');
            } else {
                ascii.append(c == '"' || c == '\\' ? '_' : c);
            }
        }
        String header = "attachment; filename=\"" + ascii + "\"";
        if (plain && ascii.toString().equals(name)) {
            return header;
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return header + "; filename*=UTF-8''" + encoded;
    }
}
