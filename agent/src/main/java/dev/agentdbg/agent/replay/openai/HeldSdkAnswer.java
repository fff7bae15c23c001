package dev.agentdbg.agent.replay.openai;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.bootstrap.MemoryBudget;
import dev.agentdbg.bootstrap.PauseGate;
import dev.agentdbg.runtime.debug.EditableBody;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live debugger at openai-java's transport (blocking {@code execute} only): inside an {@code llm} call
 * whose exit the debugger would stop at, the response body is read whole (up to {@link #MAX_BYTES}, inside
 * the memory budget) before the SDK sees it, the llm call's exit pause happens with that body editable, and
 * the SDK gets the real response with the (edited) bytes as its body, which it parses itself. A longer body
 * reaches the SDK whole and unheld (what was read, then the rest), and the pause happens at the method's exit.
 */
final class HeldSdkAnswer implements EditableBody {
    static final int MAX_BYTES = 1 << 20;

    private final SdkTypes types;
    private final int frame;
    private final long spanId;
    private byte[] body;
    private String contentType = "";
    private volatile byte[] replacement;

    private HeldSdkAnswer(SdkTypes types, int frame, long spanId) {
        this.types = types;
        this.frame = frame;
        this.spanId = spanId;
    }

    /** A hold for the calling thread's open llm call, or null when its exit would not stop. */
    static HeldSdkAnswer begin(Object request) {
        int d = PauseGate.exitToHold("llm");
        return d < 0 ? null : new HeldSdkAnswer(SdkTypes.of(request), d, PauseGate.spanAt(d));
    }

    /** The response the SDK gets: the real one, its body held for the pause (and edited) when it fits. */
    Object release(Object response) {
        try {
            Map<String, List<String>> headers = types.headerMap(types.responseHeaders.invoke(response));
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase("content-type") && !e.getValue().isEmpty()) {
                    contentType = e.getValue().get(0);
                }
            }
            InputStream real = (InputStream) types.responseBody.invoke(response);
            MemoryBudget budget = MemoryBudget.installed();
            byte[] head = real.readNBytes(MAX_BYTES + 1);
            if (head.length > MAX_BYTES || (budget != null && !budget.tryReserve(head.length))) {
                // too long to hold: the SDK reads what was read, then the rest, as it arrives
                return proxy(response, new SequenceInputStream(new ByteArrayInputStream(head), real));
            }
            try {
                body = head;
                PauseGate.exitNow(frame, spanId, this); // the llm call's exit pause, with this body editable
                byte[] served = replacement != null ? replacement : head;
                return proxy(response, new ByteArrayInputStream(served));
            } finally {
                if (budget != null) {
                    budget.release(head.length);
                }
            }
        } catch (Throwable t) {
            AgentCounters.internalError("debug-openai-java-held", t);
            return response; // unread as far as possible: the SDK sees the real response
        }
    }

    private Object proxy(Object response, InputStream served) {
        return Proxy.newProxyInstance(types.responseInterface.getClassLoader(), new Class<?>[] {types.responseInterface},
                new Handler(response, served));
    }

    /** The real response, with the served bytes as its body. */
    private final class Handler implements InvocationHandler {
        private final Object response;
        private final InputStream served;

        Handler(Object response, InputStream served) {
            this.response = response;
            this.served = served;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        return "agentdbg debugger's held " + response;
                }
            }
            if (method.equals(types.responseBody)) {
                return served;
            }
            try {
                return method.invoke(response, args); // status, headers, close: the real response's
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public String notEditable() {
        return null;
    }

    @Override
    public boolean json() {
        return contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    @Override
    public void replace(byte[] bytes) {
        replacement = bytes;
    }
}
