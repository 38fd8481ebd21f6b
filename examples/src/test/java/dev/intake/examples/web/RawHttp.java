package dev.intake.examples.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 as an attacker writes it: the request line sent byte for byte as given (no client
 * normalizing {@code ..}, {@code //} or {@code ;} away), headers as given, the answer read whole
 * (chunked or not) with its headers as sent.
 */
public final class RawHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /**
     * An answer.
     *
     * @param status the status code
     * @param headers the headers, names in lower case (the last of each)
     * @param body the body, de-chunked
     * @param chunked whether it came chunked
     */
    public record Answer(int status, Map<String, String> headers, byte[] body, boolean chunked) {
        /** @return the body as UTF-8 text */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** @return the body as JSON, or null when it is not */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        /**
         * @param name a header's name
         * @return its value, or null
         */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** @return the error code of either API's envelope, as text, or null */
        public String errorCode() {
            JsonNode json = json();
            if (json == null) {
                return null;
            }
            if (json.path("errors").isArray() && json.path("errors").size() > 0) {
                return json.path("errors").get(0).path("code").asText();
            }
            return json.path("error").isObject() ? json.path("error").path("code").asText() : null;
        }
    }

    /**
     * Sends one request on a connection of its own.
     *
     * @param base the server, e.g. {@code http://localhost:8080/}
     * @param method the method
     * @param target the request target, sent as it is
     * @param headers further headers
     * @param body the body (Content-Length is set), or null
     * @return the answer
     * @throws IOException if the exchange fails
     */
    public static Answer send(URI base, String method, String target, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                    + base.getPort() + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Sends one request without a body.
     *
     * @param base the server
     * @param method the method
     * @param target the request target, sent as it is
     * @param headers further headers
     * @return the answer
     * @throws IOException if the exchange fails
     */
    public static Answer send(URI base, String method, String target, Map<String, String> headers) throws IOException {
        return send(base, method, target, headers, null);
    }

    /**
     * Reads an answer whole.
     *
     * @param in the connection
     * @return the answer
     * @throws IOException if it cannot be read
     */
    public static Answer read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new IOException("no complete answer: " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        return new Answer(status, headers, chunked ? dechunk(body) : body, chunked);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int line = indexOf(java.util.Arrays.copyOfRange(body, at, body.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            int size = Integer.parseInt(new String(body, at, line, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, at + line + 2, size);
            at += line + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
