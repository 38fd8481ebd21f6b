package dev.intake.spring;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes the endpoints' JSON with Intake's own Jackson (the one import-json uses), whatever Jackson
 * the application's MVC is configured with.
 */
final class JsonWriter {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonWriter() {
    }

    static void send(HttpServletResponse response, int status, Body body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        try (JsonGenerator json = FACTORY.createGenerator(response.getOutputStream(), JsonEncoding.UTF8)) {
            body.write(json);
        }
    }

    /**
     * Answers an error in the endpoints' one envelope: {@code {"error": {"code": ..., "message": ...}}}.
     *
     * @param response the response
     * @param status the HTTP status
     * @param code the stable code
     * @param message what happened, for a person
     * @throws IOException if the response cannot be written
     */
    static void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        send(response, status, json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("code", code);
            json.writeStringField("message", message);
            json.writeEndObject();
            json.writeEndObject();
        });
    }
}
