package org.kizuna.store.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the journal's lines from a byte offset. Splits on the LF byte only (never part of a
 * multi-byte UTF-8 sequence; a CR or U+2028 inside a record is escaped anyway), so offsets stay
 * exact for tailing.
 */
final class JournalScan {

    /** Receives each complete line (without its LF) and the offset it starts at. */
    interface Lines {
        void line(String text, long at) throws IOException;
    }

    private JournalScan() {
    }

    /**
     * Hands every complete line from {@code from} to {@code lines}.
     *
     * @return the offset just past the last LF: bytes after it are a torn line, unless a writer is
     *         still writing (callers hold the lock, so none is)
     */
    static long complete(FileChannel channel, long from, Lines lines) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        byte[] line = new byte[256];
        int length = 0;
        long position = from;
        long lineStart = from;
        while (true) {
            chunk.clear();
            int n = channel.read(chunk, position);
            if (n <= 0) {
                return lineStart;
            }
            byte[] bytes = chunk.array();
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    lines.line(new String(line, 0, length, StandardCharsets.UTF_8), lineStart);
                    length = 0;
                    lineStart = position + i + 1;
                } else {
                    if (length == line.length) {
                        line = Arrays.copyOf(line, line.length * 2);
                    }
                    line[length++] = bytes[i];
                }
            }
            position += n;
        }
    }
}
