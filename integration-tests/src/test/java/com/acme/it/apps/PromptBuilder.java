package com.acme.it.apps;

/** Has one annotated step and one plain method; only the step is traced. */
public class PromptBuilder {
    @Step
    public String build(String question) {
        return header() + question;
    }

    String header() {
        return "You are a careful researcher. ";
    }
}
