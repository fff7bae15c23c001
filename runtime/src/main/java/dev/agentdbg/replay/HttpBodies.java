package dev.agentdbg.replay;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.capture.Redactor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** How recorded headers and bodies are written: text when the bytes are UTF-8, else base64; secrets never. */
final class HttpBodies {
    /** Headers never recorded whatever the redaction settings: credentials and per-connection noise. */
    private static final Set<String> DROPPED = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key", "api-key", "openai-organization", "openai-project", "x-goog-api-key");

    private HttpBodies() {
    }

    static boolean isSecretHeader(String name, Redactor redactor) {
        return DROPPED.contains(name.toLowerCase(Locale.ROOT)) || redactor.isSecretName(name);
    }

    static void writeHeaders(JsonGenerator json, String field, Map<String, List<String>> headers, Redactor redactor)
            throws IOException {
        json.writeObjectFieldStart(field);
        if (headers != null) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                String name = e.getKey();
                if (name == null || isSecretHeader(name, redactor)) {
                    continue;
                }
                json.writeArrayFieldStart(redactor.mask(name));
                for (String v : e.getValue()) {
                    json.writeString(redactor.mask(v));
                }
                json.writeEndArray();
            }
        }
        json.writeEndObject();
    }

    /** Writes {@code bytes} as {@code textField} when they are valid UTF-8, else as {@code base64Field}. */
    static void writeBody(JsonGenerator json, String textField, String base64Field, byte[] bytes, Redactor redactor)
            throws IOException {
        String text = utf8(bytes);
        if (text != null) {
            json.writeStringField(textField, redactor.mask(text));
        } else {
            json.writeStringField(base64Field, Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** The bytes as text, or null when they are not valid UTF-8 (binary, or a chunk cut inside a character). */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
