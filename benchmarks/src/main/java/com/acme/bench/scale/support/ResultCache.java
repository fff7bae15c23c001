package com.acme.bench.scale.support;

import com.acme.bench.scale.Produced;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Results of recent calculator calls, keyed by their arguments; other tools always miss (fresh data). */
public final class ResultCache {
    private static final int MAX = 4096;
    private final Map<String, String> entries = new ConcurrentHashMap<>();

    public String lookup(String tool, String arguments) {
        Produced.call();
        return "calculator".equals(tool) ? entries.get(arguments) : null;
    }

    public void store(String tool, String arguments, String result) {
        Produced.call();
        if ("calculator".equals(tool) && entries.size() < MAX) {
            entries.put(arguments, result);
        }
    }
}
