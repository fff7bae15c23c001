package com.acme.bench;

/** The smallest application there is, for start-up measurements: no rule of any variant matches it. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
