package com.acme.it.apps;

/**
 * A tool whose methods take and return only primitives: captured without boxing. Each kind of
 * primitive, a void method and a method that throws.
 */
public final class PrimitiveToolApp {
    /** The traced tool (rule kind tool: arguments and result captured). */
    public static final class Numbers {
        public long mix(long a, double b, boolean c, char d) {
            return a + (long) b + (c ? 1 : 0) + d;
        }

        public int add(int a, short b, byte c) {
            return a + b + c;
        }

        public float half(float f) {
            return f / 2;
        }

        public void touch(int i) {
            if (i < 0) {
                throw new IllegalStateException("never");
            }
        }

        public int fail(int code) {
            throw new IllegalArgumentException("code " + code);
        }
    }

    public static void main(String[] args) {
        Numbers n = new Numbers();
        long sum = n.mix(40, 1.5, true, 'A') + n.add(1, (short) 2, (byte) 3) + (long) n.half(5f);
        n.touch(9);
        try {
            n.fail(7);
        } catch (IllegalArgumentException e) {
            sum++;
        }
        System.out.println("sum=" + sum);
    }
}
