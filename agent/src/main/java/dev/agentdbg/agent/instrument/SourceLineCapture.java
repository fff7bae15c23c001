package dev.agentdbg.agent.instrument;

import dev.agentdbg.bootstrap.MethodInfo;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.field.FieldList;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

import java.util.Map;

/**
 * Reads the source file name and each instrumented method's first line while the class is being
 * transformed anyway, so reports can point at {@code File.java:line} without a second parse.
 */
final class SourceLineCapture extends AsmVisitorWrapper.AbstractBase {
    /** name + descriptor -> method */
    private final Map<String, MethodInfo> methods;

    SourceLineCapture(Map<String, MethodInfo> methods) {
        this.methods = methods;
    }

    @Override
    public ClassVisitor wrap(TypeDescription instrumentedType, ClassVisitor classVisitor,
                             Implementation.Context implementationContext, TypePool typePool,
                             FieldList<FieldDescription.InDefinedShape> fields, MethodList<?> methodList,
                             int writerFlags, int readerFlags) {
        return new ClassVisitor(OpenedClassReader.ASM_API, classVisitor) {
            @Override
            public void visitSource(String source, String debug) {
                if (source != null) {
                    for (MethodInfo m : methods.values()) {
                        m.setSourceFile(source);
                    }
                }
                super.visitSource(source, debug);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
                MethodInfo info = methods.get(name + descriptor);
                if (info == null) {
                    return visitor;
                }
                return new MethodVisitor(OpenedClassReader.ASM_API, visitor) {
                    @Override
                    public void visitLineNumber(int line, Label start) {
                        info.setFirstLine(line);
                        super.visitLineNumber(line, start);
                    }
                };
            }
        };
    }
}
