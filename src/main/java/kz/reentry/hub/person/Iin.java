package kz.reentry.hub.person;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The Kazakh individual identification number (ИИН): YYMMDD birth date, a century-and-sex digit
 * (1/2 = 1800s male/female, 3/4 = 1900s, 5/6 = 2000s), four serial digits and a check digit.
 */
public record Iin(String value) {

    private static final int[] FIRST_WEIGHTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    private static final int[] SECOND_WEIGHTS = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};

    /** Why a string is not a valid IIN, in words a clerk can act on; empty when it is valid. */
    public static Optional<Problem> check(String candidate) {
        if (candidate == null || !candidate.matches("\\d{12}")) {
            return Optional.of(new Problem("iin.format", "must be exactly 12 digits"));
        }
        int centuryDigit = candidate.charAt(6) - '0';
        if (centuryDigit < 1 || centuryDigit > 6) {
            return Optional.of(new Problem("iin.century",
                    "the 7th digit (century and sex) must be 1 to 6, not " + centuryDigit));
        }
        if (birthDateOf(candidate).isEmpty()) {
            return Optional.of(new Problem("iin.birthDate",
                    "the first six digits are not a calendar date (YYMMDD)"));
        }
        int expected = checkDigit(candidate.substring(0, 11));
        if (expected == 10) {
            return Optional.of(new Problem("iin.checksum",
                    "no valid IIN exists for the first 11 digits " + candidate.substring(0, 11)));
        }
        if (expected != candidate.charAt(11) - '0') {
            return Optional.of(new Problem("iin.checksum",
                    "the check digit is " + candidate.charAt(11) + " but should be " + expected));
        }
        return Optional.empty();
    }

    public static Iin of(String candidate) {
        check(candidate).ifPresent(problem -> {
            throw new IllegalArgumentException("Invalid IIN: " + problem.message());
        });
        return new Iin(candidate);
    }

    public LocalDate birthDate() {
        return birthDateOf(value).orElseThrow();
    }

    public Sex sex() {
        return (value.charAt(6) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** Weights 1..11 mod 11; when that gives 10, weights 3..11,1,2 mod 11; a second 10 means no valid digit. */
    static int checkDigit(String elevenDigits) {
        int first = weightedSum(elevenDigits, FIRST_WEIGHTS) % 11;
        return first != 10 ? first : weightedSum(elevenDigits, SECOND_WEIGHTS) % 11;
    }

    private static int weightedSum(String digits, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += (digits.charAt(i) - '0') * weights[i];
        }
        return sum;
    }

    private static Optional<LocalDate> birthDateOf(String iin) {
        int centuryDigit = iin.charAt(6) - '0';
        int century = 1800 + 100 * ((centuryDigit - 1) / 2);
        try {
            return Optional.of(LocalDate.of(century + Integer.parseInt(iin.substring(0, 2)),
                    Integer.parseInt(iin.substring(2, 4)), Integer.parseInt(iin.substring(4, 6))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A broken IIN rule: a stable code for machines and a message for people. */
    public record Problem(String rule, String message) {
    }
}
