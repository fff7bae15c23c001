package dev.agentdbg.runtime.debug.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves the live debugger's page: {@code /} is {@code ui/index.html}, {@code /ui/<file>} the page's scripts and
 * styles, and {@code /ui/report/<file>} the HTML report's front-end (copied from the analyzer at build time), all
 * from the agent jar. Reached only after {@link RequestGuard} let the request through.
 */
final class StaticFiles {
    /** Where the files are, as class path resources. */
    static final String ROOT = "dev/agentdbg/runtime/debug/ui/";

    /**
     * Only the page's allowed self: its scripts and styles. Not even the report's front-end may be framed or load
     * from elsewhere; inline scripts and styles are refused too (the page has none).
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * A file name the page may ask for: one optional folder, letters, digits and dashes, a known extension. Nothing
     * else reaches the class loader, so {@code ..}, {@code %2e}, {@code //}, backslashes and absolute paths are 404s.
     */
    private static final Pattern NAME = Pattern.compile("(?:[a-z0-9][a-z0-9-]*/)?[a-z0-9][a-z0-9-]*\\.(?:js|css|html|png|svg)");

    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");

    private StaticFiles() {
    }

    /** Whether {@code path} is the page or one of its files (the rest of the routes are the API's). */
    static boolean handles(String path) {
        return "/".equals(path) || "/index.html".equals(path) || path.startsWith("/ui/");
    }

    /** Answers a request {@link #handles} said yes to. */
    static void serve(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        boolean head = "HEAD".equals(method);
        if (!"GET".equals(method) && !head) {
            text(exchange, 405, "GET only");
            return;
        }
        String name = "/".equals(path) || "/index.html".equals(path) ? "index.html" : path.substring("/ui/".length());
        if (!NAME.matcher(name).matches()) {
            text(exchange, 404, "no such file");
            return;
        }
        byte[] bytes = read(ROOT + name);
        if (bytes == null) {
            text(exchange, 404, "no such file: " + name);
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.add("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        headers.add("Content-Security-Policy", CSP);
        headers.add("X-Content-Type-Options", "nosniff");
        headers.add("Referrer-Policy", "no-referrer");
        // The page and the agent come and go together: a new agent version must never meet an old cached script.
        headers.add("Cache-Control", "no-store");
        if (head) {
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * The resource's bytes, or null. Under the agent this class is defined by the platform-side loader, which finds
     * the agent jar's resources; in tests the application class loader has them.
     */
    private static byte[] read(String resource) throws IOException {
        ClassLoader loader = StaticFiles.class.getClassLoader();
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
