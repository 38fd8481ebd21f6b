package dev.intake.spi.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where a host keeps runs' files: the submitted files until their runs end, and the results files
 * until they expire. {@code InMemoryRunFiles} and {@code DirectoryRunFiles} are implementations;
 * {@code RunFilesContract} in the test kit checks an adapter.
 */
public interface RunFiles {

    /** Writes a file's content. */
    @FunctionalInterface
    interface Content {
        /**
         * Writes the content.
         *
         * @param out where to write; closed by the store
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores a file.
     *
     * @param name a name for it (the submitted file's, or the results'), for the host's eyes
     * @param content its content, written once
     * @return its id
     * @throws IOException if it cannot be stored; nothing is kept then
     */
    String save(String name, Content content) throws IOException;

    /**
     * Opens a file.
     *
     * @param id its id
     * @return its content
     * @throws java.io.FileNotFoundException if there is no such file (deleted, or never stored)
     * @throws IOException if it cannot be read
     */
    InputStream open(String id) throws IOException;

    /**
     * Deletes a file; deleting one that is not there does nothing.
     *
     * @param id its id
     * @throws IOException if it cannot be deleted
     */
    void delete(String id) throws IOException;
}
