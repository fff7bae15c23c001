package dev.agentdbg.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** How much of a call's arguments and result to capture, and which names are secret; immutable. */
public final class CaptureSettings {
    public static final int DEFAULT_MAX_DEPTH = 8;
    public static final int DEFAULT_MAX_STRING_LENGTH = 8192;
    public static final int DEFAULT_MAX_ELEMENTS = 100;
    public static final int DEFAULT_MAX_BYTES = 65536;
    public static final List<String> DEFAULT_REDACT_NAMES =
            List.of("apiKey", "api_key", "authorization", "password", "secret", "token");

    private static final CaptureSettings DEFAULTS = new CaptureSettings(DEFAULT_MAX_DEPTH,
            DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_BYTES, DEFAULT_REDACT_NAMES, false);

    /** Composite values nested deeper than this become a "depth" marker (the top value is depth 0). */
    public final int maxDepth;
    /** Characters kept of one string. */
    public final int maxStringLength;
    /** Elements kept per collection, map or array. */
    public final int maxElements;
    /** JSON bytes of one span's whole payload (arguments and result). */
    public final int maxBytes;
    /** Field names and map keys whose values are never captured (case and '_', '-', '.' ignored). */
    public final List<String> redactNames;
    /** Call an application class's own toString() instead of reading its fields. */
    public final boolean callToString;

    final SecretNames secretNames;

    public CaptureSettings(int maxDepth, int maxStringLength, int maxElements, int maxBytes,
                           List<String> redactNames, boolean callToString) {
        // Out-of-range values from a config file are clamped rather than rejected: capture must never
        // be the reason an application fails to start.
        this.maxDepth = Math.max(1, maxDepth);
        this.maxStringLength = Math.max(16, maxStringLength);
        this.maxElements = Math.max(1, maxElements);
        this.maxBytes = Math.max(256, maxBytes);
        this.redactNames = redactNames == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(redactNames));
        this.callToString = callToString;
        this.secretNames = new SecretNames(this.redactNames);
    }

    public static CaptureSettings defaults() {
        return DEFAULTS;
    }

    /** The same settings with callToString set as a rule asks. */
    public CaptureSettings withCallToString(boolean call) {
        if (call == callToString) {
            return this;
        }
        return new CaptureSettings(maxDepth, maxStringLength, maxElements, maxBytes, redactNames, call);
    }

    /** True when a field or map key of this name holds a secret (see {@link SecretNames}). */
    public boolean isSecretName(String name) {
        return secretNames.matches(name);
    }

    @Override
    public String toString() {
        return "CaptureSettings{maxDepth=" + maxDepth + ", maxStringLength=" + maxStringLength
                + ", maxElements=" + maxElements + ", maxBytes=" + maxBytes + ", redactNames=" + redactNames
                + ", callToString=" + callToString + '}';
    }
}
