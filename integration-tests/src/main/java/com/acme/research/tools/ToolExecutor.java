package com.acme.research.tools;

import com.acme.research.llm.ToolCall;

import java.io.IOException;
import java.time.Duration;

/** Runs the tool calls a model asks for, retrying transient failures, and turns every outcome into text for the model. */
public class ToolExecutor {

    private final ToolRegistry registry;
    private final RetryPolicy retryPolicy;

    public ToolExecutor(ToolRegistry registry, RetryPolicy retryPolicy) {
        this.registry = registry;
        this.retryPolicy = retryPolicy;
    }

    /**
     * Executes one tool call. Never throws for a tool's failure: the model gets an error result and can
     * decide what to do, which is how chat-completion agents are meant to handle failing tools.
     */
    public String execute(ToolCall call) {
        Tool tool = registry.find(call.name()).orElse(null);
        if (tool == null) {
            return errorResult("unknown tool '" + call.name() + "'");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return tool.run(call.arguments());
            } catch (IllegalArgumentException e) {
                // The model sent bad arguments; the same call would fail the same way.
                return errorResult(e.getMessage());
            } catch (IOException e) {
                if (attempt >= retryPolicy.maxAttempts()) {
                    return errorResult(call.name() + " failed after " + attempt + " attempts: " + e.getMessage());
                }
                Duration backoff = retryPolicy.backoffAfter(attempt);
                System.err.printf("[tools] %s attempt %d/%d failed (%s); retrying in %d ms%n",
                        call.name(), attempt, retryPolicy.maxAttempts(), e.getMessage(), backoff.toMillis());
                if (!sleep(backoff)) {
                    return errorResult(call.name() + " interrupted while waiting to retry");
                }
            }
        }
    }

    private static boolean sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String errorResult(String message) {
        return ToolArguments.JSON.createObjectNode().put("error", message).toString();
    }
}
