package com.acme.it.apps.quickstart;

import java.util.List;

/** Stands in for the LLM client: "answers" with the tools to call. */
public class OpenAiClient {
    public List<String> complete(String prompt) {
        return List.of("web_search", "calculator", "clock", "read_file", "read_dir", "translate", "echotool");
    }
}
