package dev.intake.core.type;

import static dev.intake.core.internal.Texts.shown;

import dev.intake.core.result.ProblemCode;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The built-in value types. Every type here is immutable and thread-safe.
 */
public final class Types {
    /** What an email address's local part must not hold: {@code @} aside, white space and specials. */
    private static final String NOT_IN_LOCAL_PART = " \t\n\u000B\f\r\"(),:;<>[]";
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");

    private static final ValueType<String> TEXT = new Simple<>("text", String.class) {
        @Override
        public Conversion<String> convert(String column, String text) {
            return Conversion.ok(text);
        }
    };

    private static final ValueType<Long> INTEGER_TYPE = new Simple<>("integer", Long.class) {
        @Override
        public Conversion<Long> convert(String column, String text) {
            if (!isInteger(text)) {
                return Conversion.failed(ProblemCode.INVALID_INTEGER,
                        column + " must be a whole number, not " + shown(text));
            }
            try {
                return Conversion.ok(Long.parseLong(text));
            } catch (NumberFormatException tooLarge) {
                return Conversion.failed(ProblemCode.OUT_OF_RANGE, column + " is too large: " + shown(text));
            }
        }
    };

    private static final ValueType<BigDecimal> DECIMAL_TYPE = new Simple<>("decimal", BigDecimal.class) {
        @Override
        public Conversion<BigDecimal> convert(String column, String text) {
            if (!DECIMAL.matcher(text).matches()) {
                return Conversion.failed(ProblemCode.INVALID_NUMBER, column + " must be a number, not " + shown(text));
            }
            return Conversion.ok(new BigDecimal(text));
        }
    };

    /** Conversions are immutable: the two booleans' are made once. */
    private static final Conversion<Boolean> TRUE = Conversion.ok(Boolean.TRUE);
    private static final Conversion<Boolean> FALSE = Conversion.ok(Boolean.FALSE);

