package kz.reentry.hub.exchange;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * What a dropped batch file holds and how it is read, or why it is refused. Its name says the kind:
 * {@code .csv} or {@code .xml}, each optionally gzip-compressed ({@code .csv.gz}, {@code .xml.gz}),
 * in any letter case; any other file is refused. Its text is decoded strictly (see
 * {@link StrictDecodingReader}) in the charset that its BOM names (UTF-8, UTF-16 or UTF-32, either
 * byte order); without a BOM, an XML file in the encoding its declaration names (UTF-8 if it names
 * none), a CSV file in the channel's charset ({@code hub.intake.batch-charset}). At most
 * {@code maxBytes} are read, inflated ones included, so a gzip bomb is refused at the limit.
 */
final class BatchFileContent {

    enum Kind { CSV, XML }

    static final String ACCEPTED_NAMES = ".csv, .xml, .csv.gz or .xml.gz";

    private static final Pattern ENCODING_DECLARATION =
            Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");
    private static final int HEAD = 1024;

    private final Path file;
    private final Kind kind;
    private final boolean gzip;
    private final Charset channelCharset;
    private final long maxBytes;

    private BatchFileContent(Path file, Kind kind, boolean gzip, Charset channelCharset, long maxBytes) {
        this.file = file;
        this.kind = kind;
        this.gzip = gzip;
        this.channelCharset = channelCharset;
        this.maxBytes = maxBytes;
    }

