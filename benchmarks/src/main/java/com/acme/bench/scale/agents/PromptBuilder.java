package com.acme.bench.scale.agents;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.Step;
import com.acme.bench.scale.llm.ChatRequest;
import com.acme.bench.scale.llm.Message;

import java.util.ArrayList;
import java.util.List;

/** Assembles the chat requests: the planner's (with recalled notes) and each round of the tool loop. */
public final class PromptBuilder {
    static final String PLANNER_SYSTEM = "You are a research planner. Break the user's question into at most "
            + "three concrete steps. Each step names the tool to use (web_search, fetch_page, read_file or "
            + "calculator) and what it should find. Prefer primary sources. Do not answer the question yet.";

    private final Memory memory;
    private final String apiKey;

    PromptBuilder(Memory memory, String apiKey) {
        this.memory = memory;
        this.apiKey = apiKey;
    }

    @Step
    public ChatRequest plannerPrompt(String model, String task) {
        Produced.call();
        List<String> notes = memory.recall(task);
        List<Message> messages = new ArrayList<>(3);
        messages.add(Message.of("system", PLANNER_SYSTEM));
        messages.add(Message.of("user", "Earlier notes:\n- " + String.join("\n- ", notes) + "\n\nQuestion: " + task));
        return new ChatRequest(model, messages, 0.2, 600, List.of(), apiKey);
    }

    @Step
    public ChatRequest stepPrompt(String model, List<Message> conversation, List<String> tools) {
        Produced.call();
        return new ChatRequest(model, List.copyOf(conversation), 0.3, 1500, tools, apiKey);
    }
}
