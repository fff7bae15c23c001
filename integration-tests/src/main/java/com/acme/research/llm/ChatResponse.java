package com.acme.research.llm;

/** The first choice of a chat completion, with the server's id, model name and token usage. */
public record ChatResponse(String id, String model, ChatMessage message, String finishReason, Usage usage) {

    public boolean wantsToolCalls() {
        return message.hasToolCalls();
    }
}
