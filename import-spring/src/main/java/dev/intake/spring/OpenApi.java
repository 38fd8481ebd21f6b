package dev.intake.spring;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The endpoints' OpenAPI 3 document, its server the base the application serves them under. */
final class OpenApi {
    private static final String DOCUMENT = load();

    private OpenApi() {
    }

    private static String load() {
        try (InputStream in = OpenApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from import-spring's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("openapi.json cannot be read", e);
        }
    }

    static void write(String base, HttpServletResponse response) throws IOException {
        // the base is the application's own path, JSON-escaped as a string's content
        String escaped = base.replace("\\", "\\\\").replace("\"", "\\\"");
        byte[] body = DOCUMENT.replace("__BASE__", escaped).getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
