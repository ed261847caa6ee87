package kz.reentry.hub.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import kz.reentry.hub.Sha256;
import kz.reentry.hub.disclosure.DisclosureJournal;
import kz.reentry.hub.security.RequestContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.graphql.execution.ErrorType;

/**
 * Persisted queries in their strict form: only operations registered beforehand (the {@code .graphql}
 * files of a directory) are executed. A client sends either the registered text or, as Apollo's
 * clients do, only its SHA-256 in {@code extensions.persistedQuery.sha256Hash}. Anything else is
 * refused before it is parsed, so a stolen token cannot be used to explore the graph. Texts are
 * compared without leading and trailing whitespace, so a file's final newline does not matter.
 */
public final class TrustedDocuments implements PreparsedDocumentProvider {

    private final Map<String, String> textByHash;
    private final DisclosureJournal journal;
    private final ParsedDocuments parsed;

    private TrustedDocuments(Map<String, String> textByHash, DisclosureJournal journal, ParsedDocuments parsed) {
        this.textByHash = textByHash;
        this.journal = journal;
        this.parsed = parsed;
    }

    static TrustedDocuments load(String location, DisclosureJournal journal, ParsedDocuments parsed) throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources(location + "**/*.graphql");
        Map<String, String> texts = Stream.of(files).map(TrustedDocuments::read)
                .collect(Collectors.toUnmodifiableMap(Sha256::hex, text -> text, (a, b) -> a));
        if (texts.isEmpty()) {
            throw new IllegalStateException("Trusted documents are required, but " + location + " holds no .graphql file");
        }
        return new TrustedDocuments(texts, journal, parsed);
    }

    int size() {
        return textByHash.size();
    }

    /** The registered operation with this SHA-256 (hex, any letter case), if there is one. */
    public Optional<String> registered(String sha256) {
        return sha256 == null ? Optional.empty()
                : Optional.ofNullable(textByHash.get(sha256.toLowerCase(Locale.ROOT)));
    }

    /** The hash a request names in {@code extensions.persistedQuery.sha256Hash}, or null. */
    public static String requestedHash(Map<String, Object> extensions) {
        if (extensions != null && extensions.get("persistedQuery") instanceof Map<?, ?> persisted
                && persisted.get("sha256Hash") instanceof String hash) {
            return hash.toLowerCase(Locale.ROOT);
        }
        return null;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String hash = PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(input.getQuery())
                ? requestedHash(input.getExtensions()) : Sha256.hex(input.getQuery().strip());
        String text = hash == null ? null : textByHash.get(hash);
        if (text == null) {
            return CompletableFuture.completedFuture(refuse(input, hash));
        }
        ExecutionInput registered = input.transform(builder -> builder.query(text));
        return parsed.getDocumentAsync(registered, parseAndValidate);
    }

    private PreparsedDocumentEntry refuse(ExecutionInput input, String hash) {
        var context = input.getGraphQLContext();
        journal.refused(context.get(RequestContext.CLIENT), context.get(RequestContext.AGENCY),
                context.get(RequestContext.END_USER), context.get(RequestContext.PURPOSE),
                "operation not registered (sha256 " + hash + ")");
        return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST)
                .message("Only registered operations are accepted here; this one (sha256 " + hash + ") is not")
                .extensions(Map.of("rule", "edge.trusted-documents", "code", "PERSISTED_QUERY_NOT_FOUND"))
                .build());
    }

    private static String read(Resource file) {
        try {
            return file.getContentAsString(StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read trusted document " + file, e);
        }
    }
}
