package com.acme.research;

import com.acme.research.agents.CriticAgent;
import com.acme.research.agents.PlannerAgent;
import com.acme.research.agents.PromptBuilder;
import com.acme.research.agents.SummarizerAgent;
import com.acme.research.llm.OpenAiClient;
import com.acme.research.server.StubLlmServer;
import com.acme.research.tools.CalculatorTool;
import com.acme.research.tools.FileReaderTool;
import com.acme.research.tools.RetryPolicy;
import com.acme.research.tools.ToolExecutor;
import com.acme.research.tools.ToolRegistry;
import com.acme.research.tools.WebSearchTool;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the research agent on two questions against a local OpenAI-compatible stub server. */
public final class ResearchDemo {

    static final List<String> QUESTIONS = List.of(
            "What is the compound growth of 1200 at 7% over 5 years?",
            "How much memory would caching the embeddings for the corpora in my notes take?");

    private static final String NOTES = """
            # Research notes

            ## Savings plan
            - Starting amount: 1200
            - Target return: 7% a year, compounded annually
            - Horizon: 5 years

            ## Embedding cache
            - 3 corpora (handbook, support tickets, wiki), about 42,000 chunks each
            - Embedding model: text-embedding-3-small, 1536-dimensional float32 vectors
            - Cache budget on the search node: 1 GiB
            """;

    private ResearchDemo() {
    }

    /** Named daemon threads, so a stuck tool can never keep the demo's JVM alive. */
    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    public static void main(String[] args) throws IOException {
        Path workspace = Files.createTempDirectory("research-demo");
        Path notes = Files.writeString(workspace.resolve("notes.md"), NOTES, StandardCharsets.UTF_8);
        ExecutorService toolPool = Executors.newFixedThreadPool(2, daemon("tool-pool"));
        ExecutorService streamReaders = Executors.newSingleThreadExecutor(daemon("llm-stream"));
        // RESEARCH_DEMO_BASE_URL points the demo at another OpenAI-compatible server instead of its own
        // stub (agentdbg's replay tests use a closed port: every answer must come from the recording).
        String baseUrl = System.getenv("RESEARCH_DEMO_BASE_URL");
        StubLlmServer server = baseUrl == null || baseUrl.isBlank() ? StubLlmServer.start() : null;
        try {
            OpenAiClient llm = new OpenAiClient(server != null ? server.baseUri() : URI.create(baseUrl),
                    OpenAiClient.apiKeyFromEnvironment());
            PromptBuilder prompts = new PromptBuilder();
            ToolRegistry tools = new ToolRegistry()
                    .register(new CalculatorTool())
                    .register(new FileReaderTool(workspace))
                    .register(new WebSearchTool());
            // Short backoff: the demo's only flaky dependency recovers at once, and the demo should stay fast.
            ToolExecutor executor = new ToolExecutor(tools, new RetryPolicy(3, Duration.ofMillis(25), 2.0));
            SummarizerAgent summarizer = new SummarizerAgent(llm, prompts, "gpt-4o-mini", streamReaders);
            PlannerAgent planner = new PlannerAgent(llm, prompts, tools, executor, summarizer, new CriticAgent(),
                    "gpt-4o", toolPool);

            for (String question : QUESTIONS) {
                String answer = planner.run(question);
                System.out.println("Q: " + question);
                System.out.println("A: " + answer);
                System.out.println();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            toolPool.shutdown();
            streamReaders.shutdown();
            Files.deleteIfExists(notes);
            Files.deleteIfExists(workspace);
        }
        System.out.println("demo finished");
    }
}
