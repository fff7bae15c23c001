package com.acme.it.apps;

import java.util.List;

/** The sample agent: prompt step, LLM calls, tools (one flaky, retried), a nested sub-task. */
public class ResearchAgent {
    private final ChatClient llm = new ChatClient();
    private final PromptBuilder prompts = new PromptBuilder();
    private final Tool flaky = new FlakyTool();

    public String runTask(String question) {
        String prompt = prompts.build(question);
        String plan = llm.complete(prompt);
        Tool anonymous = new Tool() {
            @Override
            public String call(String input) {
                return input.toUpperCase();
            }
        };
        Tool lambda = input -> input + "!"; // a hidden class: not instrumentable, must not break
        StringBuilder results = new StringBuilder();
        for (Tool tool : List.of(new Calculator(), anonymous, lambda)) {
            results.append(tool.call(plan));
        }
        results.append(callWithRetry(flaky, question));
        results.append(Helper.format(runSubtask(results.toString())));
        return results.toString();
    }

    public String runSubtask(String context) {
        return llm.complete("summarise " + context.length() + " chars");
    }

    private static String callWithRetry(Tool tool, String input) {
        try {
            return tool.call(input);
        } catch (RuntimeException first) {
            return tool.call(input);
        }
    }
}
