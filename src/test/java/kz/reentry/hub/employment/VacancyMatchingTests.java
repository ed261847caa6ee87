package kz.reentry.hub.employment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How vacancies are scored and ranked for a person, and the words that explain it. */
class VacancyMatchingTests {

    private static final VacancyMatching.Seeker WELDER = new VacancyMatching.Seeker(
            List.of("электросварщик 4 разряда", "сварщик"), "KZ-75", "KZ-75-ALM", "KZ-75");

    @Test
    @DisplayName("forms of one word meet, a word inside another almost, other trades not at all")
    void specialities() {
        assertThat(VacancyMatching.similarity("сварщика", "Сварщик")).isEqualTo(1.0);
        assertThat(VacancyMatching.similarity("сварщик", "электрогазосварщик")).isEqualTo(0.8);
        assertThat(VacancyMatching.similarity("svarshchik", "сварщик")).as("Latin and Cyrillic meet").isEqualTo(1.0);
        assertThat(VacancyMatching.similarity("токарь", "сварщик")).isZero();
        assertThat(VacancyMatching.similarity("сварщик 4 разряда", "токарь 4 разряда")).as("grades name no trade").isZero();
    }

    @Test
    @DisplayName("the worker grade comes from the texts as the penal system writes them")
    void grades() {
        assertThat(VacancyMatching.grade("электросварщик 4 разряда")).contains(4);
        assertThat(VacancyMatching.grade("токарь 5-го разряда")).contains(5);
        assertThat(VacancyMatching.grade("разряд 3, водитель")).contains(3);
        assertThat(VacancyMatching.grade("сварщик")).isEmpty();
    }

    @Test
    @DisplayName("the preferred district first, then the rest of the region, then elsewhere; each with its reasons")
    void ranking() {
        var district = vacancy("V-1", "сварщик", 3, "KZ-75", "KZ-75-ALM", true);
        var region = vacancy("V-2", "сварщик", 3, "KZ-75", "KZ-75-BOS", null);
        var partial = vacancy("V-3", "электрогазосварщик", null, "KZ-75", null, true);
        var elsewhere = vacancy("V-4", "сварщик", null, "KZ-71", null, true);
        var noRecord = vacancy("V-5", "сварщик", null, "KZ-75", "KZ-75-ALM", false);
        var otherTrade = vacancy("V-6", "повар", null, "KZ-75", "KZ-75-ALM", true);

        var ranked = VacancyMatching.rank(WELDER, List.of(elsewhere, otherTrade, partial, noRecord, region, district), 10);

        assertThat(ranked).extracting(s -> s.vacancy().id()).containsExactly("V-1", "V-2", "V-3", "V-4");
        var best = ranked.getFirst();
        assertThat(best.score()).isEqualTo(1.0);
        assertThat(best.reasons()).extracting(VacancyMatching.Reason::text).containsExactly("speciality: сварщик",
                "qualification: grade 4, 3 asked", "same district KZ-75-ALM", "accepts people with a criminal record");
        assertThat(ranked.get(1).reasons()).extracting(VacancyMatching.Reason::text)
                .contains("region KZ-75", "criminal-record conditions not stated");
        assertThat(ranked.get(2).reasons().getFirst().text()).isEqualTo("speciality: сварщик ≈ электрогазосварщик");
        assertThat(ranked.get(3).local()).isFalse();
        assertThat(ranked.get(3).reasons()).extracting(VacancyMatching.Reason::text).contains("another region: KZ-71");
        assertThat(ranked).allSatisfy(s -> assertThat(s.score()).isBetween(0.0, 1.0));
    }

    @Test
    @DisplayName("a person the hub knows no speciality of is offered every vacancy of the territory, saying so")
    void noSpeciality() {
        var unknown = new VacancyMatching.Seeker(List.of(), "KZ-75", null, null);
        var ranked = VacancyMatching.rank(unknown, List.of(vacancy("V-1", "повар", 2, "KZ-75", null, true)), 10);
        assertThat(ranked).singleElement().satisfies(s -> assertThat(s.reasons()).extracting(VacancyMatching.Reason::text)
                .contains("speciality: the hub knows none for this person",
                        "qualification: grade 2 asked; the person's grade is not known"));
    }

    private static Vacancy vacancy(String id, String speciality, Integer level, String region, String district,
                                   Boolean acceptsRecord) {
        return new Vacancy(id, "ТОО «Работа»", speciality, speciality, null, level, region, district, 300_000L, "KZT",
                null, acceptsRecord, LocalDate.of(2026, 11, 1));
    }
}
