package dev.agentdbg.capture.fakes.com.openai.models;

import java.util.Map;

/**
 * Shaped like the SDK's ChatCompletionUserMessageParam (openai-java-core 4.101.0): JsonField-typed
 * properties, an additionalProperties map, and Kotlin's cache fields {@code validated} and
 * {@code hashCode$delegate}. Its getters throw.
 */
public final class UserMessageParam {
    private final Object content;
    private final Object role;
    private final Object name;
    private final Map<String, Object> additionalProperties;
    private boolean validated = true;
    private final Object hashCode$delegate = new Object();

    public UserMessageParam(Object content, Object role, Object name, Map<String, Object> additionalProperties) {
        this.content = content;
        this.role = role;
        this.name = name;
        this.additionalProperties = additionalProperties;
    }

    public Object content() {
        throw new AssertionError("getter called");
    }

    public boolean isValidated() {
        throw new AssertionError("getter called");
    }
}
