package com.acme.it.apps;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Prints what the clock, random generators and random UUIDs gave it: under record and replay with
 * {@code agentdbg.replay.deterministic=time,random,uuid} both runs print the same lines.
 */
public final class DeterministicApp {
    private DeterministicApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("millis=" + System.currentTimeMillis());
        long t0 = System.nanoTime();
        Thread.sleep(3);
        System.out.println("nanoDelta=" + (System.nanoTime() - t0));
        System.out.println("instant=" + Instant.now());
        System.out.println("local=" + LocalDateTime.now());
        System.out.println("localUtc=" + LocalDateTime.now(ZoneId.of("UTC")));
        int uuids = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int i = 0; i < uuids; i++) {
            System.out.println("uuid=" + UUID.randomUUID()); // one site, three values in order
        }
        System.out.println("random=" + new Random().nextInt() + " " + new Random().nextLong());
        ThreadLocalRandom tlr = ThreadLocalRandom.current();
        System.out.println("tlr=" + tlr.nextInt(1_000_000) + " " + tlr.nextLong(5, 1_000_000_000L) + " "
                + ThreadLocalRandom.current().nextDouble() + " " + tlr.nextBoolean());
        System.out.println("math=" + Math.random());
        Supplier<Long> inLambda = System::currentTimeMillis; // a method reference: the JDK's own call, not rewritten
        Supplier<Long> lambda = () -> System.currentTimeMillis(); // a lambda body: compiled into this class, rewritten
        System.out.println("lambda=" + lambda.get());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(UUID.randomUUID().toString().substring(0, 4)); // more values than one recording block holds
        }
        System.out.println("many=" + String.join("", ids).hashCode());
        System.err.println("methodReference=" + inLambda.get());
    }
}
