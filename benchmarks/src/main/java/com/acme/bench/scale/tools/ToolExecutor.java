package com.acme.bench.scale.tools;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.llm.ToolCall;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the tool a model's tool call names, retrying I/O failures (up to three attempts with a short backoff),
 * so a flaky tool shows as a chain with a failed and a good attempt.
 */
public final class ToolExecutor {
    private static final int ATTEMPTS = 3;
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    public ToolExecutor(List<Tool> tools) {
        for (Tool t : tools) {
            this.tools.put(t.name(), t);
        }
    }

    public List<String> names() {
        return List.copyOf(tools.keySet());
    }

    /** One tool call, with retries; throws {@link ToolFailedException} when it cannot be done. */
    public ToolResult execute(ToolCall call) {
        Produced.call();
        Tool tool = tools.get(call.name());
        if (tool == null) {
            throw new ToolFailedException("model asked for unknown tool '" + call.name() + "'", null);
        }
        Map<String, Object> args = parse(call.arguments());
        for (int attempt = 1; ; attempt++) {
            try {
                return tool.run(args);
            } catch (FileNotFoundException e) {
                throw new ToolFailedException(call.name() + " failed: " + e.getMessage(), e);
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new ToolFailedException(call.name() + " failed after " + ATTEMPTS + " attempts", e);
                }
                LockSupport.parkNanos(100_000L * attempt);
            } catch (RuntimeException e) {
                throw new ToolFailedException(call.name() + " failed: " + e.getMessage(), e);
            } catch (Exception e) {
                throw new ToolFailedException(call.name() + " failed", e);
            }
        }
    }

    /** The flat JSON objects the client writes as arguments: string and whole-number values only. */
    static Map<String, Object> parse(String json) {
        Map<String, Object> out = new LinkedHashMap<>();
        int i = json.indexOf('{') + 1;
        while (true) {
            int k0 = json.indexOf('"', i);
            if (k0 < 0) {
                return out;
            }
            int k1 = json.indexOf('"', k0 + 1);
            int colon = json.indexOf(':', k1);
            int v = colon + 1;
            if (json.charAt(v) == '"') {
                int v1 = json.indexOf('"', v + 1);
                out.put(json.substring(k0 + 1, k1), json.substring(v + 1, v1));
                i = v1 + 1;
            } else {
                int end = v;
                while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
                    end++;
                }
                out.put(json.substring(k0 + 1, k1), Long.parseLong(json.substring(v, end)));
                i = end;
            }
        }
    }
}
