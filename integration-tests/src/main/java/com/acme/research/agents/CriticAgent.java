package com.acme.research.agents;

import java.util.regex.Pattern;

/**
 * Checks an answer before it is shown: a research answer to a question about amounts should state one.
 * An answer without any figure is sent back with a note instead of being shown as it is. Local rules
 * only, no model: the check must be cheap enough to run on every answer.
 */
public class CriticAgent {

    private static final Pattern FIGURE = Pattern.compile("\\d");

    /** What the critic thinks of an answer. */
    public record Verdict(boolean accepted, String note) {
    }

    public Verdict review(String question, String answer) {
        if (answer == null || answer.isBlank()) {
            return new Verdict(false, "the answer is empty");
        }
        if (asksForAmount(question) && !FIGURE.matcher(answer).find()) {
            return new Verdict(false, "the question asks for an amount, the answer states none");
        }
        return new Verdict(true, "ok");
    }

    private static boolean asksForAmount(String question) {
        String q = question.toLowerCase(java.util.Locale.ROOT);
        return q.startsWith("how much") || q.startsWith("how many") || q.contains("growth of");
    }
}
