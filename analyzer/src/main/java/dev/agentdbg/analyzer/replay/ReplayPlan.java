package dev.agentdbg.analyzer.replay;

import dev.agentdbg.analyzer.model.RunInfo;
import java.nio.file.Path;
import java.util.List;

/**
 * What a replay of a recorded run would serve, worked out from the recording alone ({@code replay-plan}).
 *
 * @param run        the recording's run record ({@code null} when no file had a readable one)
 * @param kinds      the kinds and rule names served ({@code agentdbg.replay.kinds})
 * @param until      LLM calls after this number run live ({@code agentdbg.replay.until}); {@code null}: all served
 * @param llm        the LLM calls, one group per endpoint
 * @param values     the tool and rule calls, one group per method key
 * @param lost       lines that held, or may have held, recorded answers and could not be read
 * @param missing    LLM call numbers absent from the recording with no lost line to explain them (at most
 *                   {@link ReplayPlanner#MAX_LISTED})
 * @param det        recorded clock, random and UUID values, one row per kind of value
 * @param otherLost  skipped lines that held trace records (spans, starts, ...): replay does not need them
 * @param notes      other things worth knowing about the recording
 */
public record ReplayPlan(RunInfo run, List<String> kinds, Integer until, List<Group> llm, List<Group> values,
                         List<LostLine> lost, long lostTotal, List<Long> missing, long missingTotal, List<Det> det,
                         long otherLost, List<String> notes) {

    public ReplayPlan {
        kinds = List.copyOf(kinds);
        llm = List.copyOf(llm);
        values = List.copyOf(values);
        lost = List.copyOf(lost);
        missing = List.copyOf(missing);
        det = List.copyOf(det);
        notes = List.copyOf(notes);
    }

    /** LLM answers in the recording, lost ones included. */
    public long llmRecorded() {
        return llm.stream().mapToLong(Group::recorded).sum();
    }

    public long llmServed() {
        return llm.stream().mapToLong(Group::served).sum();
    }

    public long valuesRecorded() {
        return values.stream().mapToLong(Group::recorded).sum();
    }

    public long valuesServed() {
        return values.stream().mapToLong(Group::served).sum();
    }

    /**
     * One endpoint's or method's recorded answers.
     *
     * @param kind       {@code llm} for an endpoint, else the value records' kind
     * @param key        {@code POST /v1/chat/completions}, or the method key
     * @param rule       the rule of a method's values, else {@code null}
     * @param replayable recorded answers that a replay could serve
     * @param served     of those, the ones a replay with these settings serves
     * @param live       replayable answers a replay with these settings leaves to run live
     * @param notServed  why the other answers cannot be served, one line per reason with the calls it covers
     */
    public record Group(String kind, String key, String rule, long recorded, long replayable, long served, long live,
                       String liveReason, List<String> notServed) {

        public Group {
            notServed = List.copyOf(notServed);
        }

        public long unservable() {
            return recorded - replayable;
        }
    }

    /**
     * A line that could not be read and held, or may have held, a recorded answer.
     *
     * @param type what the line held as far as its first bytes tell ({@code exchange}, {@code value}, {@code det}),
     *             or {@code null} when they do not
     * @param call the LLM call number of an exchange, when its first bytes tell, else 0
     * @param key  the endpoint or method key, when its first bytes tell, else {@code null}
     */
    public record LostLine(Path file, long line, String reason, String type, long call, String key) {
    }

    /** One kind of deterministic value: how many call sites recorded it and how many values. */
    public record Det(String what, long sites, long values) {
    }
}
