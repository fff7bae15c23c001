package dev.agentdbg.replay.values;

import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.ref.Reference;
import java.lang.reflect.Member;
import java.lang.reflect.Proxy;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channel;
import java.nio.channels.Selector;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * Which classes can never be rebuilt in another JVM, and why: they stand for something of this
 * process (an open socket, a stream, a thread, a class loader) or for code that exists only here
 * (a lambda or hidden class, a dynamic proxy). Decided per class, once, from the class alone.
 */
final class Unrebuildable {
    private static final ClassValue<String> REASONS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return decide(type);
        }
    };

    private Unrebuildable() {
    }

    /** Why values of {@code type} cannot be rebuilt, or null when they can. */
    static String reason(Class<?> type) {
        return REASONS.get(type);
    }

    private static String decide(Class<?> c) {
        if (c.isHidden() || c.getName().contains("$$Lambda")) {
            return "a lambda or hidden class exists only in the JVM that made it";
        }
        if (Proxy.isProxyClass(c)) {
            return "a dynamic proxy's class is generated at run time";
        }
        if (Thread.class.isAssignableFrom(c) || ThreadGroup.class.isAssignableFrom(c)) {
            return "a thread belongs to this process";
        }
        if (ClassLoader.class.isAssignableFrom(c)) {
            return "a class loader belongs to this process";
        }
        if (Socket.class.isAssignableFrom(c) || ServerSocket.class.isAssignableFrom(c)
                || DatagramSocket.class.isAssignableFrom(c)) {
            return "a socket is a connection of this process";
        }
        if (Channel.class.isAssignableFrom(c) || Selector.class.isAssignableFrom(c)
                || FileDescriptor.class.isAssignableFrom(c)) {
            return "a channel or file descriptor is open in this process";
        }
        if (InputStream.class.isAssignableFrom(c) || OutputStream.class.isAssignableFrom(c)
                || Reader.class.isAssignableFrom(c) || Writer.class.isAssignableFrom(c)) {
            return "a stream reads or writes something open in this process";
        }
        if (Process.class.isAssignableFrom(c) || ProcessHandle.class.isAssignableFrom(c)) {
            return "a process handle belongs to this process";
        }
        if (Executor.class.isAssignableFrom(c)) {
            return "an executor owns threads of this process";
        }
        if (Future.class.isAssignableFrom(c)) {
            return "a future's value is produced by work running in this process";
        }
        if (Lock.class.isAssignableFrom(c) || ReadWriteLock.class.isAssignableFrom(c)) {
            return "a lock's state belongs to the threads of this process";
        }
        if (Reference.class.isAssignableFrom(c) || ThreadLocal.class.isAssignableFrom(c)
                || ClassValue.class.isAssignableFrom(c)) {
            return "a reference or thread-local is tied to this JVM's memory and threads";
        }
        if (Member.class.isAssignableFrom(c) || MethodHandle.class.isAssignableFrom(c)
                || MethodHandles.Lookup.class.isAssignableFrom(c)) {
            return "a reflective handle is bound to classes loaded in this JVM";
        }
        return null;
    }

    /** A class of the JDK: defined by the bootstrap or platform loader under a JDK package name. */
    static boolean isJdk(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
            return false;
        }
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.")
                || n.startsWith("sun.") || n.startsWith("com.sun.");
    }

    /**
     * Thrown by the writer when it meets a value {@link #reason} refuses or a class it cannot open;
     * carries the class, the reason and the path of fields that led there.
     */
    static final class Found extends RuntimeException {
        final Class<?> type;
        final String why;
        private final java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();

        Found(Class<?> type, String why) {
            super(type.getName() + ": " + why, null, false, false);
            this.type = type;
            this.why = why;
        }

        /** Notes that the value was reached through {@code segment} (outermost last). */
        Found at(String segment) {
            if (path.size() < 16) {
                path.addFirst(segment);
            }
            return this;
        }

        /** "java.net.Socket: a socket is … (at Result.conn)". */
        String describe() {
            return path.isEmpty() ? getMessage() : getMessage() + " (at " + String.join(" -> ", path) + ")";
        }
    }
}
