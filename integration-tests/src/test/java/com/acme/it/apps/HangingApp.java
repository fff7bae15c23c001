package com.acme.it.apps;

/** An agent whose LLM call never returns, like a request to a provider that stopped answering. */
public final class HangingApp {
    private HangingApp() {
    }

    /** The stuck client: a method the llm rule matches. */
    public static final class StuckChatClient extends ChatClient {
        @Override
        public String complete(String prompt) {
            System.out.println("calling the model");
            System.out.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                }
            }
        }
    }

    /** The agent: one quick tool call, then the LLM call that hangs. */
    public static final class HangingAgent {
        public String runTask(String question) {
            new Calculator().call(question);
            return new StuckChatClient().complete(question);
        }
    }

    public static void main(String[] args) {
        System.out.println(new HangingAgent().runTask("will this ever return?"));
    }
}
