package kz.reentry.hub.edge;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

/**
 * Parses and validates each distinct document once: clients send the same few operations over and over,
 * and parsing and validating them again was 6-8 % of the hub's CPU per read. Keyed by the exact text
 * (and the locale the validation messages are written in), bounded, and by frequency, so a flood of
 * one-off documents does not push out the operations clients really use.
 * <p>
 * What still runs on every request, cached document or not: the depth and cost limits
 * ({@code MaxQueryDepthInstrumentation}, {@link OperationCost}), which graphql-java checks when the
 * operation begins because they depend on the variables (a page's {@code first}); and the alias limit
 * ({@link AliasLimit}), which depends on the text alone, so a text it refused never enters the cache
 * (the refusal is thrown out of validation) and a cached text has passed it.
 */
final class ParsedDocuments implements PreparsedDocumentProvider {

    private final Cache<Key, PreparsedDocumentEntry> entries;

    ParsedDocuments(long maximumSize) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    private record Key(String text, Locale locale) {
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Key key = new Key(input.getQuery(), input.getLocale());
        return CompletableFuture.completedFuture(entries.get(key, ignored -> parseAndValidate.apply(input)));
    }

    /** How many documents are held (for tests and the log). */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
