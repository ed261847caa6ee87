package kz.reentry.hub.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NameSimilarityTests {

    private static final List<String> SARSENBAEV_KAIRAT = Transliteration.searchTokens("Сәрсенбаев Қайрат");

    @Test
    @DisplayName("the exact name scores 1 in any script, with or without Kazakh letters")
    void exactName() {
        for (String query : List.of("Сәрсенбаев Қайрат", "Сарсенбаев Кайрат", "Sarsenbaev Kairat", "kairat sarsenbaev")) {
            assertThat(score(query, SARSENBAEV_KAIRAT, List.of())).as(query).isEqualTo(1.0);
        }
    }

    @Test
    @DisplayName("a typo costs its share of the word; a longer name covered only in part costs a little; the exact name ranks first")
    void ranking() {
        double exact = score("Sarsenbaev Kairat", SARSENBAEV_KAIRAT, List.of());
        double withPatronymic = score("Sarsenbaev Kairat", Transliteration.searchTokens("Сәрсенбаев Қайрат Ерланұлы"), List.of());
        double typo = score("Sarsenbaev Kairak", SARSENBAEV_KAIRAT, List.of());

        assertThat(withPatronymic).isEqualTo(0.9667);
        assertThat(typo).isEqualTo(0.9167);   // (1 + 5/6) / 2
        assertThat(exact).isGreaterThan(withPatronymic).isGreaterThan(typo);
    }

    @Test
    @DisplayName("a recorded spelling counts like the name itself")
    void variants() {
        var name = Transliteration.searchTokens("Исмаилов Рустам");
        var variant = Transliteration.searchTokens("Ismayilov Rustam");

        assertThat(score("Ismayilov Rustam", name, variant)).isEqualTo(1.0);
        assertThat(score("Ismayilov Rustam", name, List.of())).isLessThan(1.0);
    }

    @Test
    @DisplayName("the distance counts a swap of neighbouring letters as one edit, as Lucene's fuzzy match does")
    void distance() {
        assertThat(NameSimilarity.distance("kairat", "kiarat")).isEqualTo(1);
        assertThat(NameSimilarity.distance("kairat", "kairak")).isEqualTo(1);
        assertThat(NameSimilarity.distance("kairat", "")).isEqualTo(6);
        assertThat(NameSimilarity.similarity("kairat", "kairat")).isEqualTo(1.0);
    }

    private static double score(String query, List<String> name, List<String> variants) {
        return NameSimilarity.score(Transliteration.searchTokens(query), name, variants);
    }
}
