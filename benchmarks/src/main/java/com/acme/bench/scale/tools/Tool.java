package com.acme.bench.scale.tools;

import java.util.Map;

/** A tool the model may call. */
public interface Tool {
    String name();

    ToolResult run(Map<String, Object> arguments) throws Exception;
}
