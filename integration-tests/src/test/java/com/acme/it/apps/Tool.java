package com.acme.it.apps;

/** A tool the sample agents call; rules match its implementations by supertype. */
public interface Tool {
    String call(String input);
}
