package com.acme.it.apps;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts fake secrets into every side door a trace could leak them through: its own program
 * arguments, a thread's name, a map key, byte[] and ByteBuffer contents, a field read by a rule's
 * {@code this.apiKey} path, a prompt, an exception message and a custom token format. Each sits
 * next to plain text that must still reach the trace.
 */
public final class SecretsApp {
    public static final String LONG_KEY = "sk-proj-TESTSECRET1234567890abcd";
    public static final String SHORT_KEY = "sk-abc123def4";
    public static final String ACME_KEY = "acme_0123456789abcdef";
    public static final String FIELD_SECRET = "opensesame-TESTSECRET-field";
    /** Values of secret-named options on the command line, in no token format. */
    public static final String[] OPTION_SECRETS = {"cmdpw-TESTSECRET-one", "cmdpw-TESTSECRET-two",
            "cmdpw-TESTSECRET-three", "cmdpw-TESTSECRET-four"};

    /** The program arguments the test starts this app with. */
    public static String[] arguments() {
        return new String[] {"--api-key", LONG_KEY, "--password", OPTION_SECRETS[0], "--token=" + OPTION_SECRETS[1],
                "-Dopenai.api.key=" + OPTION_SECRETS[2], "secret=" + OPTION_SECRETS[3], "--model", "keepme-visible-arg"};
    }

    /** Stands in for an LLM client. */
    public static class Llm {
        public String complete(String prompt) {
            return "Visible answer words for " + prompt.length() + " chars";
        }
    }

    /** A tool that keeps its credential in a field, named by a rule's attribute path. */
    public static class KeyedTool {
        private final String apiKey;
        private final String label = "keyed-tool-label";

        KeyedTool(String apiKey) {
            this.apiKey = apiKey;
        }

        public String call(String input) {
            return "keyed " + input + " " + (apiKey.length() > 0);
        }
    }

    /** Tools whose arguments carry secrets where no field name marks them. */
    public static class Vault {
        public int keys(Map<String, String> entries) {
            return entries.size();
        }

        public int bytes(byte[] secretBytes, ByteBuffer secretBuffer, byte[] plainBytes) {
            return secretBytes.length + secretBuffer.remaining() + plainBytes.length;
        }

        public String fail(String what) {
            throw new IllegalStateException("upstream rejected key " + LONG_KEY + " of " + ACME_KEY + " visible-error-text "
                    + what);
        }
    }

    public static void main(String[] args) throws Exception {
        Llm llm = new Llm();
        System.out.println(llm.complete("Summarise the report. Use key " + SHORT_KEY + " for customer " + ACME_KEY
                + ". Visible prompt words."));
        System.out.println(new KeyedTool(FIELD_SECRET).call("visible-input"));

        Vault vault = new Vault();
        Thread worker = new Thread(() -> {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put(LONG_KEY, "value-under-secret-key");
            entries.put("visible-key", "visible-value");
            System.out.println("keys=" + vault.keys(entries));
            byte[] secretBytes = ("id " + LONG_KEY + " end").getBytes(StandardCharsets.UTF_8);
            ByteBuffer secretBuffer = ByteBuffer.wrap((SHORT_KEY + " payload").getBytes(StandardCharsets.UTF_8));
            byte[] plainBytes = "hello-bytes-visible".getBytes(StandardCharsets.UTF_8);
            System.out.println("bytes=" + vault.bytes(secretBytes, secretBuffer, plainBytes));
            try {
                vault.fail("now");
            } catch (IllegalStateException expected) {
                System.out.println("failed as planned");
            }
        }, "agent-worker-" + SHORT_KEY + " " + LONG_KEY);
        worker.start();
        worker.join();
        System.out.println("done " + args.length);
    }
}
