package com.openai.core.http;

/** Test stand-in for openai-java's {@code HttpMethod}. */
public enum HttpMethod {
    GET, POST
}
