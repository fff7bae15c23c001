package com.acme.it.apps.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A hand-written LLM client on java.net.http: one prompt per request, blocking (ofString) or streamed (ofLines). */
public final class PromptLlm {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;

    public PromptLlm(String baseUrl) {
        this.endpoint = URI.create(baseUrl + "/v1/chat/completions");
    }

    /** The llm method of the tests' rule. */
    public String ask(String prompt) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(prompt, false), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /** Streamed: the {@code data:} lines in the order they came. */
    public List<String> stream(String prompt) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(request(prompt, true), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            return lines.filter(l -> l.startsWith("data: ")).collect(Collectors.toList());
        }
    }

    private HttpRequest request(String prompt, boolean stream) {
        return HttpRequest.newBuilder(endpoint)
                .header("Authorization", "Bearer " + PromptApp.API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":" + stream
                        + ",\"prompt\":\"" + prompt + "\"}"))
                .build();
    }
}
