package dev.agentdbg.replay.values;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.agentdbg.bootstrap.OpenSpans;
import dev.agentdbg.capture.Redactor;
import dev.agentdbg.replay.SideRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One {@code value} record (see docs/trace-format.md): the call's span, method, rule, kind and key,
 * its number among that method's calls, the recorded call it ran inside (if any), the outcome and the
 * value as base64 Kryo bytes, or why it is unrebuildable or cut, and its arguments as text.
 */
final class ValueRecord implements SideRecord {
    private final ValueRecords.Pending p;
    private final ValueCodec.Encoded value;
    private final boolean threw;
    private final boolean isVoid;

    ValueRecord(ValueRecords.Pending p, ValueCodec.Encoded value, boolean threw, boolean isVoid) {
        this.p = p;
        this.value = value;
        this.threw = threw;
        this.isVoid = isVoid;
    }

    @Override
    public String type() {
        return "value";
    }

    @Override
    public long bytes() {
        // the Kryo bytes, the base64 text made from them while written, the argument snapshots
        long kryo = value.bytes() == null ? 0 : value.bytes().length;
        return 256 + kryo + kryo * 4 / 3 + p.argBytes;
    }

    @Override
    public int methodId() {
        return p.method.id();
    }

    /**
     * Whether the encoded bytes, read as text (Kryo writes strings as their bytes), hold a token in a
     * known or configured format: base64 would carry it past every text check of the trace.
     */
    static boolean holdsSecret(byte[] bytes, Redactor redactor) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return redactor.mask(text) != text;
    }

    @Override
    public void writeFields(JsonGenerator json, Redactor redactor) throws IOException {
        json.writeStringField("span", OpenSpans.hex(p.span));
        json.writeNumberField("method", p.method.id());
        json.writeStringField("rule", redactor.mask(p.method.rule()));
        json.writeStringField("kind", redactor.mask(p.method.kind()));
        json.writeStringField("key", redactor.mask(dev.agentdbg.bootstrap.MethodInfo.key(
                p.method.className(), p.method.methodName(), p.method.descriptor())));
        json.writeNumberField("call", p.call);
        if (p.within != 0) {
            json.writeStringField("within", OpenSpans.hex(p.within));
        }
        json.writeStringField("outcome", threw ? "throw" : "return");
        json.writeStringField("class", isVoid ? "void" : redactor.mask(value.valueClass()));
        switch (value.status()) {
            case KRYO -> {
                if (holdsSecret(value.bytes(), redactor)) {
                    json.writeStringField("cut", "the value holds text that looks like a secret; it is not recorded");
                } else {
                    json.writeStringField("kryo", Base64.getEncoder().encodeToString(value.bytes()));
                }
            }
            case UNREBUILDABLE -> json.writeStringField("unrebuildable", redactor.mask(value.detail()));
            case CUT -> json.writeStringField("cut", redactor.mask(value.detail()));
        }
        json.writeStringField("args", redactor.mask(ArgsText.render(p.args, ValueRecords.argSettings())));
    }
}
