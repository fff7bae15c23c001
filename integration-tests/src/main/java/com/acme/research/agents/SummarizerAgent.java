package com.acme.research.agents;

import com.acme.research.llm.ChatRequest;
import com.acme.research.llm.ChatResponse;
import com.acme.research.llm.OpenAiClient;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * Turns an agent's detailed findings into a one-sentence answer, using a smaller, cheaper model. The
 * answer is streamed: a reader thread consumes the server-sent events while this one waits, as a UI
 * that shows the answer word by word would.
 */
public class SummarizerAgent {

    private final OpenAiClient llm;
    private final PromptBuilder prompts;
    private final String model;
    private final ExecutorService streamReaders;

    public SummarizerAgent(OpenAiClient llm, PromptBuilder prompts, String model, ExecutorService streamReaders) {
        this.llm = llm;
        this.prompts = prompts;
        this.model = model;
        this.streamReaders = streamReaders;
    }

    public String run(String question, String findings) {
        ChatRequest request = new ChatRequest(model, prompts.buildSummary(question, findings));
        StringBuilder shown = new StringBuilder();
        ChatResponse response;
        try {
            response = streamReaders.submit(() -> llm.streamComplete(request, shown::append)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return findings;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        String summary = response.message().content();
        // A summary is a convenience: when the model returns nothing, the findings are still the answer.
        return summary == null || summary.isBlank() ? findings : summary.strip();
    }
}
