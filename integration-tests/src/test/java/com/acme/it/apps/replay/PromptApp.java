package com.acme.it.apps.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Asks the LLM the prompts given on the command line: {@code PromptApp <baseUrl> [parallel|stream] prompt...}.
 * Sequential by default, in the order given (so a test can vary it); {@code parallel} asks them all at
 * once from a thread each. Prints one {@code prompt => answer} line per prompt, in the order given.
 */
public final class PromptApp {
    public static final String API_KEY = "sk-replay-SECRET-0123456789abcdef";

    private PromptApp() {
    }

    public static void main(String[] args) throws Exception {
        PromptLlm llm = new PromptLlm(args[0]);
        String mode = args[1];
        List<String> prompts = List.of(args).subList(2, args.length);
        if ("stream".equals(mode)) {
            for (String prompt : prompts) {
                long start = System.nanoTime();
                List<String> lines = llm.stream(prompt);
                System.out.println(prompt + " => " + lines);
                System.out.println("elapsedNanos " + (System.nanoTime() - start));
            }
            return;
        }
        List<String> out = new ArrayList<>();
        if ("parallel".equals(mode)) {
            ExecutorService pool = Executors.newFixedThreadPool(prompts.size());
            List<Future<String>> answers = new ArrayList<>();
            for (String p : prompts) {
                answers.add(pool.submit(() -> answer(llm, p)));
            }
            for (int i = 0; i < prompts.size(); i++) {
                out.add(prompts.get(i) + " => " + answers.get(i).get());
            }
            pool.shutdown();
        } else {
            for (String p : prompts) {
                out.add(p + " => " + answer(llm, p));
            }
        }
        out.forEach(System.out::println);
    }

    private static String answer(PromptLlm llm, String prompt) {
        try {
            return llm.ask(prompt);
        } catch (Exception e) {
            return "failed: " + e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
