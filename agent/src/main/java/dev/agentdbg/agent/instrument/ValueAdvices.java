package dev.agentdbg.agent.instrument;

import dev.agentdbg.agent.rules.Rule;
import dev.agentdbg.replay.ReplaySettings;
import net.bytebuddy.asm.Advice;

import java.util.function.Function;

/**
 * The value advice of record and replay mode, and which rules get it: in record mode every rule
 * except {@code llm} (recorded as HTTP exchanges) and {@code callback}; in replay mode the rules whose
 * kind or name {@code agentdbg.replay.kinds} lists, again except those two. Null in trace mode, where
 * nothing is added, and in a replay of LLM calls only.
 */
record ValueAdvices(ReplaySettings settings, Advice record, Advice replay) {

    static ValueAdvices forMode(ReplaySettings settings, Function<Class<?>, Advice> parse) {
        if (settings.recording()) {
            return new ValueAdvices(settings, parse.apply(RecordValueAdvice.class), null);
        }
        // the default replay.kinds=llm replays no value: LLM calls are answered at the HTTP layer
        if (settings.replaying() && settings.kinds().stream().anyMatch(k -> !"llm".equals(k))) {
            return new ValueAdvices(settings, null, parse.apply(ReplayValueAdvice.class));
        }
        return null;
    }

    private static boolean valueKind(Rule rule) {
        return !"llm".equals(rule.kind()) && !"callback".equals(rule.kind());
    }

    boolean records(Rule rule) {
        return record != null && valueKind(rule);
    }

    boolean replays(Rule rule) {
        return replay != null && valueKind(rule) && settings.replays(rule.kind(), rule.name());
    }
}
