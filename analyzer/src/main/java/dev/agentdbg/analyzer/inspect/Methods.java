package dev.agentdbg.analyzer.inspect;

import dev.agentdbg.analyzer.model.MethodInfo;
import java.util.HashMap;
import java.util.Map;

/** The method records of a run by id: one per instrumented method, so bounded by the program, not the run. */
final class Methods {
    private final Map<Integer, MethodInfo> byId = new HashMap<>();

    void add(MethodInfo m) {
        byId.put(m.id(), m);
    }

    MethodInfo of(int id) {
        MethodInfo m = byId.get(id);
        return m != null ? m : MethodInfo.unknown(id);
    }
}
