package com.acme.research.agents;

import com.acme.research.Step;
import com.acme.research.llm.ChatMessage;

import java.util.List;

/** Assembles the prompts of the research agents, so prompt wording lives in one place. */
public class PromptBuilder {

    private static final String PLANNER_SYSTEM_PROMPT = """
            You are a careful research assistant. Answer the user's question using the tools you have:
            - calculator for any arithmetic (never compute in your head),
            - read_file for the user's own notes (their workspace has notes.md),
            - web_search for current public information.
            Call every tool you need, then answer in two or three sentences that cite the numbers you used.""";

    private static final String SUMMARIZER_SYSTEM_PROMPT = """
            You are a summarizer. Condense the findings into one sentence that answers the question directly.
            Keep every number that matters; drop the sources and the working.""";

    /** The opening of a planner conversation: instructions, then the question. */
    @Step("planner-prompt")
    public List<ChatMessage> build(String question) {
        return List.of(ChatMessage.system(PLANNER_SYSTEM_PROMPT), ChatMessage.user(question.strip()));
    }

    /** The whole summarizer conversation: instructions, then the question and the findings to condense. */
    @Step("summary-prompt")
    public List<ChatMessage> buildSummary(String question, String findings) {
        return List.of(ChatMessage.system(SUMMARIZER_SYSTEM_PROMPT),
                ChatMessage.user("Question: " + question.strip() + "\n\nFindings:\n" + findings.strip()));
    }
}
