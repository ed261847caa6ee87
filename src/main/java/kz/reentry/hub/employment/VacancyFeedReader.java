package kz.reentry.hub.employment;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;

import kz.reentry.hub.exchange.FieldError;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The records of a vacancy feed one at a time, read from the body as it arrives, so a feed of any
 * length takes the memory of one record. Three forms, by Content-Type: {@code application/json}, an
 * array of objects or one object per line (JSON lines, also {@code application/x-ndjson}); and
 * {@code text/csv} with a header row naming the fields ({@link VacancyRecords#FIELDS}), separated by
 * commas or semicolons (as the header is), Jackson CSV. A UTF-8 byte order mark is skipped; bytes the
 * charset (UTF-8 unless the Content-Type names another) cannot decode stop the feed.
 * <p>
 * A record that cannot be read as a vacancy (a line that is not a JSON object, a CSV row with another
 * number of values than the header, more than {@link #MAX_RECORD_CHARS} characters) comes as a record
 * with its reason, to be dead-lettered while the rest go on; text after which nothing can be read
 * (broken JSON in an array, an unclosed quote) stops the feed ({@link Broken}), and what came before stands.
 */
final class VacancyFeedReader implements Iterator<VacancyFeedReader.FeedRecord>, Closeable {

    /** A record (all its text) larger than this is not a vacancy but an attack or a broken feed. */
    static final int MAX_RECORD_CHARS = 64 * 1024;
    /** How much of an oversized record a dead letter keeps. */
    private static final int KEPT_OF_OVERSIZED = 1024;

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_RECORD_CHARS)
                            .maxNestingDepth(16).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            // an element of an array is read where it stands, the rest of the array after it
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** A line of JSON lines holds one object and nothing after it. */
    private static final ObjectReader LINE = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final CsvMapper CSV = CsvMapper.builder(CsvFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_RECORD_CHARS).build()).build())
            .enable(CsvReadFeature.WRAP_AS_ARRAY).enable(CsvReadFeature.SKIP_EMPTY_LINES).build();

    /** One record as read: its fields, or why it could not be read; {@code payload} is what a dead letter keeps. */
    record FeedRecord(long place, ObjectNode fields, String payload, FieldError unreadable) {

        /** The vacancy id the record gives as text, if any: two records of one vacancy are applied in turn. */
        String vacancyId() {
            JsonNode id = fields == null ? null : fields.get("id");
            return id != null && (id.isString() || id.isNumber()) ? id.asString().strip() : null;
        }
    }

    /** Nothing can be read after this point of the feed; the records before it were read. */
    static final class Broken extends RuntimeException {

        private final transient FieldError error;

        Broken(FieldError error, Throwable cause) {
            super(error.message(), cause);
            this.error = error;
        }

        FieldError error() {
            return error;
        }
    }

    /** The feed is refused before any record is read: its form or its header. */
    static final class Refused extends RuntimeException {

        private final int status;
        private final transient List<FieldError> errors;

        Refused(int status, List<FieldError> errors) {
            super(errors.getFirst().message());
            this.status = status;
            this.errors = List.copyOf(errors);
        }

        Refused(int status, FieldError error) {
            this(status, List.of(error));
        }

        int status() {
            return status;
        }

        List<FieldError> errors() {
            return errors;
        }
    }

    /** One form of feed: the next record, or null at the end. */
    private interface Source extends Closeable {
        FeedRecord next(long place) throws IOException;
    }

    private final Source source;
    private final Charset charset;
    private long place;
    private FeedRecord next;
    private boolean done;

    private VacancyFeedReader(Source source, Charset charset) {
        this.source = source;
        this.charset = charset;
    }

    /**
     * The feed's records; refuses (415) a Content-Type that is not JSON or CSV, and (400) an empty feed,
     * one that is neither a JSON array nor JSON objects, or a CSV header that names no vacancy's fields.
     */
    static VacancyFeedReader open(InputStream body, String contentType) throws IOException {
        MimeType type = mimeType(contentType);
        Charset charset = charset(type);
        Reader text = decoded(body, charset);
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        try {
            Source source = switch (subtype) {
                case "csv" -> csv(text);
                case "x-ndjson", "ndjson", "jsonl", "x-jsonlines" -> new JsonLines(text);
                default -> json(text);
            };
            return new VacancyFeedReader(source, charset);
        } catch (IOException | RuntimeException e) {
            text.close();
            throw e;
        }
    }

    private static MimeType mimeType(String contentType) {
        List<String> accepted = List.of("application/json", "application/x-ndjson", "text/csv");
        try {
            MimeType type = contentType == null ? null : MimeType.valueOf(contentType);
            if (type != null && Set.of("application/json", "application/x-ndjson", "application/ndjson",
                    "application/jsonl", "application/x-jsonlines", "text/csv").contains(
                    (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT))) {
                return type;
            }
        } catch (InvalidMimeTypeException e) {
            // answered below
        }
        throw new Refused(415, new FieldError("Content-Type", "feed.contentType",
                "a vacancy feed is sent as one of " + accepted + ", not " + contentType));
    }

    private static Charset charset(MimeType type) {
        try {
            return type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
        } catch (RuntimeException e) {
            throw new Refused(415, new FieldError("Content-Type", "feed.charset",
                    "names a charset the hub does not know: " + type.getParameter("charset")));
        }
    }

    /** The text of the body, decoded strictly, after a UTF-8 byte order mark if there is one. */
    private static Reader decoded(InputStream body, Charset charset) throws IOException {
        var in = new PushbackInputStream(body, 3);
        byte[] head = in.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        if (!bom || !charset.equals(StandardCharsets.UTF_8)) {
            in.unread(head);
        }
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 64 * 1024);
    }

    /** A JSON array of objects, or JSON objects one per line: the first character decides. */
    private static Source json(Reader text) throws IOException {
        var reader = new PushbackReader(text, 1);
        int first = reader.read();
        while (first != -1 && Character.isWhitespace(first)) {
            first = reader.read();
        }
        if (first == -1) {
            throw new Refused(400, new FieldError("$", "feed.empty", "the feed holds no vacancy"));
        }
        reader.unread(first);
        if (first == '[') {
            return new JsonArray(reader);
        }
        if (first == '{') {
            return new JsonLines(reader);
        }
        throw new Refused(400, new FieldError("$", "json",
                "a vacancy feed in JSON is an array of vacancies, or one vacancy (a JSON object) per line"));
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = source.next(place + 1);
            } catch (CharacterCodingException e) {
                throw new Broken(new FieldError("$", "feed.encoding", "the feed has bytes that are not " + charset
                        + " near record " + (place + 1) + " (" + e.getMessage() + "); it was read up to record " + place), e);
            } catch (IOException e) {
                throw new Broken(new FieldError("$", "feed.read", "the feed could not be read after record " + place
                        + ": " + e.getMessage()), e);
            }
            if (next == null) {
                done = true;
            } else {
                place++;
            }
        }
        return next != null;
    }

    @Override
    public FeedRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FeedRecord current = next;
        next = null;
        return current;
    }

    /** How many records were read so far. */
    long read() {
        return place;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private static Broken broken(String rule, long place, JacksonException e) {
        var location = e.getLocation();
        String where = location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return new Broken(new FieldError("$", rule, "the feed cannot be read after record " + (place - 1) + where + ": "
                + e.getOriginalMessage() + "; nothing after it was read"), e);
    }

    /** {@code [ {...}, {...} ]}: one element at a time from the token stream. */
    private static final class JsonArray implements Source {

        private final Reader reader;
        private final JsonParser parser;

        JsonArray(Reader reader) {
            this.reader = reader;
            this.parser = JSON.createParser(reader);
            parser.nextToken();
        }

        @Override
        public FeedRecord next(long place) throws IOException {
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    if (parser.nextToken() != null) {
                        throw new Broken(new FieldError("$", "json", "there is more after the array of vacancies"), null);
                    }
                    return null;
                }
                if (token == null) {
                    throw new Broken(new FieldError("$", "json", "the array of vacancies is not closed"), null);
                }
                JsonNode node = JSON.readTree(parser);
                if (node instanceof ObjectNode object) {
                    return new FeedRecord(place, object, object.toString(), null);
                }
                return new FeedRecord(place, null, String.valueOf(node), new FieldError("$", "json",
                        "a vacancy is a JSON object, not " + node.getNodeType().name().toLowerCase(Locale.ROOT)));
            } catch (JacksonException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw broken("json", place, e);
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
            reader.close();
        }
    }

    /** One JSON object per line; a line that is not one is a record of its own that cannot be read. */
    private static final class JsonLines implements Source {

        private final Reader reader;

        JsonLines(Reader reader) {
            this.reader = reader;
        }

        @Override
        public FeedRecord next(long place) throws IOException {
            while (true) {
                Line line = Line.read(reader);
                if (line == null) {
                    return null;
                }
                if (line.text().isBlank()) {
                    continue;
                }
                if (line.oversized()) {
                    return oversized(place, line.text());
                }
                try {
                    JsonNode node = LINE.readTree(line.text());
                    if (node instanceof ObjectNode object) {
                        return new FeedRecord(place, object, line.text(), null);
                    }
                    return new FeedRecord(place, null, line.text(), new FieldError("$", "json",
                            "a line of the feed is one vacancy, a JSON object"));
                } catch (JacksonException e) {
                    return new FeedRecord(place, null, line.text(), new FieldError("$", "json",
                            "the line is not a JSON object: " + e.getOriginalMessage()));
                }
            }
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** A line of text, or its first characters when it is longer than a record may be. */
    private record Line(String text, boolean oversized) {

        static Line read(Reader reader) throws IOException {
            StringBuilder text = new StringBuilder();
            boolean oversized = false;
            int c = reader.read();
            if (c == -1) {
                return null;
            }
            while (c != -1 && c != '\n') {
                if (text.length() < MAX_RECORD_CHARS) {
                    text.append((char) c);
                } else {
                    oversized = true;
                }
                c = reader.read();
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) == '\r') {
                text.setLength(text.length() - 1);
            }
            return new Line(text.toString(), oversized);
        }
    }

    private static FeedRecord oversized(long place, String text) {
        return new FeedRecord(place, null, text.substring(0, Math.min(text.length(), KEPT_OF_OVERSIZED)) + "…",
                new FieldError("$", "record.size", "a record of more than " + MAX_RECORD_CHARS
                        + " characters is not a vacancy (the dead letter keeps its beginning)"));
    }

    /** CSV with a header row of field names, comma or semicolon separated as the header is. */
    private static Source csv(Reader text) throws IOException {
        var reader = text instanceof BufferedReader buffered ? buffered : new BufferedReader(text);
        reader.mark(MAX_RECORD_CHARS + 2);
        Line first = Line.read(reader);
        if (first != null && first.oversized()) {
            throw new Refused(400, new FieldError("header", "csv.header", "the header row is longer than "
                    + MAX_RECORD_CHARS + " characters"));
        }
        reader.reset();
        if (first == null || first.text().isBlank()) {
            throw new Refused(400, new FieldError("header", "feed.empty", "the feed holds no header row and no vacancy"));
        }
        char separator = count(first.text(), ';') > count(first.text(), ',') ? ';' : ',';
        MappingIterator<String[]> rows;
        String[] header;
        try {
            rows = CSV.readerFor(String[].class).with(CsvSchema.emptySchema().withColumnSeparator(separator))
                    .readValues(reader);
            header = rows.hasNextValue() ? rows.nextValue() : new String[0];
        } catch (JacksonException e) {
            throw new Refused(400, new FieldError("header", "csv", "the header row cannot be read: " + e.getOriginalMessage()));
        }
        return new Csv(reader, rows, checkedHeader(header));
    }

    private static String[] checkedHeader(String[] header) {
        String[] names = Arrays.stream(header).map(name -> name == null ? "" : name.replace("\uFEFF", "").strip())
                .toArray(String[]::new);
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!VacancyRecords.FIELDS.contains(name)) {
                errors.add(new FieldError("header", "csv.header", "'" + name + "' is not a field of a vacancy; the fields are "
                        + VacancyRecords.FIELDS));
            } else if (!seen.add(name)) {
                errors.add(new FieldError("header", "csv.header", "'" + name + "' is named twice"));
            }
        }
        for (String required : List.of("id", "status")) {
            if (!seen.contains(required)) {
                errors.add(new FieldError("header", "csv.header", "the header must name '" + required + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw new Refused(400, errors);
        }
        return names;
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }

    /** Rows after the header, each as a JSON object of the named fields that have a value. */
    private static final class Csv implements Source {

        private final Reader reader;
        private final MappingIterator<String[]> rows;
        private final String[] header;

        Csv(Reader reader, MappingIterator<String[]> rows, String[] header) {
            this.reader = reader;
            this.rows = rows;
            this.header = header;
        }

        @Override
        public FeedRecord next(long place) throws IOException {
            String[] row;
            try {
                if (!rows.hasNextValue()) {
                    return null;
                }
                row = rows.nextValue();
            } catch (JacksonException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw broken("csv", place, e);
            }
            ObjectNode fields = JSON.createObjectNode();
            for (int i = 0; i < Math.min(row.length, header.length); i++) {
                if (row[i] != null && !row[i].isEmpty()) {
                    fields.put(header[i], row[i]);
                }
            }
            if (row.length != header.length) {
                ObjectNode kept = fields.deepCopy();
                if (row.length > header.length) {
                    var extra = kept.putArray("csvExtraValues");
                    Arrays.stream(row, header.length, row.length).forEach(extra::add);
                }
                return new FeedRecord(place, null, kept.toString(), new FieldError("$", "csv.columns",
                        "the row has " + row.length + " values and the header " + header.length + " fields"));
            }
            return new FeedRecord(place, fields, fields.toString(), null);
        }

        @Override
        public void close() throws IOException {
            rows.close();
            reader.close();
        }
    }
}
