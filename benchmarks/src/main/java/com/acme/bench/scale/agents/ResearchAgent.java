package com.acme.bench.scale.agents;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.Text;
import com.acme.bench.scale.llm.ChatClient;
import com.acme.bench.scale.llm.ChatRequest;
import com.acme.bench.scale.llm.ChatResponse;
import com.acme.bench.scale.llm.Message;
import com.acme.bench.scale.llm.RateLimitException;
import com.acme.bench.scale.llm.ToolCall;
import com.acme.bench.scale.support.ArgumentValidator;
import com.acme.bench.scale.support.Guardrail;
import com.acme.bench.scale.support.RateLimiter;
import com.acme.bench.scale.support.ResponseParser;
import com.acme.bench.scale.support.ResultCache;
import com.acme.bench.scale.support.Tokenizer;
import com.acme.bench.scale.tools.ToolExecutor;
import com.acme.bench.scale.tools.ToolFailedException;
import com.acme.bench.scale.tools.ToolResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * The research agent: plan, then a tool loop (the model asks for tools, their results go back into the
 * conversation; several tool calls of one round run in parallel on the tool pool), then the summarizer.
 */
public final class ResearchAgent {
    private static final int MAX_ROUNDS = 5;
    /** Characters of one tool result put back into the conversation, as real agents cut long pages. */
    private static final int TOOL_RESULT_CHARS = Text.scaled(500);

    private static final Tokenizer TOKENIZER = new Tokenizer();
    private static final RateLimiter LIMITER = new RateLimiter();
    private static final Guardrail GUARDRAIL = new Guardrail();
    private static final ResultCache CACHE = new ResultCache();
    private static final ResponseParser PARSER = new ResponseParser();
    private static final ArgumentValidator VALIDATOR = new ArgumentValidator();
    /** Messages of the tool loop sent whole; older tool results are sent as a one-line stub. */
    private static final int HISTORY = 4;

    private final ChatClient llm;
    private final ToolExecutor tools;
    private final ExecutorService toolPool;
    private final PromptBuilder prompts;
    private final SummarizerAgent summarizer;

    public ResearchAgent(ChatClient llm, ToolExecutor tools, ExecutorService toolPool, String apiKey) {
        this.llm = llm;
        this.tools = tools;
        this.toolPool = toolPool;
        this.prompts = new PromptBuilder(new Memory(), apiKey);
        this.summarizer = new SummarizerAgent(llm, apiKey);
    }

    /** Answers one research question; fails when the model keeps asking for tools past the round budget. */
    public String run(String task) throws InterruptedException {
        Produced.call();
        String plan = callModel(llm, prompts.plannerPrompt("gpt-4o", task)).content();
        List<Message> conversation = new ArrayList<>();
        conversation.add(Message.of("system", "You are a careful research assistant. Use the tools to find "
                + "evidence, cite sources by URL, and stop when the question is answered.\nPlan:\n" + plan));
        conversation.add(Message.of("user", task));
        for (int round = 0; round < MAX_ROUNDS; round++) {
            List<Message> window = conversation;
            if (conversation.size() > 2 + HISTORY) {
                window = new ArrayList<>(conversation);
                for (int i = 2; i < window.size() - HISTORY; i++) {
                    Message m = window.get(i);
                    if (m.isToolResult()) {
                        window.set(i, m.omitted());
                    }
                }
            }
            Message answer = callModel(llm, prompts.stepPrompt("gpt-4o", window, tools.names()));
            if (answer.toolCalls().isEmpty()) {
                if (task.length() % 97 == 0) {
                    throw new IllegalStateException("answer rejected by the output guard: no source cited for "
                            + "the main claim (" + answer.content().length() + " chars)");
                }
                return summarizer.run(task, GUARDRAIL.check(answer.content(), 4000));
            }
            conversation.add(answer);
            List<String> results = runTools(answer.toolCalls());
            for (int i = 0; i < results.size(); i++) {
                conversation.add(new Message("tool", results.get(i), null, answer.toolCalls().get(i).id()));
            }
        }
        throw new IllegalStateException("no final answer after " + MAX_ROUNDS + " tool rounds");
    }

    /** The model call with one retry after a rate limit, as client libraries do. */
    static Message callModel(ChatClient llm, ChatRequest request) {
        LIMITER.acquire(request.model(), TOKENIZER.count(request.messages()));
        ChatResponse response;
        try {
            response = llm.complete(request);
        } catch (RateLimitException e) {
            LockSupport.parkNanos(200_000);
            response = llm.complete(request);
        }
        return PARSER.parse(response);
    }

    private List<String> runTools(List<ToolCall> calls) throws InterruptedException {
        List<String> out = new ArrayList<>(calls.size());
        if (calls.size() == 1) {
            out.add(runTool(calls.get(0)));
            return out;
        }
        List<Future<String>> futures = new ArrayList<>(calls.size());
        for (ToolCall call : calls) {
            futures.add(toolPool.submit(() -> runTool(call)));
        }
        for (Future<String> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                out.add("error: " + e.getCause());
            }
        }
        return out;
    }

    private String runTool(ToolCall call) {
        if (!VALIDATOR.validate(call)) {
            return "error: arguments are not a JSON object";
        }
        String cached = CACHE.lookup(call.name(), call.arguments());
        if (cached != null) {
            return cached;
        }
        try {
            ToolResult result = tools.execute(call);
            String text = GUARDRAIL.check(result.text(), TOOL_RESULT_CHARS);
            CACHE.store(call.name(), call.arguments(), text);
            return text;
        } catch (ToolFailedException e) {
            return "error: " + e.getMessage();
        }
    }
}
