package kz.reentry.hub.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads the records of a batch file one at a time, so a file of any length takes the memory of one
 * record. The text comes decoded from {@link BatchFileContent}. CSV: a header row of field paths ({@code person.iin, custody.termEnd...}). XML: one
 * element per record, its children named like the JSON fields; DOCTYPEs are refused, so neither
 * external entities nor entity-expansion bombs are ever read.
 */
final class BatchFileRecords implements Iterator<Map<String, String>>, AutoCloseable {

    /** A record (all its text) larger than this is not a record but an attack or a broken file. */
    static final int MAX_RECORD_CHARS = 64 * 1024;

    private final Reader reader;
    private final Iterator<Map<String, String>> records;

    private BatchFileRecords(Reader reader, Iterator<Map<String, String>> records) {
        this.reader = reader;
        this.records = records;
    }

    /** The records of a file's text (see {@link BatchFileContent}), closing the reader when done. */
    static BatchFileRecords open(Reader text, BatchFileContent.Kind kind, String recordElement) throws IOException {
        Reader reader = text instanceof BufferedReader ? text : new BufferedReader(text, 64 * 1024);
        try {
            return new BatchFileRecords(reader, kind == BatchFileContent.Kind.XML ? xml(reader, recordElement) : csv(reader));
        } catch (RuntimeException | XMLStreamException e) {
            reader.close();
            throw new IOException("Cannot read the file: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public Map<String, String> next() {
        return records.next();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Iterator<Map<String, String>> csv(Reader reader) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        MappingIterator<Map> rows = new CsvMapper().readerFor(Map.class).with(schema).readValues(reader);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNextValue();
            }

            @Override
            public Map<String, String> next() {
                Map<String, String> row = rows.nextValue();
                int size = row.values().stream().mapToInt(value -> value == null ? 0 : value.length()).sum();
                if (size > MAX_RECORD_CHARS) {
                    throw new IllegalStateException("a row of more than " + MAX_RECORD_CHARS + " characters");
                }
                return row;
            }
        };
    }

    private static Iterator<Map<String, String>> xml(Reader reader, String recordElement) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(reader);
        return new Iterator<>() {
            private Map<String, String> next = advance();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map<String, String> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Map<String, String> current = next;
                next = advance();
                return current;
            }

            private Map<String, String> advance() {
                try {
                    while (xml.hasNext()) {
                        int event = xml.next();
                        refuseEntities(event);
                        if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals(recordElement)) {
                            return record();
                        }
                    }
                    return null;
                } catch (XMLStreamException e) {
                    throw new IllegalStateException("malformed XML at line " + e.getLocation().getLineNumber()
                            + ": " + e.getMessage(), e);
                }
            }

            /** The record's leaf elements as paths below the record element. */
            private Map<String, String> record() throws XMLStreamException {
                Map<String, String> values = new LinkedHashMap<>();
                Deque<String> path = new ArrayDeque<>();
                StringBuilder text = new StringBuilder();
                int size = 0;
                while (xml.hasNext()) {
                    int event = xml.next();
                    refuseEntities(event);
                    switch (event) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            path.addLast(xml.getLocalName());
                            text.setLength(0);
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                            size += xml.getTextLength();
                            if (size > MAX_RECORD_CHARS) {
                                throw new IllegalStateException("a record of more than " + MAX_RECORD_CHARS + " characters");
                            }
                            text.append(xml.getText());
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            if (path.isEmpty()) {
                                return values;
                            }
                            if (!text.isEmpty()) {
                                values.put(String.join(".", path), text.toString());
                            }
                            text.setLength(0);
                            path.removeLast();
                        }
                        default -> {
                        }
                    }
                }
                throw new IllegalStateException("the file ends inside a <" + recordElement + ">");
            }

            private void refuseEntities(int event) {
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE
                        || event == XMLStreamConstants.ENTITY_DECLARATION) {
                    throw new IllegalStateException("DOCTYPE and entities are not accepted in batch files");
                }
            }
        };
    }

    /** SHA-256 of the file's bytes, read as a stream. */
    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            var digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
