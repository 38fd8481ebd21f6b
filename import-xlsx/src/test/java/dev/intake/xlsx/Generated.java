package dev.intake.xlsx;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.InputStream;
import java.util.function.LongFunction;

/**
 * Content made as it is read: a head, {@code count} units (the unit may depend on its index), a
 * tail. Lets a test write a zip bomb or a million-row sheet without holding it.
 */
final class Generated extends InputStream {
    private final byte[] head;
    private final byte[] tail;
    private final long count;
    private final LongFunction<String> unit;
    private byte[] current;
    private int position;
    private long index = -1;

    Generated(String head, long count, LongFunction<String> unit, String tail) {
        this.head = head.getBytes(UTF_8);
        this.tail = tail.getBytes(UTF_8);
        this.count = count;
        this.unit = unit;
        this.current = this.head;
    }

    static Generated repeat(String head, long count, String unit, String tail) {
        return new Generated(head, count, i -> unit, tail);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        int written = 0;
        while (written < length) {
            if (position == current.length && !advance()) {
                return written == 0 ? -1 : written;
            }
            int n = Math.min(length - written, current.length - position);
            System.arraycopy(current, position, buffer, offset + written, n);
            position += n;
            written += n;
        }
        return written;
    }

    private boolean advance() {
        if (current == tail && index >= count) {
            return false;
        }
        index++;
        current = index < count ? unit.apply(index).getBytes(UTF_8) : tail;
        if (index > count) {
            return false;
        }
        position = 0;
        return true;
    }
}