    /** The file's kind from its name; refused when the name is none the channel reads. */
    static BatchFileContent of(Path file, Charset channelCharset, long maxBytes) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = name.endsWith(".gz");
        String inner = gzip ? name.substring(0, name.length() - 3) : name;
        Kind kind = inner.endsWith(".csv") ? Kind.CSV : inner.endsWith(".xml") ? Kind.XML : null;
        if (kind == null) {
            throw new IOException("not a file the E5 batch channel reads: the name must end in " + ACCEPTED_NAMES
                    + " (ZIP archives and other files are not read: one file is one batch, sent as it is or gzip-compressed)");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new IOException("the file is empty (0 bytes): there is nothing to read");
        }
        if (size > maxBytes) {
            throw new IOException("the file is " + size + " bytes; at most " + maxBytes
                    + " are accepted (hub.intake.batch-max-size)");
        }
        return new BatchFileContent(file, kind, gzip, channelCharset, maxBytes);
    }

    Kind kind() {
        return kind;
    }

    /**
     * Reads the whole file once before any record of it is filed, so a file that cannot be read to
     * its end (bytes its charset cannot decode, too large once inflated, no data) is refused whole.
     */
    void check() throws IOException {
        if (kind == Kind.CSV && !channelCharset.equals(StandardCharsets.UTF_8)) {
            try (var bytes = bytes()) {
                if (encoding(bytes).bom() == 0 && isUtf8WithNonAscii(bytes)) {
                    throw new IOException("the file is UTF-8 without a BOM, but this channel reads CSV without a BOM as "
                            + channelCharset.name() + " (hub.intake.batch-charset): start the file with a UTF-8 BOM, or write it in "
                            + channelCharset.name());
                }
            }
        }
        try (var bytes = bytes()) {
            Encoding encoding = encoding(bytes);
            boolean data = false;
            try (Reader text = new StrictDecodingReader(bytes, encoding.charset(), encoding.bom(), encoding.described())) {
                char[] buffer = new char[16 * 1024];
                for (int read = text.read(buffer); read >= 0; read = text.read(buffer)) {
                    for (int i = 0; i < read && !data; i++) {
                        data = !Character.isWhitespace(buffer[i]);
                    }
                }
            }
            if (!data) {
                throw new IOException("the file is empty: it holds no data" + (encoding.bom() > 0 ? " after its BOM" : ""));
            }
        }
    }

    /** The file's text from its start (after the BOM), decoded strictly. */
    Reader open() throws IOException {
        var bytes = bytes();
        try {
            Encoding encoding = encoding(bytes);
            return new StrictDecodingReader(bytes, encoding.charset(), encoding.bom(), encoding.described());
        } catch (IOException | RuntimeException e) {
            bytes.close();
            throw e;
        }
    }

    /** The file's bytes, inflated when gzip-compressed, never more than the limit; marked at the start. */
    private BufferedInputStream bytes() throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream content = raw;
            if (gzip) {
                content = new Limited(new GZIPInputStream(raw, 64 * 1024), maxBytes);
            }
            var buffered = new BufferedInputStream(content, 64 * 1024);
            buffered.mark(HEAD);
            byte[] head = buffered.readNBytes(2);
            buffered.reset();
            if (!gzip && head.length == 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
                throw new IOException("the file is gzip-compressed: name it " + file.getFileName() + ".gz");
            }
            return buffered;
        } catch (ZipException e) {
            raw.close();
            throw new IOException("not a gzip file: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The charset, from the BOM, the XML declaration or the channel; leaves the stream after the BOM. */
    private Encoding encoding(BufferedInputStream bytes) throws IOException {
        bytes.mark(HEAD);
        byte[] head = bytes.readNBytes(HEAD);
        bytes.reset();
        Encoding fromBom = Encoding.fromBom(head);
        if (fromBom != null) {
            bytes.skipNBytes(fromBom.bom());
        }
        if (kind == Kind.CSV) {
            return fromBom != null ? fromBom : new Encoding(channelCharset, 0,
                    channelCharset.name() + " (this channel's charset for CSV without a BOM, hub.intake.batch-charset)");
        }
        if (fromBom == null && startsWith(head, 0x3C, 0x00, 0x3F, 0x00)) {
            return new Encoding(StandardCharsets.UTF_16LE, 0, "UTF-16LE (its XML declaration's bytes)");
        }
        if (fromBom == null && startsWith(head, 0x00, 0x3C, 0x00, 0x3F)) {
            return new Encoding(StandardCharsets.UTF_16BE, 0, "UTF-16BE (its XML declaration's bytes)");
        }
        Charset headCharset = fromBom != null ? fromBom.charset() : StandardCharsets.ISO_8859_1;
        int from = fromBom != null ? fromBom.bom() : 0;
        String start = new String(head, from, head.length - from, headCharset);
        var declared = ENCODING_DECLARATION.matcher(start);
        if (!declared.find()) {
            return fromBom != null ? fromBom : new Encoding(StandardCharsets.UTF_8, 0,
                    "UTF-8 (an XML file that declares no encoding and has no BOM)");
        }
        Charset charset;
        try {
            charset = Charset.forName(declared.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IOException("its XML declaration names the encoding '" + declared.group(1) + "', which the hub does not know");
        }
        if (fromBom != null) {
            boolean agrees = charset.equals(fromBom.charset())
                    || charset.equals(StandardCharsets.UTF_16) && fromBom.charset().name().startsWith("UTF-16")
                    || charset.name().equals("UTF-32") && fromBom.charset().name().startsWith("UTF-32");
            if (!agrees) {
                throw new IOException("its BOM says " + fromBom.charset().name() + " but its XML declaration says "
                        + declared.group(1));
            }
            return fromBom;
        }
        return new Encoding(charset, 0, charset.name() + " (declared in its XML declaration)");
    }

    /**
     * Whether the rest of the stream is valid UTF-8 and not plain ASCII: text in a single-byte Cyrillic
     * charset such as windows-1251 practically never is, so such a file was written in UTF-8.
     */
    private static boolean isUtf8WithNonAscii(InputStream in) throws IOException {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        boolean nonAscii = false;
        boolean end = false;
        while (!end) {
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (read < 0) {
                end = true;
            } else {
                for (int i = bytes.position(); i < bytes.position() + read && !nonAscii; i++) {
                    nonAscii = bytes.array()[i] < 0;
                }
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
            CoderResult result;
            do {
                chars.clear();
                result = decoder.decode(bytes, chars, end);
            } while (result.isOverflow());
            if (result.isError()) {
                return false;
            }
            bytes.compact();
        }
        return nonAscii;
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param bom       the length of the byte order mark the text starts after (0: none)
     * @param described the charset and how it was chosen, for a refusal
     */
    record Encoding(Charset charset, int bom, String described) {

        static Encoding fromBom(byte[] head) {
            if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
                return new Encoding(StandardCharsets.UTF_8, 3, "UTF-8 (its BOM)");
            }
            if (startsWith(head, 0xFF, 0xFE, 0x00, 0x00)) {
                return new Encoding(Charset.forName("UTF-32LE"), 4, "UTF-32LE (its BOM)");
            }
            if (startsWith(head, 0x00, 0x00, 0xFE, 0xFF)) {
                return new Encoding(Charset.forName("UTF-32BE"), 4, "UTF-32BE (its BOM)");
            }
            if (startsWith(head, 0xFF, 0xFE)) {
                return new Encoding(StandardCharsets.UTF_16LE, 2, "UTF-16LE (its BOM)");
            }
            if (startsWith(head, 0xFE, 0xFF)) {
                return new Encoding(StandardCharsets.UTF_16BE, 2, "UTF-16BE (its BOM)");
            }
            return null;
        }
    }

    /** Refuses to read past the limit: the inflated size of a gzip-compressed file. */
    private static final class Limited extends FilterInputStream {

        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > limit) {
                throw new IOException("the file inflates to more than " + limit
                        + " bytes, the most this channel accepts (hub.intake.batch-max-size)");
            }
        }
    }
}
