package dev.intake.spi.memory;

import dev.intake.spi.run.RunFiles;
import dev.intake.spi.run.RunIds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RunFiles} in memory, for tests and small hosts. Thread-safe. */
public final class InMemoryRunFiles implements RunFiles {
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public String save(String name, Content content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        content.writeTo(out);
        String id = RunIds.next();
        files.put(id, out.toByteArray());
        return id;
    }

    @Override
    public InputStream open(String id) throws IOException {
        byte[] content = files.get(id);
        if (content == null) {
            throw new FileNotFoundException("no file " + id);
        }
        return new ByteArrayInputStream(content);
    }

    @Override
    public void delete(String id) {
        files.remove(id);
    }

    /** @return how many files are kept */
    public int size() {
        return files.size();
    }
}
