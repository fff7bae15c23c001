package com.acme.research.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "model" behind the stub server: reads the conversation and decides, like a tool-calling model would,
 * whether to call tools or answer. Scripted for the demo's questions, but every answer is built from the
 * tool results actually present in the conversation, so a broken tool shows up in the answer.
 */
final class ScriptedModel {

    /** A reply: either text, or tool calls (name and JSON arguments). */
    record Reply(String content, List<Call> toolCalls) {
        static Reply text(String content) {
            return new Reply(content, List.of());
        }

        static Reply calls(Call... calls) {
            return new Reply(null, List.of(calls));
        }
    }

    record Call(String name, String arguments) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern GROWTH_QUESTION =
            Pattern.compile("of\\s+([\\d.]+)\\s+at\\s+([\\d.]+)%\\s+over\\s+(\\d+)\\s+years", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z])");

    Reply reply(JsonNode messages) {
        String system = firstContent(messages, "system");
        if (system.contains("summarizer")) {
            return summarize(lastContent(messages, "user"));
        }
        String question = firstContent(messages, "user");
        Map<String, String> results = toolResultsByName(messages);
        String lower = question.toLowerCase(Locale.ROOT);
        if (lower.contains("compound")) {
            return compoundGrowth(question, results);
        }
        if (lower.contains("embedding")) {
            return embeddingMemory(results);
        }
        return Reply.text("I can only answer the questions this demo was scripted for; please ask about "
                + "compound growth or embedding storage.");
    }

    // Question 1: one turn with three parallel tool calls, then the answer.
    private static Reply compoundGrowth(String question, Map<String, String> results) {
        Matcher m = GROWTH_QUESTION.matcher(question);
        if (!m.find()) {
            return Reply.text("Please give the amount, the yearly rate and the number of years, "
                    + "e.g. \"the compound growth of 1000 at 5% over 10 years\".");
        }
        String principal = m.group(1);
        String rate = m.group(2);
        String years = m.group(3);
        String expression = principal + " * (1 + " + new BigDecimal(rate).movePointLeft(2).toPlainString()
                + ")^" + years;
        if (results.isEmpty()) {
            return Reply.calls(
                    call("calculator", "expression", expression),
                    call("read_file", "path", "notes.md"),
                    call("web_search", "query", "current savings account interest rates"));
        }
        Optional<Double> total = number(results.get("calculator"), "result");
        if (total.isEmpty()) {
            return Reply.text("I could not compute the growth: the calculator returned "
                    + results.get("calculator") + ".");
        }
        double p = Double.parseDouble(principal);
        double gain = total.get() - p;
        StringBuilder answer = new StringBuilder(String.format(Locale.ROOT,
                "%s at %s%% compounded annually grows to %.2f after %s years, a gain of %.2f (+%.1f%%)",
                principal, rate, total.get(), years, gain, 100 * gain / p));
        Matcher savings = Pattern.compile("between ([\\d.]+%) and ([\\d.]+%) APY")
                .matcher(results.getOrDefault("web_search", ""));
        boolean haveRates = savings.find();
        if (haveRates) {
            double bestSavingsRate = Double.parseDouble(savings.group(2).replace("%", ""));
            answer.append(Double.parseDouble(rate) > bestSavingsRate
                    ? String.format(Locale.ROOT, "; high-yield savings accounts pay only %s-%s, so %s%% assumes "
                            + "a market-linked investment", savings.group(1), savings.group(2), rate)
                    : String.format(Locale.ROOT, "; a high-yield savings account (%s-%s) already earns that",
                            savings.group(1), savings.group(2)));
        }
        answer.append(". Sources: calculator (").append(expression).append(")");
        Matcher target = Pattern.compile("Target return:\\s*([\\d.]+%)").matcher(results.getOrDefault("read_file", ""));
        if (target.find()) {
            answer.append(", notes.md (target return ").append(target.group(1)).append(")");
        }
        if (haveRates) {
            answer.append(", web search (rates.example)");
        } else {
            answer.append("; the web search failed, so there is no comparison with current rates");
        }
        return Reply.text(answer.append('.').toString());
    }

    // Question 2: a sequential plan, each step depending on the previous tool result.
    private static Reply embeddingMemory(Map<String, String> results) {
        String notes = results.get("read_file");
        if (notes == null) {
            return Reply.calls(call("read_file", "path", "notes.md"));
        }
        Matcher corpora = Pattern.compile("(\\d+) corpora").matcher(notes);
        Matcher chunks = Pattern.compile("([\\d,]+) chunks each").matcher(notes);
        Matcher dimensions = Pattern.compile("(\\d+)-dimensional float32").matcher(notes);
        if (!(corpora.find() && chunks.find() && dimensions.find())) {
            return Reply.text("Your notes do not say how many chunks and dimensions the corpora have, "
                    + "so I cannot size the cache.");
        }
        String chunkCount = chunks.group(1).replace(",", "");
        // float32 = 4 bytes per dimension; divide by 2^20 for MiB.
        String expression = corpora.group(1) + " * " + chunkCount + " * " + dimensions.group(1) + " * 4 / 1048576";
        String calculation = results.get("calculator");
        if (calculation == null) {
            return Reply.calls(call("calculator", "expression", expression));
        }
        Optional<Double> mib = number(calculation, "result");
        if (mib.isEmpty()) {
            return Reply.text("I could not compute the size: the calculator returned " + calculation + ".");
        }
        StringBuilder answer = new StringBuilder(String.format(Locale.ROOT,
                "The embeddings need about %.1f MiB (%s corpora x %s chunks x %s float32 dimensions)",
                mib.get(), corpora.group(1), chunks.group(1), dimensions.group(1)));
        Matcher budget = Pattern.compile("Cache budget[^:]*:\\s*([\\d.]+) GiB").matcher(notes);
        if (budget.find()) {
            boolean fits = mib.get() <= Double.parseDouble(budget.group(1)) * 1024;
            answer.append(fits
                    ? ", which fits the " + budget.group(1) + " GiB cache budget in your notes, so caching them is worth it"
                    : ", which exceeds the " + budget.group(1) + " GiB cache budget in your notes");
        }
        return Reply.text(answer.append(". Sources: notes.md, calculator (").append(expression).append(").")
                .toString());
    }

    // The summarizer keeps the headline sentence of the findings, which the planner writes first.
    private static Reply summarize(String userMessage) {
        int start = userMessage.indexOf("Findings:");
        String findings = (start < 0 ? userMessage : userMessage.substring(start + "Findings:".length())).strip();
        return Reply.text(SENTENCE_END.split(findings, 2)[0]);
    }

    /** Tool results keyed by function name, found by matching tool_call_id to the assistant's calls. */
    private static Map<String, String> toolResultsByName(JsonNode messages) {
        Map<String, String> namesById = new HashMap<>();
        Map<String, String> results = new HashMap<>();
        for (JsonNode message : messages) {
            for (JsonNode call : message.path("tool_calls")) {
                namesById.put(call.path("id").asText(), call.path("function").path("name").asText());
            }
            if ("tool".equals(message.path("role").asText())) {
                String name = namesById.getOrDefault(message.path("tool_call_id").asText(), "unknown");
                results.put(name, message.path("content").asText(""));
            }
        }
        return results;
    }

    private static Optional<Double> number(String json, String field) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonNode value = JSON.readTree(json).path(field);
            return value.isNumber() ? Optional.of(value.asDouble()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Call call(String name, String argument, String value) {
        return new Call(name, JSON.createObjectNode().put(argument, value).toString());
    }

    private static String firstContent(JsonNode messages, String role) {
        for (JsonNode message : messages) {
            if (role.equals(message.path("role").asText())) {
                return message.path("content").asText("");
            }
        }
        return "";
    }

    private static String lastContent(JsonNode messages, String role) {
        String content = "";
        for (JsonNode message : messages) {
            if (role.equals(message.path("role").asText())) {
                content = message.path("content").asText("");
            }
        }
        return content;
    }
}
