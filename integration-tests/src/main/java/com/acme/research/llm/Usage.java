package com.acme.research.llm;

/** Token accounting the server reports for one completion. */
public record Usage(int promptTokens, int completionTokens, int totalTokens) {
}
