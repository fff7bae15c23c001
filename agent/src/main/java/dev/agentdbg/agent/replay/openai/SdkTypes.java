package dev.agentdbg.agent.replay.openai;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The openai-java transport types ({@code com.openai.core.http.*}) as seen from one application class
 * loader: the agent sits on the bootstrap class path and cannot link against them, so each is looked up
 * once per {@code HttpRequest} class and its methods called by reflection. Only the SDK's plain data
 * accessors are called: {@code HttpRequest}, {@code Headers} and request bodies hold no locks.
 */
final class SdkTypes {
    static final String PACKAGE = "com.openai.core.http.";

    private static final ClassValue<SdkTypes> BY_REQUEST_CLASS = new ClassValue<>() {
        @Override
        protected SdkTypes computeValue(Class<?> requestClass) {
            try {
                return new SdkTypes(requestClass.getClassLoader());
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("the openai-java transport types cannot be resolved from "
                        + requestClass.getClassLoader() + ": " + e, e);
            }
        }
    };

    final Class<?> responseInterface;
    private final Method requestMethod;
    private final Method requestUrl;
    private final Method requestHeaders;
    private final Method requestBody;
    private final Method headersNames;
    private final Method headersValues;
    private final Method headersBuilder;
    private final Method builderPut;
    private final Method builderBuild;
    private final Method bodyRepeatable;
    private final Method bodyWriteTo;
    private final Method bodyContentLength;
    final Method responseStatus;
    final Method responseHeaders;
    final Method responseBody;
    final Method responseClose;

    private SdkTypes(ClassLoader loader) throws ReflectiveOperationException {
        Class<?> request = Class.forName(PACKAGE + "HttpRequest", false, loader);
        Class<?> headers = Class.forName(PACKAGE + "Headers", false, loader);
        Class<?> body = Class.forName(PACKAGE + "HttpRequestBody", false, loader);
        responseInterface = Class.forName(PACKAGE + "HttpResponse", false, loader);
        requestMethod = request.getMethod("method");
        requestUrl = request.getMethod("url");
        requestHeaders = request.getMethod("headers");
        requestBody = request.getMethod("body");
        headersNames = headers.getMethod("names");
        headersValues = headers.getMethod("values", String.class);
        headersBuilder = headers.getMethod("builder");
        Class<?> builder = headersBuilder.getReturnType();
        builderPut = builder.getMethod("put", String.class, Iterable.class);
        builderBuild = builder.getMethod("build");
        bodyRepeatable = body.getMethod("repeatable");
        bodyWriteTo = body.getMethod("writeTo", java.io.OutputStream.class);
        bodyContentLength = body.getMethod("contentLength");
        responseStatus = responseInterface.getMethod("statusCode");
        responseHeaders = responseInterface.getMethod("headers");
        responseBody = responseInterface.getMethod("body");
        responseClose = responseInterface.getMethod("close");
    }

    /** The types for the loader that defined {@code request}'s class; throws when they cannot be resolved. */
    static SdkTypes of(Object request) {
        return BY_REQUEST_CLASS.get(request.getClass());
    }

    String method(Object request) throws ReflectiveOperationException {
        return ((Enum<?>) requestMethod.invoke(request)).name();
    }

    String url(Object request) throws ReflectiveOperationException {
        return (String) requestUrl.invoke(request);
    }

    Map<String, List<String>> headers(Object request) throws ReflectiveOperationException {
        return headerMap(requestHeaders.invoke(request));
    }

    /** Null when the request has no body. */
    Object body(Object request) throws ReflectiveOperationException {
        return requestBody.invoke(request);
    }

    boolean repeatable(Object body) throws ReflectiveOperationException {
        return (Boolean) bodyRepeatable.invoke(body);
    }

    long contentLength(Object body) throws ReflectiveOperationException {
        return ((Number) bodyContentLength.invoke(body)).longValue();
    }

    void writeTo(Object body, java.io.OutputStream out) throws ReflectiveOperationException {
        bodyWriteTo.invoke(body, out);
    }

    /** An SDK {@code Headers} as a plain map, in the SDK's order. */
    Map<String, List<String>> headerMap(Object sdkHeaders) throws ReflectiveOperationException {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (sdkHeaders == null) {
            return map;
        }
        for (Object name : (Iterable<?>) headersNames.invoke(sdkHeaders)) {
            @SuppressWarnings("unchecked")
            List<String> values = (List<String>) headersValues.invoke(sdkHeaders, name);
            map.put((String) name, List.copyOf(values));
        }
        return map;
    }

    /** A new SDK {@code Headers} holding {@code map}. */
    Object sdkHeaders(Map<String, List<String>> map) throws ReflectiveOperationException {
        Object builder = headersBuilder.invoke(null);
        for (Map.Entry<String, List<String>> e : map.entrySet()) {
            builderPut.invoke(builder, e.getKey(), e.getValue());
        }
        return builderBuild.invoke(builder);
    }
}
