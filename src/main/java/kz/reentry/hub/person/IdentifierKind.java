package kz.reentry.hub.person;

import java.util.Optional;

/** Kinds of identifiers, each with the shape its value must have. */
public enum IdentifierKind {
    KZ_IIN {
        @Override
        public Optional<Iin.Problem> check(String number) {
            return Iin.check(number);
        }
    },
    /** 7 digits, region letter, 3 digits, 2 letters, check digit (for example 3010185A001PB1). */
    BY_PERSONAL_NUMBER {
        @Override
        public Optional<Iin.Problem> check(String number) {
            return number != null && number.matches("\\d{7}[A-Z]\\d{3}[A-Z]{2}\\d")
                    ? Optional.empty()
                    : Optional.of(new Iin.Problem("byPersonalNumber.format",
                    "must be 14 characters: 7 digits, a letter, 3 digits, 2 letters and a digit"));
        }
    },
    PASSPORT {
        @Override
        public Optional<Iin.Problem> check(String number) {
            return number != null && number.matches("[0-9A-Z]{5,12}")
                    ? Optional.empty()
                    : Optional.of(new Iin.Problem("passport.format", "must be 5 to 12 capital letters or digits"));
        }
    };

    /** What is wrong with a number of this kind, if anything. */
    public abstract Optional<Iin.Problem> check(String number);

    /** The key an identity of this kind and value is stored and looked up by. */
    public String key(String value) {
        return name() + ":" + value;
    }

    /** The value an identifier is looked up by: the number, with its series in front where there is one. */
    public static String value(String series, String number) {
        return series == null || series.isBlank() ? number : series.strip() + " " + number;
    }
}
