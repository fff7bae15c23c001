package com.acme.bench.scale.tools;

import java.util.List;
import java.util.Map;

/** What a tool returns to the model: text content, optional structured items, and how long the source took. */
public final class ToolResult {
    final String content;
    final List<Map<String, Object>> items;
    final int sourceMillis;

    public ToolResult(String content, List<Map<String, Object>> items, int sourceMillis) {
        this.content = content;
        this.items = items;
        this.sourceMillis = sourceMillis;
    }

    /** The text the agent hands back to the model. */
    public String text() {
        if (items == null || items.isEmpty()) {
            return content;
        }
        StringBuilder sb = new StringBuilder(content == null ? "" : content);
        for (Map<String, Object> item : items) {
            sb.append('\n').append(item.get("title")).append(": ").append(item.get("snippet"));
        }
        return sb.toString();
    }
}
