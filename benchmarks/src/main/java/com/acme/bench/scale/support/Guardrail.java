package com.acme.bench.scale.support;

import com.acme.bench.scale.Produced;

/** Screens text going back to the model or the user: cuts it to a length, masks e-mail-like tokens. */
public final class Guardrail {
    public String check(String text, int maxChars) {
        Produced.call();
        String t = text.length() <= maxChars ? text : text.substring(0, maxChars) + " [cut]";
        return t.indexOf('@') < 0 ? t : t.replaceAll("\\S+@\\S+", "[email]");
    }
}
