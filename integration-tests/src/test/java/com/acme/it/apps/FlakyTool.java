package com.acme.it.apps;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Fails on every odd call, like a backend that resets the first connection. */
public class FlakyTool implements Tool {
    private int calls;

    @Override
    public String call(String input) {
        if (calls++ % 2 == 0) {
            throw new UncheckedIOException(new IOException("connection reset by search backend"));
        }
        return "results for " + input;
    }
}
