package kz.reentry.hub.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.AbortExecutionException;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ParsedDocumentsTests {

    private final AtomicInteger parsed = new AtomicInteger();
    private final Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate = input -> {
        parsed.incrementAndGet();
        return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
    };

    private static ExecutionInput input(String text, Locale locale) {
        return ExecutionInput.newExecutionInput(text).locale(locale).build();
    }

    @Test
    @DisplayName("the same text is parsed and validated once; another text, or the same in another locale, again")
    void onceForEachText() throws Exception {
        var documents = new ParsedDocuments(10);
        var first = documents.getDocumentAsync(input("{ a }", Locale.ENGLISH), parseAndValidate).get();
        var again = documents.getDocumentAsync(input("{ a }", Locale.ENGLISH), parseAndValidate).get();
        assertThat(again).isSameAs(first);
        assertThat(parsed).hasValue(1);

        documents.getDocumentAsync(input("{ b }", Locale.ENGLISH), parseAndValidate).get();
        // validation messages are written in the request's language: an entry per language
        documents.getDocumentAsync(input("{ a }", Locale.forLanguageTag("kk")), parseAndValidate).get();
        assertThat(parsed).hasValue(3);
        assertThat(documents.size()).isEqualTo(3);
    }

    @Test
    @DisplayName("a text refused while it is validated (the alias limit) is refused every time, never kept")
    void refusedTextsAreNotKept() {
        var documents = new ParsedDocuments(10);
        Function<ExecutionInput, PreparsedDocumentEntry> refusing = input -> {
            parsed.incrementAndGet();
            throw new AbortExecutionException("too many aliases");
        };
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> documents.getDocumentAsync(input("{ x: a y: a }", Locale.ENGLISH), refusing))
                    .isInstanceOf(AbortExecutionException.class);
        }
        assertThat(parsed).hasValue(2);
        assertThat(documents.size()).isZero();
    }

    @Test
    @DisplayName("bounded: a flood of distinct texts does not grow the cache past its size")
    void bounded() throws Exception {
        var documents = new ParsedDocuments(50);
        for (int i = 0; i < 1_000; i++) {
            documents.getDocumentAsync(input("{ f" + i + " }", Locale.ENGLISH), parseAndValidate).get();
        }
        assertThat(documents.size()).isLessThanOrEqualTo(50);
    }
}
