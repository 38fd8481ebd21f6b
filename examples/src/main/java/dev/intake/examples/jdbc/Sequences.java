package dev.intake.examples.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Takes ids from a database sequence a block at a time, in one query: so that rows written together
 * know their ids before they are inserted, and whatever is derived from an id (a generated title or
 * number) is computed in Java instead of being updated afterwards. The same SQL runs on H2 and
 * PostgreSQL ({@code nextval} over {@code GENERATE_SERIES}). Ids taken and not used are gaps, as with
 * any sequence. Used by one thread.
 */
public final class Sequences implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final PreparedStatement next;

    /**
     * Ids of one sequence.
     *
     * @param connection the connection to take them on
     * @param sequence the sequence's name: letters, digits and underscores
     * @throws SQLException if the query cannot be prepared
     */
    public Sequences(Connection connection, String sequence) throws SQLException {
        if (!NAME.matcher(sequence).matches()) {
            throw new IllegalArgumentException("not a sequence name: " + sequence);
        }
        next = connection.prepareStatement("SELECT nextval('" + sequence + "') FROM GENERATE_SERIES(1, ?)");
    }

    /**
     * Takes ids.
     *
     * @param count how many, 0 or more
     * @return the ids, ascending
     * @throws SQLException if the sequence cannot be read, or gives fewer
     */
    public long[] next(int count) throws SQLException {
        long[] ids = new long[count];
        if (count == 0) {
            return ids;
        }
        next.setInt(1, count);
        int n = 0;
        try (ResultSet values = next.executeQuery()) {
            while (values.next() && n < count) {
                ids[n++] = values.getLong(1);
            }
        }
        if (n != count) {
            throw new SQLException("the sequence gave " + n + " ids where " + count + " were asked for");
        }
        Arrays.sort(ids);
        return ids;
    }

    /**
     * What a generated number made from an id reads: a prefix and the id in at least {@code digits}
     * digits, zero-padded ({@code numbered("RUN-", 42, 4)} is {@code RUN-0042}), as
     * {@code String.format} would write it, without parsing a format for every row.
     *
     * @param prefix the prefix
     * @param id the id, 0 or more
     * @param digits the fewest digits
     * @return the number
     */
    public static String numbered(String prefix, long id, int digits) {
        String number = Long.toString(id);
        StringBuilder text = new StringBuilder(prefix.length() + Math.max(digits, number.length())).append(prefix);
        for (int i = number.length(); i < digits; i++) {
            text.append('0');
        }
        return text.append(number).toString();
    }

    @Override
    public void close() throws SQLException {
        next.close();
    }
}
