package dev.agentdbg.analyzer.model;

/**
 * One {@code det} record: values the application's code got from a clock, a random generator or a UUID at one call
 * site, counted rather than kept.
 *
 * @param what   {@code currentTimeMillis}, {@code nanoTime}, {@code instant}, {@code localDateTime}, {@code uuid} or
 *               {@code randomSeed}
 * @param values how many values were recorded (a UUID is two longs, one value)
 */
public record DetValues(String site, String what, long values) {
}
