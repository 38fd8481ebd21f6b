package dev.intake.spring;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The import console: one page and its script and style, served as they are from the class path
 * ({@code META-INF/intake/console/}), at {@code {base-path}/}. The page calls the endpoints under
 * {@code {base-path}/api}; its address names the run it shows ({@code #/runs/ID}), so that a reload
 * shows the same upload, edits and results. It sits behind the application's security like the
 * endpoints; its answers forbid framing by other sites and scripts from anywhere but the page's
 * own origin.
 */
public class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ROOT = "META-INF/intake/console/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html;charset=UTF-8",
            "console.js", "text/javascript;charset=UTF-8",
            "console.css", "text/css;charset=UTF-8");
    private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            // {base-path} itself: the page's relative addresses need the trailing slash
            response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
            return;
        }
        String name = path.equals("/") ? "index.html" : path.substring(1);
        String type = FILES.get(name);
        if (type == null) {
            JsonWriter.error(response, 404, "NOT_FOUND", "the console has no file " + (name.length() <= 60 ? name
                    : name.substring(0, 60) + "\u2026"));
            return;
        }
        try (InputStream in = ConsoleServlet.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                JsonWriter.error(response, 500, "INTERNAL", "the console's " + name + " is missing from the class path");
                return;
            }
            response.setStatus(200);
            response.setContentType(type);
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", POLICY);
            response.setHeader("Referrer-Policy", "same-origin");
            in.transferTo(response.getOutputStream());
        }
    }
}
