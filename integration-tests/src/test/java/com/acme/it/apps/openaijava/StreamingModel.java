package com.acme.it.apps.openaijava;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

/**
 * A streamed chat completion read to its end: the test names this method as an llm rule (the
 * preset does not trace {@code createStreaming}, which returns before the answer has arrived).
 */
public final class StreamingModel {
    private final OpenAIClient client;

    public StreamingModel(OpenAIClient client) {
        this.client = client;
    }

    /** The answer's text deltas joined with '|', so the test sees how many pieces the SDK parsed. */
    public String complete(String prompt) {
        StringBuilder pieces = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(prompt).build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text -> {
                if (pieces.length() > 0) {
                    pieces.append('|');
                }
                pieces.append(text);
            })));
        }
        return pieces.toString();
    }
}
