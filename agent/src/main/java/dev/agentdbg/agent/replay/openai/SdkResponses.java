package dev.agentdbg.agent.replay.openai;

import dev.agentdbg.bootstrap.AgentCounters;
import dev.agentdbg.replay.HttpExchange;
import dev.agentdbg.replay.ServedExchange;

import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The {@code com.openai.core.http.HttpResponse} objects handed to the SDK: while recording, the real
 * response with its body read through a {@link RecordingBody}; while replaying, one built from the
 * recording. Both are {@link Proxy} instances of the SDK's interface, defined in the application's
 * class loader, since the agent cannot subclass what it cannot see.
 */
final class SdkResponses {
    private SdkResponses() {
    }

    /** Records the head of {@code response} now and its body as the SDK reads it. */
    static Object recording(SdkTypes types, Object response, HttpExchange exchange) throws ReflectiveOperationException {
        exchange.head((Integer) types.responseStatus.invoke(response),
                types.headerMap(types.responseHeaders.invoke(response)));
        return Proxy.newProxyInstance(types.responseInterface.getClassLoader(), new Class<?>[] {types.responseInterface},
                new Recording(types, response, exchange));
    }

    /** A response that serves {@code served}: no socket behind it. */
    static Object served(SdkTypes types, ServedExchange served) throws ReflectiveOperationException {
        Object headers = types.sdkHeaders(served.headers());
        return Proxy.newProxyInstance(types.responseInterface.getClassLoader(), new Class<?>[] {types.responseInterface},
                new Served(types, served, headers));
    }

    /** The real response, its body teed into the exchange; everything else is the real response's answer. */
    private static final class Recording implements InvocationHandler {
        private final SdkTypes types;
        private final Object response;
        private final HttpExchange exchange;

        Recording(SdkTypes types, Object response, HttpExchange exchange) {
            this.types = types;
            this.response = response;
            this.exchange = exchange;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, "agentdbg recording of a " + response.getClass().getName());
            }
            if (method.equals(types.responseBody)) {
                // The SDK may ask more than once (OkHttp hands out a new view of the same source each
                // time): every view is teed, so whatever is read is recorded once, in order.
                return new RecordingBody((InputStream) call(method, args), exchange);
            }
            if (method.equals(types.responseClose)) {
                try {
                    return call(method, args);
                } finally {
                    end(); // what the SDK read before closing is the recording
                }
            }
            return call(method, args);
        }

        private void end() {
            try {
                exchange.end(null);
            } catch (Throwable t) {
                AgentCounters.internalError("openai-java-record-end", t);
            }
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(response, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** A recorded answer: status, headers and a body over the recorded pieces. */
    private static final class Served implements InvocationHandler {
        private final SdkTypes types;
        private final ServedExchange served;
        private final Object headers;
        private volatile ServedBody body;

        Served(SdkTypes types, ServedExchange served, Object headers) {
            this.types = types;
            this.served = served;
            this.headers = headers;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args,
                        "agentdbg replayed HttpResponse{statusCode=" + served.status() + ", call=" + served.call() + "}");
            }
            if (method.equals(types.responseStatus)) {
                return served.status();
            }
            if (method.equals(types.responseHeaders)) {
                return headers;
            }
            if (method.equals(types.responseBody)) {
                // One stream per response, as the real one reads one source: asking again continues it.
                ServedBody b = body;
                if (b == null) {
                    b = new ServedBody(served);
                    body = b;
                }
                return b;
            }
            if (method.equals(types.responseClose)) {
                ServedBody b = body;
                if (b != null) {
                    b.close();
                }
                return null;
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args); // requestId(): read from the headers
            }
            throw new UnsupportedOperationException("agentdbg replay: " + method + " is not served from a recording");
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String text) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return text;
        }
    }
}
