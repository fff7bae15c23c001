package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.CallCapture;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.collection.ArrayAccess;
import net.bytebuddy.implementation.bytecode.constant.IntegerConstant;
import net.bytebuddy.implementation.bytecode.constant.LongConstant;
import net.bytebuddy.implementation.bytecode.Duplication;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.implementation.bytecode.member.MethodVariableAccess;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds {@link ArgumentBits} and {@link ResultBits} for {@link PrimitiveCaptureAdvice}: bytecode that
 * turns each primitive argument, or the return value, into a {@code long} of its raw bits (ints
 * widened, floats and doubles by their bit patterns), without boxing.
 */
final class PrimitiveBitsMapping implements Advice.OffsetMapping {
    private static final MethodDescription.InDefinedShape ARGUMENT_BITS = method(CallCapture.class, "argumentBits", Object.class);
    private static final MethodDescription.InDefinedShape FLOAT_BITS = method(Float.class, "floatToRawIntBits", float.class);
    private static final MethodDescription.InDefinedShape DOUBLE_BITS = method(Double.class, "doubleToRawLongBits", double.class);
    private static final StackManipulation I2L = new Insn(Opcodes.I2L);

    /** The advice's local that holds the thread's state, read to find its scratch array. */
    private final String stateLocal;
    private final boolean arguments;

    private PrimitiveBitsMapping(boolean arguments, String stateLocal) {
        this.arguments = arguments;
        this.stateLocal = stateLocal;
    }

    static PrimitiveBitsMapping arguments(String stateLocal) {
        return new PrimitiveBitsMapping(true, stateLocal);
    }

    static PrimitiveBitsMapping result() {
        return new PrimitiveBitsMapping(false, null);
    }

    @Override
    public Target resolve(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
                          Assigner assigner, Advice.ArgumentHandler argumentHandler, Sort sort) {
        List<StackManipulation> code = new ArrayList<>();
        if (arguments) {
            code.add(MethodVariableAccess.REFERENCE.loadFrom(argumentHandler.named(stateLocal)));
            code.add(MethodInvocation.invoke(ARGUMENT_BITS));
            for (ParameterDescription p : instrumentedMethod.getParameters()) {
                code.add(Duplication.SINGLE);
                code.add(IntegerConstant.forValue(p.getIndex()));
                code.add(MethodVariableAccess.of(p.getType()).loadFrom(argumentHandler.argument(p.getOffset())));
                code.add(toBits(p.getType()));
                code.add(ArrayAccess.of(TypeDescription.ForLoadedType.of(long.class)).store());
            }
        } else {
            TypeDefinition type = instrumentedMethod.getReturnType();
            if (type.represents(void.class) || !type.isPrimitive()) {
                code.add(LongConstant.ZERO);
            } else {
                code.add(MethodVariableAccess.of(type).loadFrom(argumentHandler.returned()));
                code.add(toBits(type));
            }
        }
        return new Target.ForStackManipulation(new StackManipulation.Compound(code));
    }

    private static StackManipulation toBits(TypeDefinition type) {
        if (type.represents(long.class)) {
            return StackManipulation.Trivial.INSTANCE;
        }
        if (type.represents(double.class)) {
            return MethodInvocation.invoke(DOUBLE_BITS);
        }
        if (type.represents(float.class)) {
            return new StackManipulation.Compound(MethodInvocation.invoke(FLOAT_BITS), I2L);
        }
        return I2L; // boolean, byte, char, short, int: an int on the stack
    }

    private static MethodDescription.InDefinedShape method(Class<?> owner, String name, Class<?> parameter) {
        try {
            return new MethodDescription.ForLoadedMethod(owner.getMethod(name, parameter));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One stack-widening instruction (I2L: one slot in, two out). */
    private static final class Insn extends StackManipulation.AbstractBase {
        private final int opcode;

        Insn(int opcode) {
            this.opcode = opcode;
        }

        @Override
        public Size apply(MethodVisitor visitor, Implementation.Context context) {
            visitor.visitInsn(opcode);
            return new Size(1, 1);
        }
    }
}
