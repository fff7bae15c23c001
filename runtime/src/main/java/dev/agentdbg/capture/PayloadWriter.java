package dev.agentdbg.capture;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;

/**
 * Encodes snapshots as JSON on the drainer thread, within a per-span byte budget (the encoding is
 * described in docs/trace-format.md). Strings are cut at maxStringLength and every string, map
 * key and byte head passes the {@link Redactor} here, not on the application thread. A writer keeps no state and may be shared; a
 * {@link Budget} belongs to one span on one thread.
 */
public final class PayloadWriter {
    /** Room kept for the "…(truncated, 182 KB)" note when a string is cut to fit the budget. */
    private static final int NOTE_ROOM = 32;
    /** Chars of text buffer kept per writing thread; longer strings (a huge maxStringLength) get their own. */
    private static final int MAX_CACHED_BUFFER = 64 * 1024;
    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[1024]);
    private static final byte[] ASCII_EXTRA = asciiExtra();

    private final CaptureSettings s;
    /** Written in place of whatever no longer fits: "…(truncated: span payload over 64 KB)". */
    private final String overBudget;

    public PayloadWriter(CaptureSettings settings) {
        this.s = settings == null ? CaptureSettings.defaults() : settings;
        this.overBudget = Texts.ELLIPSIS + "(truncated: span payload over " + Texts.sizeLabel(s.maxBytes) + ")";
    }

    /** The JSON bytes one span's payload may still take; one per span (or {@link #reset} it). */
    public static final class Budget {
        private final long max;
        private long used;
        private boolean exhausted;

        public Budget(int maxBytes) {
            this.max = maxBytes;
        }

        public void reset() {
            used = 0;
            exhausted = false;
        }

        /** Approximate JSON bytes written so far (UTF-8, with quotes, separators and escapes). */
        public long used() {
            return used;
        }

        public boolean exhausted() {
            return exhausted;
        }

        long remaining() {
            return Math.max(0, max - used);
        }

        void charge(long n) {
            used += n;
            if (used >= max) {
                exhausted = true;
            }
        }

        void exhaust() {
            exhausted = true;
        }
    }

    /** A fresh budget of maxBytes. */
    public Budget newBudget() {
        return new Budget(s.maxBytes);
    }

    /** The arguments as one JSON array (null elements for arguments not captured). */
    public void writeArgs(JsonGenerator g, Object[] args, Budget b) throws IOException {
        g.writeStartArray();
        b.charge(2);
        for (Object arg : args) {
            write(g, arg, b);
            b.charge(1);
        }
        g.writeEndArray();
    }

    /** One snapshot (a leaf, {@link Node}, {@link Ref} or {@link Marker}) as one JSON value. */
    public void write(JsonGenerator g, Object v, Budget b) throws IOException {
        if (b.exhausted()) {
            g.writeString(overBudget);
            b.charge(overBudget.length() + 5);
        } else if (v == null) {
            g.writeNull();
            b.charge(5);
        } else if (v instanceof String) {
            string(g, (String) v, b);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
            b.charge(6);
        } else if (v instanceof Number) {
            number(g, (Number) v, b);
        } else if (v instanceof ObjectSnapshot) {
            object(g, (ObjectSnapshot) v, b);
        } else if (v instanceof ListSnapshot) {
            list(g, (ListSnapshot) v, b);
        } else if (v instanceof MapSnapshot) {
            map(g, (MapSnapshot) v, b);
        } else if (v instanceof BytesSnapshot) {
            bytes(g, (BytesSnapshot) v, b);
        } else if (v instanceof Ref) {
            Ref r = (Ref) v;
            g.writeStartObject();
            g.writeNumberField(r.cycle ? "@cycle" : "@ref", r.target.refId);
            g.writeEndObject();
            b.charge(16);
        } else if (v instanceof Marker) {
            marker(g, (Marker) v, b);
        } else {
            // Not a snapshot (a caller's mistake): name it, never call its methods on this thread.
            typed(g, v.getClass().getName(), "@failed", "not a snapshot", b);
        }
    }

    private void object(JsonGenerator g, ObjectSnapshot o, Budget b) throws IOException {
        g.writeStartObject();
        g.writeStringField("@type", Redactor.current().mask(o.type));
        b.charge(o.type.length() + 14);
        if (o.refId > 0) {
            g.writeNumberField("@id", o.refId);
            b.charge(10);
        }
        if (o.unreadable != null) {
            g.writeStringField("@unreadable", Redactor.current().mask(o.unreadable));
            b.charge(o.unreadable.length() + 16);
        }
        entries(g, o.fields, 0, b);
        g.writeEndObject();
    }

    private void map(JsonGenerator g, MapSnapshot m, Budget b) throws IOException {
        g.writeStartObject();
        b.charge(2);
        if (m.refId > 0) {
            g.writeNumberField("@id", m.refId);
            b.charge(10);
        }
        entries(g, m.entries, m.totalSize - m.entries.size(), b);
        g.writeEndObject();
    }

    /** Entries of an object or map; then one "…" entry saying what was left out, if anything. */
    private void entries(JsonGenerator g, Map<String, Object> entries, int more, Budget b) throws IOException {
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            if (b.exhausted()) {
                g.writeStringField(Texts.ELLIPSIS, overBudget);
                b.charge(overBudget.length() + 10);
                return;
            }
            String key = Redactor.current().mask(e.getKey());
            if (key.length() > s.maxStringLength) {
                key = key.substring(0, Texts.cutIndex(key, s.maxStringLength)) + Texts.truncationNote(key.length());
            }
            g.writeFieldName(key);
            b.charge(jsonCost(key) + 4);
            write(g, e.getValue(), b);
        }
        if (more > 0) {
            g.writeStringField(Texts.ELLIPSIS, "(+" + more + " more)");
            b.charge(24);
        }
    }

    private void list(JsonGenerator g, ListSnapshot l, Budget b) throws IOException {
        if (l.refId > 0) {
            g.writeStartObject();
            g.writeNumberField("@id", l.refId);
            g.writeFieldName("@items");
            b.charge(22);
        }
        g.writeStartArray();
        b.charge(2);
        boolean cut = false;
        for (Object element : l.elements) {
            if (b.exhausted()) {
                g.writeString(overBudget);
                b.charge(overBudget.length() + 5);
                cut = true;
                break;
            }
            write(g, element, b);
            b.charge(1);
        }
        int more = l.totalSize - l.elements.size();
        if (!cut && more > 0) {
            g.writeString(Texts.ELLIPSIS + "(+" + more + " more)");
            b.charge(24);
        }
        g.writeEndArray();
        if (l.refId > 0) {
            g.writeEndObject();
        }
    }

    private void bytes(JsonGenerator g, BytesSnapshot bs, Budget b) throws IOException {
        g.writeStartObject();
        g.writeStringField("@type", Redactor.current().mask(bs.type));
        if (bs.refId > 0) {
            g.writeNumberField("@id", bs.refId);
        }
        g.writeNumberField("length", bs.length);
        // Base64 would carry a key past every text check: secret-looking bytes keep no head.
        String head = Redactor.current().hidesHead(bs.head) ? Redactor.MASK : Base64.getEncoder().encodeToString(bs.head);
        g.writeStringField("head", head);
        g.writeEndObject();
        b.charge(bs.type.length() + head.length() + 50);
    }

    private void marker(JsonGenerator g, Marker m, Budget b) throws IOException {
        switch (m.reason) {
            case REDACTED:
                g.writeString("[REDACTED]");
                b.charge(13);
                break;
            case DEPTH:
                typed(g, m.type, "@truncated", "depth", b);
                break;
            case BUDGET:
                typed(g, m.type, "@truncated", "size", b);
                break;
            default:
                typed(g, m.type, "@failed", m.detail == null ? "failed" : m.detail, b);
                break;
        }
    }

    /** {"@type":type,"key":value}; "@type" left out when unknown. */
    private static void typed(JsonGenerator g, String type, String key, String value, Budget b) throws IOException {
        Redactor redactor = Redactor.current();
        g.writeStartObject();
        if (type != null) {
            g.writeStringField("@type", redactor.mask(type));
            b.charge(type.length() + 11);
        }
        g.writeStringField(key, redactor.mask(value));
        g.writeEndObject();
        b.charge(key.length() + value.length() + 8);
    }

    private static void number(JsonGenerator g, Number n, Budget b) throws IOException {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            g.writeNumber(n.longValue());
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                if (n instanceof Float) {
                    g.writeNumber(n.floatValue());
                } else {
                    g.writeNumber(d);
                }
            } else {
                g.writeString(String.valueOf(d)); // JSON has no NaN or Infinity
            }
        } else if (n instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) n;
            if (d.precision() > 1000) {
                g.writeString("(BigDecimal of " + d.precision() + " digits)");
            } else {
                g.writeNumber(d);
                b.charge(d.precision());
            }
        } else if (n instanceof BigInteger) {
            BigInteger i = (BigInteger) n;
            if (i.bitLength() > 3300) { // about 1000 digits
                g.writeString("(BigInteger of " + i.bitLength() + " bits)");
            } else {
                g.writeNumber(i);
                b.charge(i.bitLength() / 3);
            }
        } else {
            // The walker keeps only the JDK number classes above; anything else is not ours to call.
            g.writeString("(" + Redactor.current().mask(n.getClass().getName()) + ")");
        }
        b.charge(12);
    }

    /**
     * A string value: secrets masked; cut at maxStringLength, or shorter when the span's budget is
     * nearly spent, with "…(truncated, 182 KB)" giving the original size. The text is copied once,
     * into a reused buffer, where its UTF-8 size is counted and from which Jackson encodes it.
     */
    private void string(JsonGenerator g, String str, Budget b) throws IOException {
        long room = b.remaining() - 3;
        int keep = Math.min(str.length(), s.maxStringLength);
        boolean budgetCut = false;
        if (keep > room - NOTE_ROOM && keep > 0) {
            keep = (int) Math.max(0, room - NOTE_ROOM);
            budgetCut = true;
        }
        char[] buf = buffer(keep + NOTE_ROOM);
        int n = fill(buf, str, keep);
        long cost = jsonCost(buf, n);
        if (cost > room && keep > 0) { // multi-byte characters or escapes: shrink once, in proportion
            keep = (int) Math.max(0, keep * (room - NOTE_ROOM) / cost - 1);
            budgetCut = true;
            n = fill(buf, str, keep);
            cost = jsonCost(buf, n);
        }
        g.writeString(buf, 0, n);
        b.charge(cost + 3);
        if (budgetCut) {
            b.exhaust();
        }
    }

    /**
     * Puts the masked text of {@code str} into {@code buf}, cut to {@code keep} chars plus the
     * truncation note when longer; returns the number of chars.
     */
    private static int fill(char[] buf, String str, int keep) {
        int len = str.length();
        String text;
        if (keep >= len) {
            text = Redactor.current().mask(str);
        } else {
            // Mask a little beyond the cut, so a key that straddles it is still recognised; never
            // scan all of a 50 MB string.
            int windowEnd = (int) Math.min(len, keep + 256L);
            text = Redactor.current().mask(windowEnd == len ? str : str.substring(0, windowEnd));
            if (windowEnd == len && text.length() <= keep) {
                keep = len; // masking made the whole string short enough
            }
        }
        if (keep >= len) {
            text.getChars(0, text.length(), buf, 0);
            return text.length();
        }
        int end = Texts.cutIndex(text, Math.min(keep, text.length()));
        text.getChars(0, end, buf, 0);
        String note = Texts.truncationNote(len);
        note.getChars(0, note.length(), buf, end);
        return end + note.length();
    }

    /** This thread's reusable text buffer (the drainer's), or a one-off for an unusually long string. */
    private static char[] buffer(int chars) {
        char[] buf = BUFFER.get();
        if (buf.length >= chars) {
            return buf;
        }
        if (chars > MAX_CACHED_BUFFER) {
            return new char[chars];
        }
        buf = new char[Math.max(chars, Math.min(MAX_CACHED_BUFFER, buf.length * 2))];
        BUFFER.set(buf);
        return buf;
    }

    /** UTF-8 bytes of {@code s} as a JSON string body (escapes included, quotes not); for keys. */
    static long jsonCost(String s) {
        int len = s.length();
        long extra = 0;
        for (int i = 0; i < len; i++) {
            extra += extraCost(s.charAt(i));
        }
        return len + extra;
    }

    /** UTF-8 bytes of the first {@code len} chars of {@code text} as a JSON string body. */
    static long jsonCost(char[] text, int len) {
        long extra = 0;
        for (int i = 0; i < len; i++) {
            char c = text[i];
            // One well-predicted branch and a table load per char: this runs over every string written.
            extra += c < 0x80 ? ASCII_EXTRA[c] : c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
        }
        return len + extra;
    }

    /** Bytes beyond one for a char in JSON: escapes, multi-byte UTF-8. */
    private static int extraCost(char c) {
        return c < 0x80 ? ASCII_EXTRA[c] : c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
    }

    /** Extra bytes of each ASCII char in a JSON string: \" \\ \n … take 2, other controls 6. */
    private static byte[] asciiExtra() {
        byte[] t = new byte[0x80];
        for (int c = 0; c < 0x20; c++) {
            t[c] = 5;
        }
        for (char c : new char[] {'"', '\\', '\n', '\t', '\r', '\b', '\f'}) {
            t[c] = 1;
        }
        return t;
    }
}
