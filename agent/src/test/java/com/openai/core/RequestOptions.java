package com.openai.core;

/** Test stand-in for openai-java's {@code RequestOptions}: only its name matters to the agent. */
public final class RequestOptions {
}
