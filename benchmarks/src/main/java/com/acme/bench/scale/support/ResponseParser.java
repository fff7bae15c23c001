package com.acme.bench.scale.support;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.llm.ChatResponse;
import com.acme.bench.scale.llm.Message;

/** Takes the assistant message out of a response and checks it is usable (content or tool calls). */
public final class ResponseParser {
    public Message parse(ChatResponse response) {
        Produced.call();
        Message m = response.message();
        if (m.content() == null && m.toolCalls().isEmpty()) {
            throw new IllegalStateException("empty assistant message in " + response.id());
        }
        return m;
    }
}
