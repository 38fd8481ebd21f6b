package dev.intake.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Malformed JSON in Intake's words: what a person sending the document can fix, with its line and
 * column, never the parser's own text (its class names, settings and "was expecting" lists). Used by
 * every JSON reader of Intake's and open to hosts that read JSON of their own. Stateless and
 * thread-safe.
 */
public final class JsonErrors {
    private static final Pattern CHARACTER = Pattern.compile("\\('(.*?)' \\(code (\\d+)\\)\\)", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*?)'", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("Duplicate (?:field|Object property) '(.*?)'", Pattern.DOTALL);
    private static final Pattern LIMIT = Pattern.compile("\\(([0-9]+)\\)[^(]*\\(([0-9]+)");

    private JsonErrors() {
    }

    /**
     * What is wrong with a document, without where.
     *
     * @param e what the parser threw
     * @return a sentence fragment such as {@code "'tru' is not a JSON value"}; never null
     */
    public static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return limit(message);
        }
        Matcher field = FIELD.matcher(message);
        if (field.find()) {
            return "the field \"" + shown(field.group(1)) + "\" is given twice";
        }
        if (message.contains("end-of-input") || e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
            return "the document ends before its JSON is complete";
        }
        if (message.contains("Invalid UTF-8") || message.contains("Invalid UTF-32") || message.contains("surrogate")) {
            return "the document is not valid UTF-8 text";
        }
        if (message.contains("Illegal unquoted character")) {
            return "a control character inside a string must be escaped (\\n, \\t, \\u0000)";
        }
        if (message.contains("Unrecognized character escape")) {
            return "a string has an escape JSON does not know (use \\\\ for a backslash)";
        }
        if (message.contains("Trailing token")) {
            return "the document goes on after its end";
        }
        if (message.contains("Unexpected close marker")) {
            return "a closing bracket or brace has no opening one";
        }
        if (message.contains("Leading zeroes") || message.contains("Invalid numeric value")
                || message.contains("Non-standard token") || message.contains("Invalid number")) {
            return "a number is not written as JSON writes numbers";
        }
        if (message.startsWith("Illegal character")) {
            return "a control character outside a string";
        }
        Matcher token = TOKEN.matcher(message);
        if (token.find()) {
            return "'" + shown(token.group(1)) + "' is not a JSON value (text needs double quotes;"
                    + " true, false and null are lower case)";
        }
        Matcher character = CHARACTER.matcher(message);
        if (character.find()) {
            String found = Integer.parseInt(character.group(2)) < 32 ? "a control character"
                    : "'" + character.group(1) + "'";
            if (message.contains("colon")) {
                return found + " where ':' was expected after a field name";
            }
            if (message.contains("field name")) {
                return found + " where a field name in double quotes was expected";
            }
            if (message.contains("Object entries")) {
                return found + " where ',' or '}' was expected";
            }
            if (message.contains("Array entries")) {
                return found + " where ',' or ']' was expected";
            }
            if (message.contains("Illegal character")) {
                return found + " outside a string";
            }
            return found + " where a value was expected";
        }
        return "the document is not well-formed JSON";
    }

    /**
     * Where, as {@code " (line 3, column 14)"}.
     *
     * @param at the location, possibly null or unknown
     * @return the text, empty when the location is unknown
     */
    public static String where(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /**
     * What is wrong and where.
     *
     * @param e what the parser threw
     * @return {@link #describe} followed by {@link #where}
     */
    public static String explain(JsonProcessingException e) {
        return describe(e) + where(e.getLocation());
    }

    private static String limit(String message) {
        Matcher numbers = LIMIT.matcher(message);
        String max = numbers.find() ? numbers.group(2) : null;
        String over = max == null ? "" : " (at most " + max + ")";
        if (message.startsWith("String value length")) {
            return "a string is longer than allowed" + over;
        }
        if (message.startsWith("Name length")) {
            return "a field name is longer than allowed" + over;
        }
        if (message.startsWith("Number value length")) {
            return "a number has more digits than allowed" + over;
        }
        if (message.contains("nesting depth")) {
            return "the document nests deeper than allowed" + over;
        }
        if (message.startsWith("Document length") || message.contains("document length")) {
            return "the document is longer than allowed" + over;
        }
        if (message.contains("Token count")) {
            return "the document has more values than allowed" + over;
        }
        return "the document is over a limit" + over;
    }

    private static String shown(String text) {
        String clean = text.codePoints().map(c -> c < 32 ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
    }
}
