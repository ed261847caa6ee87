package kz.reentry.hub.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;

/**
 * Decodes bytes into characters and refuses what the charset cannot decode, naming where it is (line
 * and byte offset), instead of putting replacement characters into names. A name filed as
 * "Ж�мабекова" would be wrong in every system the hub passes it on to.
 */
final class StrictDecodingReader extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final String described;
    private final ByteBuffer bytes = ByteBuffer.allocate(16 * 1024).flip();
    private final CharBuffer chars = CharBuffer.allocate(8 * 1024).flip();
    /** The offset in the file of the first byte still in the buffer. */
    private long consumed;
    private long line = 1;
    private boolean endOfInput;
    private boolean flushed;

    /**
     * @param startOffset how many bytes of the file come before {@code in} (a BOM)
     * @param described   the charset and how it was chosen, for the refusal
     */
    StrictDecodingReader(InputStream in, Charset charset, long startOffset, String described) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.consumed = startOffset;
        this.described = described;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    private boolean fill() throws IOException {
        if (flushed) {
            return false;
        }
        chars.clear();
        while (chars.position() == 0 && !flushed) {
            if (!endOfInput) {
                readMore();
            }
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                throw undecodable(result);
            }
            if (result.isOverflow()) {
                break;
            }
            if (endOfInput) {
                if (decoder.flush(chars).isOverflow()) {
                    break;
                }
                flushed = true;
            }
        }
        for (int i = 0; i < chars.position(); i++) {
            if (chars.get(i) == '\n') {
                line++;
            }
        }
        chars.flip();
        return chars.hasRemaining();
    }

    private void readMore() throws IOException {
        consumed += bytes.position();
        bytes.compact();
        int read = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private UndecodableException undecodable(CoderResult result) {
        long lineOfError = line;
        for (int i = 0; i < chars.position(); i++) {
            if (chars.get(i) == '\n') {
                lineOfError++;
            }
        }
        int length = Math.max(1, Math.min(result.length(), bytes.remaining()));
        byte[] bad = new byte[length];
        bytes.get(bytes.position(), bad);
        return new UndecodableException("cannot be read as " + described + ": byte" + (length > 1 ? "s " : " ")
                + HexFormat.ofDelimiter(" ").withPrefix("0x").withUpperCase().formatHex(bad) + " at line " + lineOfError
                + ", byte offset " + (consumed + bytes.position()));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The bytes of a file that its charset cannot decode. */
    static final class UndecodableException extends IOException {
        UndecodableException(String message) {
            super(message);
        }
    }
}
