package com.acme.research.agents;

import com.acme.research.llm.ChatRequest;
import com.acme.research.llm.ChatResponse;
import com.acme.research.llm.OpenAiClient;

/** Turns an agent's detailed findings into a one-sentence answer, using a smaller, cheaper model. */
public class SummarizerAgent {

    private final OpenAiClient llm;
    private final PromptBuilder prompts;
    private final String model;

    public SummarizerAgent(OpenAiClient llm, PromptBuilder prompts, String model) {
        this.llm = llm;
        this.prompts = prompts;
        this.model = model;
    }

    public String run(String question, String findings) {
        ChatResponse response = llm.complete(new ChatRequest(model, prompts.buildSummary(question, findings)));
        String summary = response.message().content();
        // A summary is a convenience: when the model returns nothing, the findings are still the answer.
        return summary == null || summary.isBlank() ? findings : summary.strip();
    }
}
