package com.acme.bench.scale.llm;

import java.util.List;

/** A chat-completions request as a hand-written client would build it. */
public final class ChatRequest {
    final String model;
    final List<Message> messages;
    final double temperature;
    final int maxTokens;
    final List<String> tools;
    final String apiKey;

    public ChatRequest(String model, List<Message> messages, double temperature, int maxTokens, List<String> tools,
                       String apiKey) {
        this.model = model;
        this.messages = messages;
        this.temperature = temperature;
        this.maxTokens = maxTokens;
        this.tools = tools;
        this.apiKey = apiKey;
    }

    public String model() {
        return model;
    }

    public List<Message> messages() {
        return messages;
    }

    public List<String> tools() {
        return tools;
    }
}
