package kz.reentry.hub.employment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.reentry.hub.person.Transliteration;

/**
 * How well an open vacancy suits a person, and why (docs/exchanges/e4.md, "How matches are ranked").
 * Four criteria, each scored 0 to 1 and explained in words, weighted into one score:
 * <ul>
 *   <li>speciality (0.45): the person's specialities and qualifications against the vacancy's speciality
 *       and position, word by word after folding both to Latin letters and cutting Russian endings (сварщика
 *       meets сварщик: 1; a word inside another, сварщик in электросварщик: 0.8);</li>
 *   <li>qualification (0.2): the worker grade (разряд) the person's texts give against the one asked;</li>
 *   <li>territory (0.25): the preferred district 1, elsewhere in the destination region 0.6, in the
 *       preferred district's region 0.4, elsewhere 0;</li>
 *   <li>conditions (0.1): the employer takes people with a record 1, does not say 0.5 (those that do not
 *       take them are never suggested).</li>
 * </ul>
 * Vacancies of the person's own territory come first, then by score; those of other regions follow
 * (read only when the territory gives fewer than asked). A person with specialities is suggested only
 * vacancies that meet one of them; one the hub knows none for, any vacancy, saying so.
 */
final class VacancyMatching {

    static final double SPECIALITY = 0.45;
    static final double QUALIFICATION = 0.2;
    static final double TERRITORY = 0.25;
    static final double CONDITIONS = 0.1;

    /** Words that say nothing of a trade (grades, categories, joining words), as folded stems. */
    private static final Set<String> NOT_A_TRADE = Set.of("razriad", "razr", "kategori", "grade", "level", "urovn",
            "uroven", "dengei", "sanat", "dlia", "bez", "opyt", "opyta", "rabot", "rabota");
    /** Endings cut off a folded word so that forms of one word meet (сварщика, сварщиком, сварщик). */
    private static final List<String> ENDINGS = List.of("iami", "ami", "ykh", "ikh", "ogo", "ego", "omu", "emu", "oi",
            "ei", "om", "em", "ov", "ev", "ia", "iu", "a", "e", "i", "o", "u", "y");
    private static final Pattern GRADE = Pattern.compile(
            "(\\d{1,2})\\s*(?:-?\\s*(?:го|й|ого|ый|ий|th|nd|rd|st))?\\s*(?:разряд|разр\\.|grade|level|уровень|деңгей)"
                    + "|(?:разряд|grade|level|уровень|деңгей)\\s*(\\d{1,2})");

    private VacancyMatching() {
    }

    /**
     * What the hub knows of the person for matching, each value only if the caller may see its field.
     *
     * @param terms                   specialities and qualifications, each as written
     * @param destinationRegion       the region the person goes to; null when unknown
     * @param preferredDistrict       the district code the person would like to work in; null when none or not a code
     * @param preferredDistrictRegion that district's region
     */
    record Seeker(List<String> terms, String destinationRegion, String preferredDistrict, String preferredDistrictRegion) {

        Seeker {
            terms = terms.stream().map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
        }

        /** The regions whose vacancies are candidates; empty when the hub knows neither. */
        List<String> regions() {
            List<String> regions = new ArrayList<>();
            if (destinationRegion != null) {
                regions.add(destinationRegion);
            }
            if (preferredDistrictRegion != null && !regions.contains(preferredDistrictRegion)) {
                regions.add(preferredDistrictRegion);
            }
            return regions;
        }
    }

    record Reason(MatchCriterion criterion, double score, String text) {
    }

    enum MatchCriterion {
        SPECIALITY, QUALIFICATION, TERRITORY, CONDITIONS
    }

    /** @param local whether the vacancy lies in the person's territory (ranked before the rest) */
    record Scored(Vacancy vacancy, double score, boolean local, List<Reason> reasons) {
    }

    /** The best {@code first} vacancies for the person, best first. */
    static List<Scored> rank(Seeker seeker, List<Vacancy> candidates, int first) {
        return candidates.stream().map(v -> score(seeker, v)).flatMap(Optional::stream)
                .sorted(Comparator.comparing(Scored::local).reversed()
                        .thenComparing(Comparator.comparingDouble(Scored::score).reversed())
                        .thenComparing(s -> s.vacancy().openedOn(), Comparator.reverseOrder())
                        .thenComparing(s -> s.vacancy().id()))
                .limit(first).toList();
    }

    /** Empty when the vacancy is not for the person: another trade, or no people with a record taken. */
    static Optional<Scored> score(Seeker seeker, Vacancy vacancy) {
        if (Boolean.FALSE.equals(vacancy.acceptsCriminalRecord())) {
            return Optional.empty();
        }
        Reason speciality = speciality(seeker, vacancy);
        if (!seeker.terms().isEmpty() && speciality.score() == 0) {
            return Optional.empty();
        }
        Reason qualification = qualification(seeker, vacancy);
        Reason territory = territory(seeker, vacancy);
        Reason conditions = Boolean.TRUE.equals(vacancy.acceptsCriminalRecord())
                ? new Reason(MatchCriterion.CONDITIONS, 1, "accepts people with a criminal record")
                : new Reason(MatchCriterion.CONDITIONS, 0.5, "criminal-record conditions not stated");
        double score = SPECIALITY * speciality.score() + QUALIFICATION * qualification.score()
                + TERRITORY * territory.score() + CONDITIONS * conditions.score();
        return Optional.of(new Scored(vacancy, Math.round(score * 100) / 100.0, territory.score() > 0,
                List.of(speciality, qualification, territory, conditions)));
    }

