package com.acme.bench.scale.llm;

import com.acme.bench.scale.Produced;
import com.acme.bench.scale.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A chat-completions client that answers in-process (no network): a short think time, then a response of the
 * real API's shape. With tools offered and fewer tool rounds than the conversation asks for, the "model" calls
 * one to three tools; otherwise it writes an answer. One request in a few hundred is rate-limited (HTTP 429).
 */
public final class ChatClient {
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(Thread.currentThread().getName().hashCode() * 31L + 7));

    private final double rateLimitShare;

    public ChatClient(double rateLimitShare) {
        this.rateLimitShare = rateLimitShare;
    }

    /** One request to the model. */
    public ChatResponse complete(ChatRequest request) {
        Produced.call();
        SplittableRandom rnd = RANDOM.get();
        LockSupport.parkNanos(80_000 + rnd.nextInt(300_000));
        if (rnd.nextDouble() < rateLimitShare) {
            throw new RateLimitException("429 Too Many Requests: Rate limit reached for " + request.model
                    + " in organization org-7Qk2 on tokens per min (TPM): Limit 200000, Used "
                    + (195_000 + rnd.nextInt(5000)) + ", Requested " + (1000 + rnd.nextInt(4000))
                    + ". Please try again in " + (100 + rnd.nextInt(900)) + "ms.");
        }
        int promptChars = 0;
        int toolRounds = 0;
        int wantedRounds = 1;
        for (Message m : request.messages) {
            promptChars += m.content == null ? 0 : m.content.length();
            if (m.toolCalls != null && !m.toolCalls.isEmpty()) {
                toolRounds++;
            }
            if ("system".equals(m.role)) {
                wantedRounds = 1 + Math.floorMod(m.content.hashCode(), 3);
            }
        }
        Message answer;
        String finish;
        if (request.tools != null && !request.tools.isEmpty() && toolRounds < wantedRounds) {
            int n = 1 + (rnd.nextInt(10) < 4 ? 1 : 0) + (rnd.nextInt(10) == 0 ? 1 : 0);
            List<ToolCall> calls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String tool = request.tools.get(rnd.nextInt(request.tools.size()));
                calls.add(new ToolCall(Text.id(rnd, "call_"), tool, arguments(tool, rnd)));
            }
            answer = new Message("assistant", null, calls, null);
            finish = "tool_calls";
        } else {
            answer = Message.of("assistant", Text.words(rnd, Text.size(rnd, request.maxTokens / 8, request.maxTokens * 3 / 4)));
            finish = "stop";
        }
        int completion = answer.content == null ? 20 + 25 * answer.toolCalls.size() : answer.content.length() / 4;
        int prompt = promptChars / 4 + 40;
        return new ChatResponse(Text.id(rnd, "chatcmpl-"), 1_764_000_000L + rnd.nextInt(10_000_000),
                request.model + "-2024-07-18", List.of(new ChatResponse.Choice(0, answer, finish)),
                new ChatResponse.Usage(prompt, completion));
    }

    private static String arguments(String tool, SplittableRandom rnd) {
        return switch (tool) {
            case "web_search" -> "{\"query\":\"" + Text.words(rnd, 30 + rnd.nextInt(60)) + "\",\"max_results\":"
                    + (3 + rnd.nextInt(3)) + "}";
            case "fetch_page" -> "{\"url\":\"https://example.org/papers/" + Long.toHexString(rnd.nextLong())
                    + ".html\"}";
            case "read_file" -> "{\"path\":\"notes/" + Text.words(rnd, 12).replace(' ', '-').toLowerCase()
                    + ".md\"}";
            default -> "{\"expression\":\"" + (rnd.nextInt(9000) + 100) + " * " + (rnd.nextInt(90) + 1) + " / "
                    + rnd.nextInt(40) + "\"}";
        };
    }
}
