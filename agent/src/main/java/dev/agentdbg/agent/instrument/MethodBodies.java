package dev.agentdbg.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a class file says about its parameterless instance methods, read with ASM without loading
 * the class (and so without running any of its code): which ones only return a constant or a field
 * (accessors such as {@code name()} or {@code category()}), and what such a method returns. This is
 * how a tool's name is found without ever calling its {@code name()}.
 */
final class MethodBodies {
    /** What an accessor returns: a constant, a field of {@code this}, a static field; or nothing ({@code void}). */
    record Returned(Object constant, String instanceField, String staticOwner, String staticField) {
    }

    private static final int API = Opcodes.ASM9;

    private final String internalName;
    /** name + descriptor -> what the accessor returns; only methods whose body is one return. */
    private final Map<String, Returned> accessors = new HashMap<>();
    /** This class's static final String fields whose value is known: a ConstantValue or one {@code <clinit>} store. */
    private final Map<String, String> staticStrings = new HashMap<>();
    private final Set<String> staticFinalStrings = new HashSet<>();

    private MethodBodies(String internalName) {
        this.internalName = internalName;
    }

    /** @throws IllegalArgumentException when the bytes are not a class file ASM can read */
    static MethodBodies read(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        MethodBodies bodies = new MethodBodies(reader.getClassName());
        Map<String, String> clinitStores = new HashMap<>();
        Set<String> storedTwice = new HashSet<>();
        reader.accept(new ClassVisitor(API) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                boolean staticFinal = (access & Opcodes.ACC_STATIC) != 0 && (access & Opcodes.ACC_FINAL) != 0;
                if (staticFinal && "Ljava/lang/String;".equals(descriptor)) {
                    bodies.staticFinalStrings.add(name);
                    if (value instanceof String) {
                        bodies.staticStrings.put(name, (String) value);
                    }
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if ("<clinit>".equals(name)) {
                    return new StaticStores(bodies.internalName, clinitStores, storedTwice);
                }
                boolean candidate = (access & (Opcodes.ACC_STATIC | Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0
                        && descriptor.startsWith("()");
                return candidate ? new Body(bodies, name + descriptor) : null;
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        clinitStores.forEach((field, value) -> {
            if (!storedTwice.contains(field) && bodies.staticFinalStrings.contains(field)) {
                bodies.staticStrings.putIfAbsent(field, value);
            }
        });
        return bodies;
    }

    /** Whether the parameterless method only returns a constant or a field, or does nothing at all. */
    boolean isAccessor(String name, String descriptor) {
        return accessors.containsKey(name + descriptor);
    }

    /** What the accessor returns, or null when the method is not an accessor (or not in this class). */
    Returned returned(String name, String descriptor) {
        return accessors.get(name + descriptor);
    }

    /**
     * The string the accessor always returns: a literal ({@code static final} constants are inlined
     * as one by javac) or a static final field of this class whose value the class file states.
     */
    String constantString(String name, String descriptor) {
        Returned r = accessors.get(name + descriptor);
        if (r == null) {
            return null;
        }
        if (r.constant() instanceof String) {
            return (String) r.constant();
        }
        return r.staticField() != null && internalName.equals(r.staticOwner()) ? staticStrings.get(r.staticField()) : null;
    }

    /** Collects a method's instructions while there are at most three: an accessor has no more. */
    private static final class Body extends MethodVisitor {
        private final MethodBodies bodies;
        private final String key;
        private final List<Object[]> insns = new ArrayList<>(3);
        private boolean tooLong;

        Body(MethodBodies bodies, String key) {
            super(API);
            this.bodies = bodies;
            this.key = key;
        }

        private void add(Object... insn) {
            if (insns.size() == 3) {
                tooLong = true;
            } else {
                insns.add(insn);
            }
        }

        @Override
        public void visitInsn(int opcode) {
            add(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            add(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            add(opcode, var);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            add(opcode);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            add(opcode, owner, name);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            add(opcode);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrap,
                                           Object... arguments) {
            add(Opcodes.INVOKEDYNAMIC);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            tooLong = true; // a branch: not a plain accessor
        }

        @Override
        public void visitLdcInsn(Object value) {
            add(Opcodes.LDC, value);
        }

        @Override
        public void visitIincInsn(int var, int increment) {
            tooLong = true;
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            tooLong = true;
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            tooLong = true;
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            tooLong = true;
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            tooLong = true;
        }

        @Override
        public void visitEnd() {
            Returned r = tooLong ? null : match(insns);
            if (r != null) {
                bodies.accessors.put(key, r);
            }
        }

        private static Returned match(List<Object[]> insns) {
            if (insns.isEmpty() || !isReturn((Integer) insns.get(insns.size() - 1)[0])) {
                return null;
            }
            if (insns.size() == 1) {
                return (Integer) insns.get(0)[0] == Opcodes.RETURN ? new Returned(null, null, null, null) : null;
            }
            Object[] first = insns.get(0);
            int op = (Integer) first[0];
            if (insns.size() == 2) {
                if (op == Opcodes.LDC) {
                    return new Returned(first[1], null, null, null);
                }
                if (op >= Opcodes.ACONST_NULL && op <= Opcodes.DCONST_1 || op == Opcodes.BIPUSH || op == Opcodes.SIPUSH) {
                    return new Returned(first.length > 1 ? first[1] : op, null, null, null);
                }
                if (op == Opcodes.GETSTATIC) {
                    return new Returned(null, null, (String) first[1], (String) first[2]);
                }
                return null;
            }
            Object[] second = insns.get(1);
            boolean loadsThis = op == Opcodes.ALOAD && Integer.valueOf(0).equals(first[1]);
            if (loadsThis && (Integer) second[0] == Opcodes.GETFIELD) {
                return new Returned(null, (String) second[2], null, null);
            }
            return null;
        }

        private static boolean isReturn(int opcode) {
            return opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN;
        }
    }

    /** Finds {@code ldc "text"; putstatic ThisClass.field} pairs in the static initializer. */
    private static final class StaticStores extends MethodVisitor {
        private final String owner;
        private final Map<String, String> stores;
        private final Set<String> storedTwice;
        private Object lastLdc;

        StaticStores(String owner, Map<String, String> stores, Set<String> storedTwice) {
            super(API);
            this.owner = owner;
            this.stores = stores;
            this.storedTwice = storedTwice;
        }

        @Override
        public void visitLdcInsn(Object value) {
            lastLdc = value;
        }

        @Override
        public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
            if (opcode == Opcodes.PUTSTATIC && owner.equals(fieldOwner)) {
                if (stores.containsKey(name) || !(lastLdc instanceof String)) {
                    storedTwice.add(name); // assigned twice, or from something other than a literal
                } else {
                    stores.put(name, (String) lastLdc);
                }
            }
            lastLdc = null;
        }

        @Override
        public void visitInsn(int opcode) {
            lastLdc = null;
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            lastLdc = null;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            lastLdc = null;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            lastLdc = null;
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            lastLdc = null;
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrap,
                                           Object... arguments) {
            lastLdc = null;
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            lastLdc = null;
        }
    }
}
