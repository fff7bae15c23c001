package dev.agentdbg.bootstrap;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Assigns the small integer ids that instrumented code passes to {@link Spans#enter}, and keeps
 * what each id means for the writer. Registration happens while classes are transformed, never on
 * the hot path, so a plain monitor is fine here.
 */
public final class MethodRegistry {
    private final ConcurrentHashMap<String, MethodInfo> byKey = new ConcurrentHashMap<>();
    private volatile MethodInfo[] byId = new MethodInfo[64];
    private int lastId;

    /** @return the method's id; the same id if the same method is seen again in another loader */
    public MethodInfo register(String className, String methodName, String descriptor,
                               String kind, String component, String rule) {
        String key = MethodInfo.key(className, methodName, descriptor);
        MethodInfo existing = byKey.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (this) {
            existing = byKey.get(key);
            if (existing != null) {
                return existing;
            }
            int id = ++lastId;
            MethodInfo info = new MethodInfo(id, className, methodName, descriptor, kind, component, rule);
            MethodInfo[] table = byId;
            if (id >= table.length) {
                table = Arrays.copyOf(table, table.length * 2);
            }
            table[id] = info;
            byId = table;
            byKey.put(key, info);
            AgentCounters.methodsInstrumented.incrementAndGet();
            return info;
        }
    }

    /** @return null for an id that was never registered */
    public MethodInfo get(int id) {
        MethodInfo[] table = byId;
        return id > 0 && id < table.length ? table[id] : null;
    }

    public MethodInfo find(String className, String methodName, String descriptor) {
        return byKey.get(MethodInfo.key(className, methodName, descriptor));
    }

    /** Highest id handed out so far. */
    public synchronized int maxId() {
        return lastId;
    }
}
