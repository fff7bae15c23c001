package com.acme.it.apps;

/** A tool whose extra methods (static or not declared by Tool) must not be traced. */
public class Calculator implements Tool {
    @Override
    public String call(String input) {
        return String.valueOf(parse(input) * 2);
    }

    public String describe() {
        return "doubles a number";
    }

    static int parse(String input) {
        return input.length();
    }
}
