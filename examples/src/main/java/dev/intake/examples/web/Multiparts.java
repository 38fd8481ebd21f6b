package dev.intake.examples.web;

import java.util.Locale;

/** Why a multipart body could not be parsed, in a user's words, from the container's failure. */
final class Multiparts {
    private Multiparts() {
    }

    /**
     * Whether a failure the framework took for a size limit is another limit: the number of parts,
     * or the length of a part's headers.
     *
     * @param e the failure
     * @return true when the body's size was not what failed
     */
    static boolean notAboutSize(Throwable e) {
        String reason = reason(e);
        return reason.contains("more parts") || reason.contains("headers");
    }

    /**
     * The reason.
     *
     * @param e the failure, whose causes carry the container's words
     * @return a sentence fragment
     */
    static String reason(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null && all.length() < 2000; t = t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(' ').append(t.getMessage()).append('\n');
        }
        String text = all.toString().toLowerCase(Locale.ROOT);
        if (text.contains("boundary")) {
            return "it has no boundary (send multipart/form-data with a boundary, as a browser or HTTP client does)";
        }
        if (text.contains("filecountlimit") || text.contains("part count") || text.contains("maxpartcount")
                || text.contains("too many parts") || text.contains("attachment count")) {
            return "it has more parts than a request may have";
        }
        if (text.contains("header section") || text.contains("header") && (text.contains("long") || text.contains("max"))) {
            return "a part's headers are longer than allowed";
        }
        if (text.contains("eof") || text.contains("stream ended") || text.contains("unexpected end")) {
            return "it ends before its last part is complete";
        }
        return "it is not a well-formed multipart/form-data body";
    }
}