    private static final ValueType<Boolean> BOOLEAN = new Simple<>("boolean", Boolean.class) {
        @Override
        public Conversion<Boolean> convert(String column, String text) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "true": case "yes": case "y": case "1":
                    return TRUE;
                case "false": case "no": case "n": case "0":
                    return FALSE;
                default:
                    return Conversion.failed(ProblemCode.INVALID_BOOLEAN,
                            column + " must be true/false, yes/no, y/n or 1/0, not " + shown(text));
            }
        }

        @Override
        public List<String> allowedValues() {
            return List.of("true", "false");
        }
    };

    private static final ValueType<String> EMAIL_TYPE = new Simple<>("email", String.class) {
        @Override
        public Conversion<String> convert(String column, String text) {
            if (text.length() > 254 || !isEmail(text)) {
                return Conversion.failed(ProblemCode.INVALID_EMAIL,
                        column + " must be an email address like name@example.com, not " + shown(text));
            }
            return Conversion.ok(text);
        }
    };

    private static final ValueType<Currency> CURRENCY = new Simple<>("currency", Currency.class) {
        @Override
        public Conversion<Currency> convert(String column, String text) {
            if (text.length() == 3) {
                try {
                    return Conversion.ok(Currency.getInstance(text.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException unknown) {
                    // reported below
                }
            }
            return Conversion.failed(ProblemCode.INVALID_OPTION,
                    column + " must be an ISO 4217 currency code like USD, not " + shown(text));
        }
    };

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private static final ValueType<LocalDate> ISO_DATE = date("uuuu-MM-dd", "2026-06-15");

    private Types() {
    }

    /**
     * @return free text, as given (trimmed)
     */
    public static ValueType<String> text() {
        return TEXT;
    }

    /**
     * Whole numbers: fractions and text are {@code INVALID_INTEGER}; beyond a {@code long},
     * {@code OUT_OF_RANGE}.
     *
     * @return the integer type
     */
    public static ValueType<Long> integer() {
        return INTEGER_TYPE;
    }

    /**
     * Decimal numbers such as {@code 2.5} or {@code -1e3}; anything else is {@code INVALID_NUMBER}.
     * Exponents are limited to three digits, so no cell can ask for a billion-digit number.
     *
     * @return the decimal type
     */
    public static ValueType<BigDecimal> decimal() {
        return DECIMAL_TYPE;
    }

    /**
     * Decimal numbers as people write them in a locale: its decimal separator, and optionally its
     * grouping separator between every three digits ({@code 1.234,56} in {@link Locale#GERMANY},
     * {@code 1,234.56} in {@link Locale#US}, {@code 1 234,56} in {@link Locale#FRANCE}, where a
     * plain space, a no-break space and a narrow no-break space all group). Grouping in other places
     * ({@code 1,2,3}) and exponents are {@code INVALID_NUMBER}. Numbers a format module read from
     * typed cells (XLSX) are read in their canonical form instead; see
     * {@link ValueType#convertCanonical}.
     *
     * @param locale the locale whose separators are read
     * @return the decimal type
     */
    public static ValueType<BigDecimal> decimal(Locale locale) {
        LocaleNumbers numbers = new LocaleNumbers(locale);
        return new Simple<>("decimal", BigDecimal.class) {
            @Override
            public Conversion<BigDecimal> convert(String column, String text) {
                BigDecimal number = numbers.parse(text, true);
                return number != null ? Conversion.ok(number) : Conversion.failed(ProblemCode.INVALID_NUMBER,
                        column + " must be a number like " + numbers.decimalExample + ", not " + shown(text));
            }

            @Override
            public Conversion<BigDecimal> convertCanonical(String column, String text) {
                return DECIMAL_TYPE.convert(column, text);
            }

            @Override
            public String textOfCanonical(String canonical) {
                return numbers.written(canonical);
            }
        };
    }

    /**
     * Whole numbers as people write them in a locale, optionally grouped by its grouping separator
     * between every three digits ({@code 1.234} in {@link Locale#GERMANY}); fractions are
     * {@code INVALID_INTEGER}, and beyond a {@code long} {@code OUT_OF_RANGE}. See
     * {@link #decimal(Locale)} for the separators read.
     *
     * @param locale the locale whose grouping separator is read
     * @return the integer type
     */
    public static ValueType<Long> integer(Locale locale) {
        LocaleNumbers numbers = new LocaleNumbers(locale);
        return new Simple<>("integer", Long.class) {
            @Override
            public Conversion<Long> convert(String column, String text) {
                BigDecimal number = numbers.parse(text, false);
                if (number == null) {
                    return Conversion.failed(ProblemCode.INVALID_INTEGER,
                            column + " must be a whole number like " + numbers.integerExample + ", not " + shown(text));
                }
                try {
                    return Conversion.ok(number.longValueExact());
                } catch (ArithmeticException tooLarge) {
                    return Conversion.failed(ProblemCode.OUT_OF_RANGE, column + " is too large: " + shown(text));
                }
            }

            @Override
            public Conversion<Long> convertCanonical(String column, String text) {
                return INTEGER_TYPE.convert(column, text);
            }
        };
    }

    /** A locale's decimal and grouping separators, read strictly. */
    private static final class LocaleNumbers {
        private final char decimal;
        private final String grouping;
        private final String minus;
        final String decimalExample;
        final String integerExample;

        LocaleNumbers(Locale locale) {
            DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Objects.requireNonNull(locale,
                    "locale must not be null"));
            decimal = symbols.getDecimalSeparator();
            char group = symbols.getGroupingSeparator();
            boolean space = group == ' ' || group == '\u00A0' || group == '\u202F';
            boolean apostrophe = group == '\'' || group == '\u2019';
            grouping = space ? " \u00A0\u202F" : apostrophe ? "'\u2019" : String.valueOf(group);
            minus = "-" + symbols.getMinusSign();
            DecimalFormat format = new DecimalFormat("#,##0.00", symbols);
            decimalExample = format.format(1234.56);
            integerExample = new DecimalFormat("#,##0", symbols).format(1234);
        }

        /** A canonical number ({@code -1234.5}) as the locale writes it, without grouping ({@code -1234,5}). */
        String written(String canonical) {
            return decimal == '.' ? canonical : canonical.replace('.', decimal);
        }

        /**
         * @return the number, or null when the text is not one: an optional sign, digits grouped in
         *     threes or not at all, and (when allowed) the decimal separator with digits after it
         */
        BigDecimal parse(String text, boolean fraction) {
            StringBuilder plain = new StringBuilder(text.length());
            int i = 0;
            if (i < text.length() && (minus.indexOf(text.charAt(i)) >= 0 || text.charAt(i) == '+')) {
                plain.append(text.charAt(i) == '+' ? '+' : '-');
                i++;
            }
            int digits = 0;
            int sinceGroup = -1;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    plain.append(c);
                    digits++;
                    if (sinceGroup >= 0) {
                        sinceGroup++;
                    }
                } else if (grouping.indexOf(c) >= 0 && c != decimal) {
                    // the first group holds 1-3 digits, every later group exactly 3
                    if (digits == 0 || (sinceGroup < 0 ? digits > 3 : sinceGroup != 3)) {
                        return null;
                    }
                    sinceGroup = 0;
                } else {
                    break;
                }
            }
            if (digits == 0 || (sinceGroup >= 0 && sinceGroup != 3)) {
                return null;
            }
            if (i < text.length()) {
                if (!fraction || text.charAt(i) != decimal || i + 1 == text.length()) {
                    return null;
                }
                plain.append('.');
                for (i++; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c < '0' || c > '9') {
                        return null;
                    }
                    plain.append(c);
                }
            }
            return new BigDecimal(plain.toString());
        }
    }

    /**
     * Booleans: {@code true/false}, {@code yes/no}, {@code y/n}, {@code 1/0}, in any case;
     * anything else is {@code INVALID_BOOLEAN}.
     *
     * @return the boolean type
     */
    public static ValueType<Boolean> bool() {
        return BOOLEAN;
    }

    /**
     * The built-in type a name stands for, as hosts and saved definitions name types beside their
     * custom attributes and columns: {@code text}, {@code integer}, {@code decimal}, {@code boolean},
     * {@code date} (ISO), {@code email} and {@code currency}, whatever the case. An option type
     * needs its values ({@link #option(Collection)}), so {@code option} is not among them.
     *
     * @param name the type's name
     * @return the type, or empty for any other name
     */
    public static Optional<ValueType<?>> named(String name) {
        ValueType<?> type = switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "integer" -> INTEGER_TYPE;
            case "decimal" -> DECIMAL_TYPE;
            case "boolean" -> BOOLEAN;
            case "date" -> ISO_DATE;
            case "email" -> EMAIL_TYPE;
            case "currency" -> CURRENCY;
            default -> null;
        };
        return Optional.ofNullable(type);
    }

    /**
     * ISO dates {@code yyyy-MM-dd}, strictly (no 2026-02-30); anything else is {@code INVALID_DATE}.
     *
     * @return the date type
     */
    public static ValueType<LocalDate> date() {
        return ISO_DATE;
    }

    /**
     * Dates in a pattern of {@link DateTimeFormatter}, read strictly. Use {@code uuuu} for the year.
     * An ISO date {@code yyyy-MM-dd} is accepted too: it cannot be mistaken for another date, and it
     * is how format modules render typed date cells (an XLSX date is a date whatever the column's
     * pattern).
     *
     * @param pattern the pattern, e.g. {@code dd.MM.uuuu}
     * @param example an example value for messages, e.g. {@code 15.06.2026}
     * @return the date type
     * @throws IllegalArgumentException if the pattern is invalid
     */
    public static ValueType<LocalDate> date(String pattern, String example) {
        DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
        Objects.requireNonNull(example, "example must not be null");
        boolean iso = pattern.equals("uuuu-MM-dd");
        return new Simple<>("date", LocalDate.class) {
            @Override
            public Conversion<LocalDate> convert(String column, String text) {
                if (iso) {
                    LocalDate date = isoDate(text);
                    if (date != null) {
                        return Conversion.ok(date);
                    }
                }
                try {
                    return Conversion.ok(LocalDate.parse(text, formatter));
                } catch (DateTimeParseException e) {
                    if (!pattern.equals("uuuu-MM-dd") && looksIso(text)) {
                        try {
                            return Conversion.ok(LocalDate.parse(text, ISO));
                        } catch (DateTimeParseException alsoNotIso) {
                            // reported below, with the column's own example
                        }
                    }
                    return Conversion.failed(ProblemCode.INVALID_DATE,
                            column + " must be a date like " + example + ", not " + shown(text));
                }
            }
        };
    }

    /**
     * Reads {@code uuuu-MM-dd} with four-digit years, the common case, without the formatter: the
     * same dates it accepts, at a tenth of the cost.
     *
     * @return the date, or null when the text is not of that form or no such date exists (the
     *     formatter then decides, and words the message)
     */
    private static LocalDate isoDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    /** @return the number the ASCII digits from..to spell, or -1 if one is not a digit */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code [+-]?[0-9]+}. */
    private static boolean isInteger(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        if (start == text.length()) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A local part of anything but {@code @}, white space and {@code "(),:;<>[]}, then {@code @}
     * and a domain of two or more dot-separated labels of ASCII letters, digits and inner hyphens.
     */
    private static boolean isEmail(String text) {
        int at = text.indexOf('@');
        if (at < 1) {
            return false;
        }
        for (int i = 0; i < at; i++) {
            if (NOT_IN_LOCAL_PART.indexOf(text.charAt(i)) >= 0) {
                return false;
            }
        }
        int labels = 0;
        int start = at + 1;
        while (true) {
            int end = text.indexOf('.', start);
            if (end < 0) {
                end = text.length();
            }
            if (!isLabel(text, start, end)) {
                return false;
            }
            labels++;
            if (end == text.length()) {
                return labels >= 2;
            }
            start = end + 1;
        }
    }

    private static boolean isLabel(String text, int start, int end) {
        if (start == end || text.charAt(start) == '-' || text.charAt(end - 1) == '-') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksIso(String text) {
        return text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-';
    }

    /**
     * Email addresses ({@code name@domain.tld}); anything else is {@code INVALID_EMAIL}.
     *
     * @return the email type
     */
    public static ValueType<String> email() {
        return EMAIL_TYPE;
    }

    /**
     * ISO 4217 currency codes through {@link Currency}, in any case; others are
     * {@code INVALID_OPTION}.
     *
     * @return the currency type
     */
    public static ValueType<Currency> currency() {
        return CURRENCY;
    }

    /**
     * One of a fixed list of values, matched ignoring case and giving the listed spelling; others
     * are {@code INVALID_OPTION}.
     *
     * @param values the allowed values, at least one
     * @return the option type
     * @throws IllegalArgumentException if there are no values or two differ only in case
     */
    public static ValueType<String> option(String... values) {
        return option(List.of(values));
    }

    /**
     * One of a fixed list of values; see {@link #option(String...)}.
     *
     * @param values the allowed values, at least one
     * @return the option type
     * @throws IllegalArgumentException if there are no values or two differ only in case
     */
    public static ValueType<String> option(Collection<String> values) {
        return new Option(values);
    }

    /**
     * One of the values of an enum, by constant name ignoring case.
     *
     * @param type the enum
     * @param <E> the enum type
     * @return the option type, giving the constant's name
     */
    public static <E extends Enum<E>> ValueType<String> option(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        return new Option(names);
    }

    /**
     * One of a list of values the host supplies, such as options configured in its database. The
     * supplier is called once per import, before the first row.
     *
     * @param name a name for templates, e.g. {@code intent option}
     * @param values the supplier of the allowed values
     * @return the option type
     */
    public static ValueType<String> option(String name, Supplier<? extends Collection<String>> values) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(values, "values must not be null");
        return new Simple<>("option", String.class) {
            @Override
            public Conversion<String> convert(String column, String text) {
                return prepare().convert(column, text);
            }

            @Override
            public List<String> allowedValues() {
                return prepare().allowedValues();
            }

            @Override
            public ValueType<String> prepare() {
                return new Option(values.get());
            }
        };
    }

    private abstract static class Simple<T> implements ValueType<T> {
        private final String name;
        private final Class<T> type;

        Simple(String name, Class<T> type) {
            this.name = name;
            this.type = type;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Class<T> javaType() {
            return type;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final class Option extends Simple<String> {
        private final Map<String, String> byLowerCase = new LinkedHashMap<>();
        /** Each option's conversion, by the option as written: what most cells hold. */
        private final Map<String, Conversion<String>> exact = new HashMap<>();

        Option(Collection<String> values) {
            super("option", String.class);
            for (String value : values) {
                String trimmed = Objects.requireNonNull(value, "an option must not be null").trim();
                if (trimmed.isEmpty()) {
                    throw new IllegalArgumentException("an option must not be blank");
                }
                String previous = byLowerCase.putIfAbsent(trimmed.toLowerCase(Locale.ROOT), trimmed);
                if (previous != null) {
                    throw new IllegalArgumentException("options " + previous + " and " + trimmed + " differ only in case");
                }
            }
            if (byLowerCase.isEmpty()) {
                throw new IllegalArgumentException("an option type needs at least one value");
            }
            for (String value : byLowerCase.values()) {
                exact.put(value, Conversion.ok(value));
            }
        }

        @Override
        public Conversion<String> convert(String column, String text) {
            Conversion<String> written = exact.get(text);
            if (written != null) {
                return written;
            }
            String value = byLowerCase.get(text.toLowerCase(Locale.ROOT));
            if (value == null) {
                return Conversion.failed(ProblemCode.INVALID_OPTION,
                        column + " must be one of " + String.join(", ", byLowerCase.values()) + ", not " + shown(text));
            }
            return Conversion.ok(value);
        }

        @Override
        public List<String> allowedValues() {
            return List.copyOf(byLowerCase.values());
        }
    }
}
