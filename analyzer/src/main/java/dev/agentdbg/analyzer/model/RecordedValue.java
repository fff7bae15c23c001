package dev.agentdbg.analyzer.model;

/**
 * A recorded return value or exception of a tool (or other rule) call, as read from a {@code value} record, without
 * the serialized value itself.
 *
 * @param span          the call's span, 0 when the record named none
 * @param method        id of the call's {@code method} record, or -1
 * @param key           {@code com.acme.Tool#run(Ljava/lang/String;)Ljava/lang/String;}
 * @param outcome       {@code return} or {@code throw}
 * @param rebuildable   the value is in the record ({@code kryo})
 * @param unrebuildable {@code <class>: <reason>} when the value could not be recorded in a form that can be rebuilt
 * @param cut           why the recording was cut ({@code agentdbg.record.maxBytes}), or {@code null}
 */
public record RecordedValue(long span, int method, String rule, String kind, String key, String outcome,
                            String className, boolean rebuildable, String unrebuildable, String cut) {

    /** Why a replay cannot serve this call, or {@code null} when it can. */
    public String unservableReason() {
        if (unrebuildable != null) {
            return "unrebuildable value: " + unrebuildable;
        }
        if (cut != null) {
            return "cut when recorded: " + cut;
        }
        return rebuildable ? null : "no value in the record";
    }
}