    private static Reason speciality(Seeker seeker, Vacancy vacancy) {
        if (seeker.terms().isEmpty()) {
            return new Reason(MatchCriterion.SPECIALITY, 0, "speciality: the hub knows none for this person");
        }
        List<String> offered = new ArrayList<>();
        if (vacancy.speciality() != null) {
            offered.add(vacancy.speciality());
        }
        offered.add(vacancy.position());
        double best = 0;
        String personTerm = null;
        String vacancyTerm = null;
        for (String term : seeker.terms()) {
            for (String asked : offered) {
                double similarity = similarity(term, asked);
                if (similarity > best) {
                    best = similarity;
                    personTerm = term;
                    vacancyTerm = asked;
                }
            }
        }
        if (best == 0) {
            return new Reason(MatchCriterion.SPECIALITY, 0, "speciality: none of the person's meets " + offered.getFirst());
        }
        return new Reason(MatchCriterion.SPECIALITY, best, best == 1 ? "speciality: " + personTerm
                : "speciality: " + personTerm + " ≈ " + vacancyTerm);
    }

    /** The best match of a word of one text with a word of the other. */
    static double similarity(String a, String b) {
        double best = 0;
        for (String x : stems(a)) {
            for (String y : stems(b)) {
                best = Math.max(best, wordSimilarity(x, y));
            }
        }
        return best;
    }

    private static double wordSimilarity(String x, String y) {
        if (x.equals(y)) {
            return 1;
        }
        String shorter = x.length() <= y.length() ? x : y;
        String longer = shorter == x ? y : x;
        return shorter.length() >= 5 && longer.contains(shorter) ? 0.8 : 0;
    }

    /** The words of a text that can name a trade, folded to Latin and cut to their stems. */
    static List<String> stems(String text) {
        return Transliteration.searchTokens(text).stream()
                .filter(word -> word.length() >= 3 && !word.chars().allMatch(Character::isDigit))
                .map(VacancyMatching::stem)
                .filter(stem -> !NOT_A_TRADE.contains(stem))
                .distinct().toList();
    }

    private static String stem(String word) {
        for (String ending : ENDINGS) {
            if (word.endsWith(ending) && word.length() - ending.length() >= 4) {
                return word.substring(0, word.length() - ending.length());
            }
        }
        return word;
    }

    private static Reason qualification(Seeker seeker, Vacancy vacancy) {
        Integer grade = seeker.terms().stream().map(VacancyMatching::grade).flatMap(Optional::stream)
                .max(Integer::compare).orElse(null);
        Integer asked = vacancy.qualificationLevel();
        if (asked == null) {
            return new Reason(MatchCriterion.QUALIFICATION, 1, "qualification: no grade asked");
        }
        if (grade == null) {
            return new Reason(MatchCriterion.QUALIFICATION, 0.5,
                    "qualification: grade " + asked + " asked; the person's grade is not known");
        }
        return grade >= asked
                ? new Reason(MatchCriterion.QUALIFICATION, 1, "qualification: grade " + grade + ", " + asked + " asked")
                : new Reason(MatchCriterion.QUALIFICATION, 0.25, "qualification: grade " + grade + ", below the " + asked + " asked");
    }

    /** The worker grade a text names: "4 разряда", "4-го разряда", "разряд 4", "grade 4". */
    static Optional<Integer> grade(String text) {
        Matcher matcher = GRADE.matcher(text.toLowerCase(Locale.ROOT));
        Integer best = null;
        while (matcher.find()) {
            int grade = Integer.parseInt(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            if (grade >= 1 && grade <= 8 && (best == null || grade > best)) {
                best = grade;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Reason territory(Seeker seeker, Vacancy vacancy) {
        if (seeker.preferredDistrict() != null && seeker.preferredDistrict().equals(vacancy.districtCode())) {
            return new Reason(MatchCriterion.TERRITORY, 1, "same district " + vacancy.districtCode());
        }
        if (vacancy.regionCode().equals(seeker.destinationRegion())) {
            return new Reason(MatchCriterion.TERRITORY, 0.6, "region " + vacancy.regionCode());
        }
        if (vacancy.regionCode().equals(seeker.preferredDistrictRegion())) {
            return new Reason(MatchCriterion.TERRITORY, 0.4, "region " + vacancy.regionCode() + " of the preferred district "
                    + seeker.preferredDistrict());
        }
        if (seeker.destinationRegion() == null) {
            return new Reason(MatchCriterion.TERRITORY, 0, "region " + vacancy.regionCode() + "; the person's destination is not known");
        }
        return new Reason(MatchCriterion.TERRITORY, 0, "another region: " + vacancy.regionCode());
    }
}
