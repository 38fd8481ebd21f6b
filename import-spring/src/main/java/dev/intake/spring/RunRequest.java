package dev.intake.spring;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.intake.core.Mode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a run was asked beyond its file: a mode of those the definition allows, a header mapping, and
 * the submitter's roles (the run executes later, without the request).
 * Kept in front of the submitted file in the run's stored upload (a magic line, the request's JSON
 * by its length, then the file's bytes as sent), so the run store needs no field of its own for it.
 *
 * @param mode the mode, when not the definition's
 * @param headerMapping the file's headers to columns' keys
 * @param roles the submitter's roles, for the import's context when the run executes later
 */
record RunRequest(Optional<Mode> mode, Map<String, String> headerMapping, java.util.Set<String> roles) {
    private static final byte[] MAGIC = "INTAKE-RUN-1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REQUEST = 1 << 20;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    RunRequest {
        headerMapping = Map.copyOf(headerMapping);
        roles = java.util.Set.copyOf(roles);
    }

    /** Writes the request, then the file's bytes follow. */
    void writeTo(OutputStream out) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(json)) {
            generator.writeStartObject();
            if (mode.isPresent()) {
                generator.writeStringField("mode", mode.get().name());
            }
            generator.writeObjectFieldStart("headerMapping");
            for (Map.Entry<String, String> entry : headerMapping.entrySet()) {
                generator.writeStringField(entry.getKey(), entry.getValue());
            }
            generator.writeEndObject();
            generator.writeArrayFieldStart("roles");
            for (String role : new java.util.TreeSet<>(roles)) {
                generator.writeString(role);
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
        out.write(MAGIC);
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(json.size());
        json.writeTo(out);
    }

    /** Reads the request from the front of a stored upload, leaving the stream at the file's first byte. */
    static RunRequest readFrom(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        data.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException("a run's stored upload does not start with its request");
        }
        int length = data.readInt();
        if (length < 0 || length > MAX_REQUEST) {
            throw new IOException("a run's request of " + length + " bytes");
        }
        byte[] json = new byte[length];
        data.readFully(json);
        Mode mode = null;
        Map<String, String> mapping = new LinkedHashMap<>();
        java.util.Set<String> roles = new java.util.TreeSet<>();
        try (JsonParser parser = FACTORY.createParser(json)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("mode")) {
                    mode = Mode.valueOf(parser.getText());
                } else if (field.equals("headerMapping")) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String header = parser.currentName();
                        parser.nextToken();
                        mapping.put(header, parser.getText());
                    }
                } else if (field.equals("roles")) {
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        roles.add(parser.getText());
                    }
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new RunRequest(Optional.ofNullable(mode), mapping, roles);
    }
}
