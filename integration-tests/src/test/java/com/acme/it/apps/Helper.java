package com.acme.it.apps;

/** Matches no rule: must not be transformed at all. */
public class Helper {
    public static String format(String s) {
        return "[" + s + "]";
    }
}
