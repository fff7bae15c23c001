package dev.agentdbg.capture;

/** A captured byte[] (or ByteBuffer): its length and a copy of its first bytes. */
public final class BytesSnapshot extends Node {
    public final int length;
    public final byte[] head;

    public BytesSnapshot(String type, int length, byte[] head) {
        super(type);
        this.length = length;
        this.head = head;
    }
}
