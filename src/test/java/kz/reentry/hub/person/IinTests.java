package kz.reentry.hub.person;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IinTests {

    @Test
    @DisplayName("an IIN whose check digit comes from the first weights is valid")
    void firstPassCheckDigit() {
        assertThat(Iin.check("900101300007")).isEmpty();
    }

    @Test
    @DisplayName("an IIN whose first pass gives 10 takes its check digit from the second weights")
    void secondPassCheckDigit() {
        assertThat(Iin.checkDigit("90010130081")).isEqualTo(1);
        assertThat(Iin.check("900101300811")).isEmpty();
    }

    @ParameterizedTest(name = "9001013008{0}")
    @ValueSource(strings = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"})
    @DisplayName("no check digit makes 90010130080x valid, because both passes give 10")
    void neverValid(String last) {
        assertThat(Iin.check("90010130080" + last)).get().extracting(Iin.Problem::rule).isEqualTo("iin.checksum");
    }

    @ParameterizedTest(name = "{0} breaks {1}")
    @CsvSource({
            "90010130000,   iin.format",
            "9001013000071, iin.format",
            "90010130000A,  iin.format",
            "900101700007,  iin.century",
            "900101000007,  iin.century",
            "901301300007,  iin.birthDate",
            "900230300007,  iin.birthDate",
            "900101300005,  iin.checksum"
    })
    @DisplayName("a malformed IIN is refused with the rule it breaks")
    void malformed(String iin, String rule) {
        assertThat(Iin.check(iin)).get().extracting(Iin.Problem::rule).isEqualTo(rule);
    }

    @Test
    @DisplayName("the birth date and sex come from the digits: century digit 3 is a man of the 1900s, 6 a woman of the 2000s")
    void birthDateAndSex() {
        Iin man = Iin.of("900101300007");
        assertThat(man.birthDate()).isEqualTo(LocalDate.of(1990, 1, 1));
        assertThat(man.sex()).isEqualTo(Sex.MALE);

        Iin woman = Iin.of("050607600008");
        assertThat(woman.birthDate()).isEqualTo(LocalDate.of(2005, 6, 7));
        assertThat(woman.sex()).isEqualTo(Sex.FEMALE);
    }
}
