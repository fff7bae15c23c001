package com.acme.bench.scale;

import java.util.SplittableRandom;

/**
 * Deterministic, plausible English-ish text for prompts, search results and file contents: words drawn from a
 * small research vocabulary, so payloads have the length and character mix of real ones (and compress as badly).
 */
public final class Text {
    private static final String[] WORDS = ("the of and to in a is that for on with as by this are from at be an it "
            + "which or was have has were their more can not its also been between these such other than model "
            + "models data results study analysis method methods performance system systems approach training "
            + "evaluation benchmark dataset language agent agents tool tools retrieval latency throughput memory "
            + "quantum error correction surface code qubit logical threshold decoder fidelity noise gate circuit "
            + "battery lithium cathode anode electrolyte capacity cycle degradation solid state interface "
            + "climate carbon emissions policy market energy grid storage solar wind transition cost price "
            + "protein folding structure sequence binding affinity enzyme receptor inhibitor clinical trial "
            + "2019 2020 2021 2022 2023 2024 2025 percent significant increase decrease compared baseline proposed "
            + "however therefore furthermore although whereas respectively approximately estimated reported "
            + "according recent paper authors review survey figure table section appendix source citation").split(" ");

    private Text() {
    }

    /** About {@code bytes} characters of words, with sentence punctuation now and then. */
    public static String words(SplittableRandom rnd, int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 16);
        boolean capital = true;
        while (sb.length() < bytes) {
            String w = WORDS[rnd.nextInt(WORDS.length)];
            if (capital) {
                sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
                capital = false;
            } else {
                sb.append(w);
            }
            int r = rnd.nextInt(14);
            if (r == 0) {
                sb.append(". ");
                capital = true;
            } else if (r == 1) {
                sb.append(", ");
            } else {
                sb.append(' ');
            }
        }
        return sb.toString().trim();
    }

    /**
     * Scales every payload length ({@code -Dscale.payload=0.5} halves them), so the harness can aim at a trace
     * size per span without changing the app's shape.
     */
    static final double SCALE = Double.parseDouble(System.getProperty("scale.payload", "0.3"));

    /** A length between {@code min} and {@code max}, skewed towards the short end as real payloads are, scaled. */
    public static int size(SplittableRandom rnd, int min, int max) {
        double u = rnd.nextDouble();
        return (int) (SCALE * (min + (max - min) * u * u));
    }

    /** A fixed length, scaled like {@link #size}. */
    public static int scaled(int chars) {
        return (int) (SCALE * chars);
    }

    public static String id(SplittableRandom rnd, String prefix) {
        return prefix + Long.toHexString(rnd.nextLong() & 0xffffffffffffL);
    }
}
