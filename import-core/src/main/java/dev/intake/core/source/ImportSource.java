package dev.intake.core.source;

import dev.intake.core.Limits;
import java.io.IOException;

/**
 * A file that can be opened as a {@link RowSource}, possibly more than once (an engine may read a
 * file twice: a scan before writing, then the rows). Implementations are immutable.
 */
public interface ImportSource {

    /**
     * Opens the file for reading under the given limits; the source enforces the byte, cell-length
     * and column limits while it reads, so that memory stays bounded.
     *
     * @param limits the limits to enforce while reading
     * @return a new row source, positioned before the header
     * @throws IOException if the file cannot be opened
     */
    RowSource open(Limits limits) throws IOException;

    /**
     * A name for messages, such as the file name.
     *
     * @return the name, never null
     */
    String name();
}
