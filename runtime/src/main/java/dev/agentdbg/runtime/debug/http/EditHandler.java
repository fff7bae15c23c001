package dev.agentdbg.runtime.debug.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import dev.agentdbg.runtime.debug.Edits;
import dev.agentdbg.runtime.debug.PauseBoard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/edit} with {@code {"id": <pause id>, "target": "body" | "result" | "args[0]", "text": "…"}}:
 * 200 {@code {"edited": "<target>"}}; 400 when the body or the text does not parse or cannot become the
 * target's type; 409 when the pause is gone or the target is not editable there. The edit is kept by the
 * pause and applied when its thread is resumed.
 */
final class EditHandler {
    /** An edit's text is at most {@code EditValues.MAX_CHARS} chars; UTF-8 and JSON escapes may take more bytes. */
    private static final int MAX_REQUEST_BYTES = 8 << 20;
    private static final JsonFactory JSON = new JsonFactory();

    private EditHandler() {
    }

    static void handle(HttpExchange exchange, PauseBoard board) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            text(exchange, 405, "POST only: it changes the program's state");
            return;
        }
        byte[] body = read(exchange.getRequestBody());
        if (body == null) {
            text(exchange, 400, "the request body is larger than " + (MAX_REQUEST_BYTES >> 20) + " MB");
            return;
        }
        long id = -1;
        String target = null;
        String newText = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "id" -> id = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue()
                            : t == JsonToken.VALUE_STRING ? Long.parseLong(p.getText()) : -1;
                    case "target" -> target = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "text" -> newText = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | NumberFormatException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            text(exchange, 400, "expected {\"id\": <pause id>, \"target\": \"body\" | \"result\" | \"args[<n>]\", "
                    + "\"text\": \"...\"}: " + oneLine(why));
            return;
        }
        if (id < 0 || target == null || newText == null) {
            text(exchange, 400, "expected {\"id\": <pause id>, \"target\": \"body\" | \"result\" | \"args[<n>]\", "
                    + "\"text\": \"...\"} (a string text)");
            return;
        }
        PauseBoard.Pause pause = null;
        for (PauseBoard.Pause p : board.paused()) {
            if (p.id == id) {
                pause = p;
            }
        }
        if (pause == null || pause.reason() != null) {
            text(exchange, 409, "pause " + id + " is not paused (any more)");
            return;
        }
        if (pause.edits == null) {
            text(exchange, 409, "nothing can be edited at pause " + id);
            return;
        }
        Edits.Refusal refusal = pause.edits.propose(target, newText);
        if (refusal != null) {
            text(exchange, refusal.status(), oneLine(refusal.message()));
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("edited", target);
            g.writeEndObject();
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        write(exchange, 200, out.toByteArray());
    }

    /**
     * A pause's {@code editable} list as the API shows it (the contract's {@code <editable>}), for the state
     * and the live feed: {@code []} when nothing can be edited.
     */
    static void writeEditables(JsonGenerator g, PauseBoard.Pause pause) throws IOException {
        g.writeArrayFieldStart("editable");
        if (pause.edits != null) {
            for (Edits.Editable e : pause.edits.editables()) {
                g.writeStartObject();
                g.writeStringField("target", e.target());
                if (e.editable()) {
                    g.writeStringField("format", e.format());
                    g.writeStringField("text", e.text());
                } else {
                    g.writeBooleanField("editable", false);
                    g.writeStringField("why", e.why());
                    if (e.format() != null) {
                        g.writeStringField("format", e.format());
                    }
                    if (e.text() != null) {
                        g.writeStringField("text", e.text());
                    }
                }
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }

    private static byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_REQUEST_BYTES) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable" : s.replace('\n', ' ').replace('\r', ' ');
    }

    private static void text(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        write(exchange, status, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void write(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
