package dev.intake.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.spi.run.RunFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RunFiles} must do, for an adapter author to extend: a file is read back as it
 * was written, under an id of its own, until it is deleted; a file whose writing fails is not kept.
 */
public abstract class RunFilesContract {

    /** For subclasses. */
    protected RunFilesContract() {
    }

    /**
     * Files in a new, empty place.
     *
     * @return the files under test
     * @throws Exception if they cannot be made
     */
    protected abstract RunFiles newFiles() throws Exception;

    @Test
    void aFileIsReadBackAsWrittenUntilItIsDeleted() throws Exception {
        RunFiles files = newFiles();
        byte[] big = new byte[3 * 1024 * 1024 + 7];
        Arrays.fill(big, (byte) 'x');
        String first = files.save("parts.csv", out -> out.write("Number,Name\n100-1,Fan\n".getBytes()));
        String second = files.save("big.xlsx", out -> out.write(big));

        assertThat(first).isNotEqualTo(second);
        try (InputStream in = files.open(first)) {
            assertThat(new String(in.readAllBytes())).isEqualTo("Number,Name\n100-1,Fan\n");
        }
        try (InputStream in = files.open(second)) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
        files.delete(first);
        assertThatThrownBy(() -> files.open(first)).isInstanceOf(FileNotFoundException.class);
        files.delete(first);
        try (InputStream in = files.open(second)) {
            assertThat(in.readAllBytes()).hasSize(big.length);
        }
    }

    @Test
    void aFileWhoseWritingFailsIsNotKeptAndAnUnknownIdIsNotFound() throws Exception {
        RunFiles files = newFiles();
        assertThatThrownBy(() -> files.save("broken.csv", out -> {
            out.write(1);
            throw new IOException("the upload broke off");
        })).isInstanceOf(IOException.class).hasMessage("the upload broke off");
        assertThatThrownBy(() -> files.open("NOSUCHFILE0000000000")).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> files.open("../../etc/passwd")).isInstanceOf(FileNotFoundException.class);
    }
}
