package com.acme.bench.scale.llm;

import java.util.List;

/** A chat-completions response: id, model, one choice, usage; the shape the agent's heuristics and rules read. */
public final class ChatResponse {
    final String id;
    final String object = "chat.completion";
    final long created;
    final String model;
    final List<Choice> choices;
    final Usage usage;

    ChatResponse(String id, long created, String model, List<Choice> choices, Usage usage) {
        this.id = id;
        this.created = created;
        this.model = model;
        this.choices = choices;
        this.usage = usage;
    }

    public String id() {
        return id;
    }

    public Message message() {
        return choices.get(0).message;
    }

    /** One choice of a response. */
    public static final class Choice {
        final int index;
        final Message message;
        final String finishReason;

        Choice(int index, Message message, String finishReason) {
            this.index = index;
            this.message = message;
            this.finishReason = finishReason;
        }
    }

    /** Token counts of a response. */
    public static final class Usage {
        final int promptTokens;
        final int completionTokens;
        final int totalTokens;

        Usage(int promptTokens, int completionTokens) {
            this.promptTokens = promptTokens;
            this.completionTokens = completionTokens;
            this.totalTokens = promptTokens + completionTokens;
        }
    }
}
