package dev.agentdbg.agent.replay;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.replay.ReplaySettings;

import java.lang.instrument.Instrumentation;

/**
 * What record and replay add to the instrumentation: the HTTP clients under LLM calls and the
 * deterministic call sites. Installed only in those modes, so trace mode's classes stay as they are.
 */
public final class RecordReplayInstrumentation {
    private RecordReplayInstrumentation() {
    }

    public static void install(Instrumentation instrumentation, ReplaySettings settings) {
        install(instrumentation, settings, false);
    }

    /**
     * @param debug the live debugger is on: in trace mode it needs the HTTP clients' advice alone (java.net.http
     *              and openai-java), to hold an LLM answer at the llm call's exit pause so that its body can be edited
     */
    public static void install(Instrumentation instrumentation, ReplaySettings settings, boolean debug) {
        if (!settings.recording() && !settings.replaying()) {
            if (debug) {
                try {
                    JdkHttpInstrumentation.install(instrumentation);
                    dev.agentdbg.agent.replay.openai.OpenAiJavaInstrumentation.install(instrumentation, settings);
                } catch (Throwable t) {
                    AgentCounters.internalError("debug-http-setup", t);
                }
            }
            return;
        }
        try {
            // each client adapter installs itself here
            DeterministicInstrumentation.install(instrumentation, settings);
            JdkHttpInstrumentation.install(instrumentation);
            dev.agentdbg.agent.replay.openai.OpenAiJavaInstrumentation.install(instrumentation, settings);
        } catch (Throwable t) {
            AgentCounters.internalError("record-replay-setup", t);
        }
    }
}
