package com.acme.research.llm;

/**
 * Token accounting the server reports for one completion; {@code cachedTokens} are the part of the
 * prompt tokens the provider's prompt cache served.
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens, int cachedTokens) {
}
