package dev.agentdbg.runtime.debug.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.runtime.debug.BreakpointSpec;
import dev.agentdbg.runtime.debug.Breakpoints;
import dev.agentdbg.runtime.debug.Condition;
import dev.agentdbg.runtime.debug.DebugFeed;
import dev.agentdbg.runtime.debug.DebugJson;
import dev.agentdbg.runtime.debug.PauseBoard;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON API (docs/debugger.md): state, breakpoints, "pause the next run", resume and continue-all. Runs
 * on the server's request thread; it reaches paused threads only through {@link PauseBoard} and never
 * calls application code.
 */
final class ApiRoutes {
    private final PauseBoard board;
    private final Breakpoints breakpoints;
    private final DebugFeed feed;

    ApiRoutes(PauseBoard board, Breakpoints breakpoints, DebugFeed feed) {
        this.board = board;
        this.breakpoints = breakpoints;
        this.feed = feed;
    }

    /** @return false when the path is not one of these routes */
    boolean handle(HttpExchange exchange, String path) throws IOException {
        try {
            switch (path) {
                case "/api/state" -> {
                    HttpIo.requireMethod(exchange, "GET");
                    HttpIo.sendJson(exchange, state());
                }
                case "/api/breakpoints" -> breakpoints(exchange);
                case "/api/breakpoints/delete" -> {
                    HttpIo.requireMethod(exchange, "POST");
                    delete(exchange);
                }
                case "/api/pause-next-run" -> {
                    HttpIo.requireMethod(exchange, "POST");
                    JsonNode body = HttpIo.jsonBody(exchange);
                    JsonNode on = body.get("on");
                    if (on == null || !on.isBoolean()) {
                        throw new HttpIo.Refused(400, "expected {\"on\": true} or {\"on\": false}");
                    }
                    breakpoints.pauseNextRun(on.booleanValue());
                    feed.breakpointsChanged(breakpoints, "pause_next_run", null, null);
                    HttpIo.sendJson(exchange, "{\"pauseNextRun\":" + breakpoints.pauseNextRun() + "}");
                }
                case "/api/resume" -> {
                    HttpIo.requireMethod(exchange, "POST");
                    resume(exchange);
                }
                case "/api/continue-all" -> {
                    HttpIo.requireMethod(exchange, "POST");
                    HttpIo.sendJson(exchange, "{\"released\":" + breakpoints.continueAll() + "}");
                }
                default -> {
                    return false;
                }
            }
        } catch (HttpIo.Refused r) {
            HttpIo.send(exchange, r.status, r.getMessage());
        }
        return true;
    }

    private String state() {
        return DebugJson.document(g -> {
            g.writeStartObject();
            g.writeStringField("program", feed.feed().isEnded() ? "ended" : "running");
            g.writeArrayFieldStart("paused");
            for (PauseBoard.Pause p : board.paused()) {
                g.writeRawValue(feed.pauseJson(p));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("breakpoints");
            for (Breakpoints.Listed b : breakpoints.listed()) {
                DebugJson.breakpoint(g, b);
            }
            g.writeEndArray();
            g.writeBooleanField("pauseNextRun", breakpoints.pauseNextRun());
            g.writeObjectFieldStart("feed");
            g.writeNumberField("lastEventId", feed.feed().lastEventId());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private void breakpoints(HttpExchange exchange) throws IOException, HttpIo.Refused {
        switch (exchange.getRequestMethod()) {
            case "GET" -> HttpIo.sendJson(exchange, DebugJson.breakpoints(breakpoints));
            case "DELETE" -> delete(exchange);
            case "POST" -> {
                BreakpointSpec spec = parse(HttpIo.jsonBody(exchange));
                breakpoints.put(spec);
                feed.breakpointsChanged(breakpoints, "set", spec, spec.name());
                HttpIo.sendJson(exchange, DebugJson.breakpoints(breakpoints));
            }
            default -> throw new HttpIo.Refused(405, "GET to list, POST to set, DELETE ?name= to remove");
        }
    }

    private void delete(HttpExchange exchange) throws IOException, HttpIo.Refused {
        String name = HttpIo.query(exchange).get("name");
        if (name == null || name.isEmpty()) {
            throw new HttpIo.Refused(400, "expected ?name=<breakpoint name>");
        }
        if (!breakpoints.remove(name)) {
            String shown = name.length() > 100 ? name.substring(0, 100) + "..." : name;
            throw new HttpIo.Refused(404, "no breakpoint is named '" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'");
        }
        feed.breakpointsChanged(breakpoints, "remove", null, name);
        HttpIo.sendJson(exchange, DebugJson.breakpoints(breakpoints));
    }

    /** The same parsing as {@code agentdbg.break.<name>} in the properties file. */
    static BreakpointSpec parse(JsonNode body) throws HttpIo.Refused {
        String name = text(body, "name");
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new HttpIo.Refused(400, "name: a breakpoint name is letters, digits, '_' and '-'");
        }
        String field = "target";
        try {
            BreakpointSpec.Target target = BreakpointSpec.parseTarget(text(body, "target"));
            field = "at";
            String at = text(body, "at");
            int where = at == null ? PauseGate.AT_ENTER : BreakpointSpec.parseAt(at);
            field = "hit";
            JsonNode hitNode = body.get("hit");
            long hit = hitNode == null || hitNode.isNull() || hitNode.isNumber() && hitNode.asLong() == 0 ? 0
                    : BreakpointSpec.parseHit(hitNode.asText());
            field = "when";
            String when = text(body, "when");
            Condition condition = when == null || when.isBlank() ? null : Condition.parse(when);
            return new BreakpointSpec(name, target, where, hit, condition);
        } catch (IllegalArgumentException e) {
            throw new HttpIo.Refused(400, field + ": '" + (text(body, field) == null ? "" : text(body, field)) + "' "
                    + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private void resume(HttpExchange exchange) throws IOException, HttpIo.Refused {
        Map<String, String> q = HttpIo.query(exchange);
        String idText = q.get("id");
        String commandText = q.get("command");
        if (idText == null) {
            JsonNode body = HttpIo.jsonBody(exchange);
            idText = text(body, "id");
            commandText = text(body, "command");
        }
        long id;
        PauseBoard.Command command;
        try {
            id = Long.parseLong(idText == null ? "" : idText.trim());
            command = PauseBoard.Command.valueOf((commandText == null ? "" : commandText).toUpperCase(Locale.ROOT));
            if (command == PauseBoard.Command.NONE) {
                throw new IllegalArgumentException("NONE");
            }
        } catch (IllegalArgumentException e) {
            throw new HttpIo.Refused(400, "expected ?id=<pause id>&command=continue|step_into|step_over|step_out "
                    + "or a body {\"id\": <pause id>, \"command\": \"continue\"}");
        }
        if (!board.resume(id, command)) {
            throw new HttpIo.Refused(409, "pause " + id + " is not paused (any more)");
        }
        HttpIo.sendJson(exchange, "{\"resumed\":" + id + "}");
    }
}
