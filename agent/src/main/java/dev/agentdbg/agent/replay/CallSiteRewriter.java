package dev.agentdbg.agent.replay;

import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.utility.OpenedClassReader;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntBiFunction;

/**
 * Rewrites the calls that read the clock or randomness in one class: each becomes a static call into
 * the runtime's {@code Deterministic}/{@code DeterministicRandom} that takes the call site's id as a
 * constant. A site is named {@code class#method:index}, the index counting every recognised call in
 * the methods of that name in class-file order (enabled kind or not), so the names of a class's sites
 * are the same in the recording and in the replay, whatever kinds either turns on.
 */
final class CallSiteRewriter extends ClassVisitor {
    private static final String DET = "dev/agentdbg/replay/determinism/Deterministic";
    private static final String RND = "dev/agentdbg/replay/determinism/DeterministicRandom";
    private static final String TLR = "java/util/concurrent/ThreadLocalRandom";
    private static final String TLR_TYPE = "L" + TLR + ";";

    /** A recognised call: what the site records, and the static method that replaces it. */
    record Target(String what, String kind, String owner, String name, String descriptor) {
    }

    /** owner.name+descriptor of static calls -> replacement. */
    private static final Map<String, Target> STATIC_CALLS = Map.of(
            "java/lang/System.currentTimeMillis()J",
            new Target("currentTimeMillis", "time", DET, "currentTimeMillis", "(I)J"),
            "java/lang/System.nanoTime()J", new Target("nanoTime", "time", DET, "nanoTime", "(I)J"),
            "java/time/Instant.now()Ljava/time/Instant;",
            new Target("instant", "time", DET, "instant", "(I)Ljava/time/Instant;"),
            "java/time/LocalDateTime.now()Ljava/time/LocalDateTime;",
            new Target("localDateTime", "time", DET, "localDateTime", "(I)Ljava/time/LocalDateTime;"),
            "java/time/LocalDateTime.now(Ljava/time/ZoneId;)Ljava/time/LocalDateTime;",
            new Target("localDateTime", "time", DET, "localDateTime", "(Ljava/time/ZoneId;I)Ljava/time/LocalDateTime;"),
            "java/util/UUID.randomUUID()Ljava/util/UUID;",
            new Target("uuid", "uuid", DET, "randomUUID", "(I)Ljava/util/UUID;"),
            "java/lang/Math.random()D", new Target("randomSource", "random", RND, "mathRandom", "(I)D"));

    /** ThreadLocalRandom methods (name+descriptor) whose calls are rewritten. */
    private static final Set<String> TLR_METHODS = Set.of(
            "nextInt()I", "nextInt(I)I", "nextInt(II)I", "nextLong()J", "nextLong(J)J", "nextLong(JJ)J",
            "nextDouble()D", "nextDouble(D)D", "nextDouble(DD)D", "nextFloat()F", "nextFloat(F)F", "nextFloat(FF)F",
            "nextBoolean()Z", "nextGaussian()D");

    private static final Target NEW_RANDOM = new Target("randomSeed", "random", DET, "randomSeed", "(I)J");

    private final String className;
    private final Set<String> kinds;
    private final ToIntBiFunction<String, String> register;
    private final Map<String, Integer> nextIndex = new HashMap<>();
    private int rewritten;

    /**
     * @param kinds    the kinds to rewrite ({@code time}, {@code random}, {@code uuid})
     * @param register (site key, what) -> the id the rewritten call passes, or -1 to leave the call alone
     */
    CallSiteRewriter(ClassVisitor next, String className, Set<String> kinds, ToIntBiFunction<String, String> register) {
        super(OpenedClassReader.ASM_API, next);
        this.className = className;
        this.kinds = kinds;
        this.register = register;
    }

    /** Calls rewritten so far. */
    int rewritten() {
        return rewritten;
    }

    /** The replacement of a call instruction, or null when it is not one this rewriter knows. */
    static Target target(int opcode, String owner, String name, String descriptor) {
        if (opcode == Opcodes.INVOKESTATIC) {
            return STATIC_CALLS.get(owner + "." + name + descriptor);
        }
        if (opcode == Opcodes.INVOKEVIRTUAL && TLR.equals(owner) && TLR_METHODS.contains(name + descriptor)) {
            return new Target("randomSource", "random", RND, name, "(" + TLR_TYPE + descriptor.substring(1,
                    descriptor.indexOf(')')) + "I)" + descriptor.substring(descriptor.indexOf(')') + 1));
        }
        if (opcode == Opcodes.INVOKESPECIAL && "java/util/Random".equals(owner) && "<init>".equals(name)
                && "()V".equals(descriptor)) {
            return NEW_RANDOM;
        }
        return null;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                     String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        return next == null ? null : new Sites(next, name);
    }

    private final class Sites extends MethodVisitor {
        private final String method;
        private boolean changed;

        Sites(MethodVisitor next, String method) {
            super(OpenedClassReader.ASM_API, next);
            this.method = method;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            Target t = isInterface ? null : target(opcode, owner, name, descriptor);
            if (t == null) {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                return;
            }
            int index = nextIndex.merge(method, 1, Integer::sum) - 1;
            String site = className + "#" + method + ":" + index;
            int id = kinds.contains(t.kind()) ? register.applyAsInt(site, t.what()) : -1;
            if (id < 0) {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                return;
            }
            pushInt(id);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, t.owner(), t.name(), t.descriptor(), false);
            if (t == NEW_RANDOM) {
                // new Random() -> new Random(seed): the seed is on the stack above the uninitialised object
                super.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "<init>", "(J)V", false);
            }
            changed = true;
            rewritten++;
        }

        private void pushInt(int v) {
            if (v <= 5) {
                super.visitInsn(Opcodes.ICONST_0 + v);
            } else if (v <= Byte.MAX_VALUE) {
                super.visitIntInsn(Opcodes.BIPUSH, v);
            } else if (v <= Short.MAX_VALUE) {
                super.visitIntInsn(Opcodes.SIPUSH, v);
            } else {
                super.visitLdcInsn(v);
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            // at most a long (a seed) above what the original call had on the stack
            super.visitMaxs(changed ? maxStack + 2 : maxStack, maxLocals);
        }
    }
}
