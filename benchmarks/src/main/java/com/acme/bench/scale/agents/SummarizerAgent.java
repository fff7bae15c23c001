package com.acme.bench.scale.agents;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.llm.ChatClient;
import com.acme.bench.scale.llm.ChatRequest;
import com.acme.bench.scale.llm.Message;

import java.util.List;

/** Writes the short report the user reads, with the small model. */
public final class SummarizerAgent {
    private static final String SYSTEM = "Summarise the findings below for a busy reader in at most five "
            + "sentences. Keep numbers and sources; say plainly what could not be found.";
    private final ChatClient llm;
    private final String apiKey;

    SummarizerAgent(ChatClient llm, String apiKey) {
        this.llm = llm;
        this.apiKey = apiKey;
    }

    public String run(String task, String findings) {
        Produced.call();
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(Message.of("system", SYSTEM),
                Message.of("user", "Question: " + task + "\n\nFindings:\n" + findings)), 0.0, 400, List.of(), apiKey);
        return ResearchAgent.callModel(llm, request).content();
    }
}
