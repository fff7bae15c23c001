package com.acme.research.agents;

import com.acme.research.llm.ChatMessage;
import com.acme.research.llm.ChatRequest;
import com.acme.research.llm.ChatResponse;
import com.acme.research.llm.OpenAiClient;
import com.acme.research.llm.ToolCall;
import com.acme.research.tools.ToolExecutor;
import com.acme.research.tools.ToolRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Answers a research question with a tool-calling loop, then has the summarizer condense the findings. */
public class PlannerAgent {

    /** A model that keeps asking for tools without ever answering must not loop (and bill) forever. */
    private static final int MAX_TURNS = 6;

    private final OpenAiClient llm;
    private final PromptBuilder prompts;
    private final ToolRegistry tools;
    private final ToolExecutor toolExecutor;
    private final SummarizerAgent summarizer;
    private final CriticAgent critic;
    private final String model;
    private final ExecutorService toolPool;

    public PlannerAgent(OpenAiClient llm, PromptBuilder prompts, ToolRegistry tools, ToolExecutor toolExecutor,
                        SummarizerAgent summarizer, CriticAgent critic, String model, ExecutorService toolPool) {
        this.llm = llm;
        this.prompts = prompts;
        this.tools = tools;
        this.toolExecutor = toolExecutor;
        this.summarizer = summarizer;
        this.critic = critic;
        this.model = model;
        this.toolPool = toolPool;
    }

    public String run(String question) {
        List<ChatMessage> conversation = new ArrayList<>(prompts.build(question));
        for (int turn = 1; turn <= MAX_TURNS; turn++) {
            ChatResponse response = llm.complete(
                    new ChatRequest(model, conversation, tools.definitions(), 0.0));
            // The assistant's tool-call message must stay in the history: tool results refer to its call ids.
            conversation.add(response.message());
            if (!response.wantsToolCalls()) {
                String answer = summarizer.run(question, response.message().content());
                CriticAgent.Verdict verdict = critic.review(question, answer);
                return verdict.accepted() ? answer : answer + " (unchecked: " + verdict.note() + ")";
            }
            // The model asked for several tools at once: they are independent, so they run in parallel.
            List<Future<String>> results = new ArrayList<>();
            for (ToolCall call : response.message().toolCalls()) {
                results.add(toolPool.submit(() -> toolExecutor.execute(call)));
            }
            for (int i = 0; i < results.size(); i++) {
                conversation.add(ChatMessage.tool(response.message().toolCalls().get(i).id(), await(results.get(i))));
            }
        }
        throw new IllegalStateException("no answer after " + MAX_TURNS + " turns for: " + question);
    }

    private static String await(Future<String> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a tool", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
