package com.acme.it.apps.quickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An agent as the quick start describes one: sends the tools' specs with each request, then runs the tools. */
public class ResearchAgent {
    private final OpenAiClient llm = new OpenAiClient();
    private final Map<String, Tool> tools;

    public ResearchAgent(Map<String, Tool> tools) {
        this.tools = tools;
    }

    public String run(String task) {
        List<String> specs = new ArrayList<>();
        for (Tool tool : tools.values()) {
            specs.add(tool.spec() + " " + tool.category());
        }
        StringBuilder out = new StringBuilder();
        for (String call : llm.complete(task + " " + specs)) {
            Tool tool = tools.get(call);
            out.append(tool.name()).append('=').append(tool.execute(task)).append("; ");
        }
        return out.toString();
    }
}
