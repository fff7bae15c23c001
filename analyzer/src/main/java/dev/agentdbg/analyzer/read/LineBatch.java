package dev.agentdbg.analyzer.read;

/**
 * Lines of one file copied out of the {@link LineSource}, to be decoded on another thread while the next batch is
 * read. Bounded by line count and bytes, so the batches in flight keep the reader's memory small.
 */
final class LineBatch {

    static final int MAX_LINES = 512;
    static final int MAX_BYTES = 256 * 1024;

    private final byte[] data;
    private int used;
    private int count;
    private final int[] offsets = new int[MAX_LINES];
    private final int[] lengths = new int[MAX_LINES];
    private final long[] byteCounts = new long[MAX_LINES];
    private final long[] numbers = new long[MAX_LINES];
    private final boolean[] terminated = new boolean[MAX_LINES];

    private LineBatch(byte[] data) {
        this.data = data;
    }

    LineBatch() {
        this(new byte[MAX_BYTES]);
    }

    /** A line too long for a batch; decoded where it lies, without a copy, so a huge line costs its size once. */
    static boolean oversized(LineSource lines) {
        return lines.length() > MAX_BYTES;
    }

    /** A batch of the current line of {@code lines} alone, sharing its buffer: decode it before the next line. */
    static LineBatch of(LineSource lines) {
        LineBatch batch = new LineBatch(lines.bytes());
        batch.record(lines, 0);
        return batch;
    }

    /** Empties the batch for reuse: its buffers are most of a read's allocation otherwise. */
    void clear() {
        used = 0;
        count = 0;
    }

    /** Whether the current line of {@code lines} still fits, with its newline. */
    boolean fits(LineSource lines) {
        return count < MAX_LINES && used + lines.length() + 1 <= data.length;
    }

    /**
     * Copies the current line of {@code lines} and a newline after it: the batch reads like the file, so one parser
     * can go through its lines one after another (see {@link LineParser.Cursor}).
     */
    void add(LineSource lines) {
        System.arraycopy(lines.bytes(), 0, data, used, lines.length());
        record(lines, used);
        data[used++] = '\n';
    }

    /** Bytes of {@link #data()} in use: the lines and their newlines. */
    int used() {
        return used;
    }

    private void record(LineSource lines, int offset) {
        int length = lines.length();
        offsets[count] = offset;
        lengths[count] = length;
        byteCounts[count] = lines.byteCount();
        numbers[count] = lines.number();
        terminated[count] = lines.terminated();
        used += length;
        count++;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int size() {
        return count;
    }

    byte[] data() {
        return data;
    }

    int offset(int i) {
        return offsets[i];
    }

    int length(int i) {
        return lengths[i];
    }

    /** Bytes in the line as read; more than {@link #length} when the line was too long to keep. */
    long byteCount(int i) {
        return byteCounts[i];
    }

    long number(int i) {
        return numbers[i];
    }

    boolean terminated(int i) {
        return terminated[i];
    }
}
