package com.acme.it.apps.quickstart;

/** A tool whose name() returns a static final String constant (inlined by javac). */
public class CalculatorTool implements Tool {
    public static final String NAME = "calculator";
    private static final int CATEGORY_CODE = 7;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Evaluates arithmetic";
    }

    @Override
    public String spec() {
        return "{\"name\":\"" + NAME + "\"}";
    }

    @Override
    public String category() {
        return "math";
    }

    int categoryCode() {
        return CATEGORY_CODE;
    }

    @Override
    public String execute(String input) {
        return String.valueOf(input.length() * 2);
    }
}
