package com.acme.bench.scale.support;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.llm.ToolCall;

/** Rejects tool calls whose arguments are not a JSON object before any tool runs. */
public final class ArgumentValidator {
    public boolean validate(ToolCall call) {
        Produced.call();
        String a = call.arguments();
        return a != null && a.startsWith("{") && a.endsWith("}");
    }
}
