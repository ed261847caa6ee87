package kz.reentry.hub.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import kz.reentry.hub.person.Iin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NationalDatasetTests {

    private final NationalDataset data = new NationalDataset(2026, 0.02);

    @Test
    @DisplayName("the same seed and scale give the same records and cases, another seed different ones")
    void deterministicBySeed() {
        var again = new NationalDataset(2026, 0.02);
        var other = new NationalDataset(7, 0.02);
        assertThat(IntStream.range(0, 200).allMatch(i -> data.record(i).equals(again.record(i))
                && data.caseFile(i).equals(again.caseFile(i)))).isTrue();
        assertThat(IntStream.range(0, 200).anyMatch(i -> !data.record(i).equals(other.record(i)))).isTrue();
    }

    @Test
    @DisplayName("every person has a valid and unique IIN and a Cyrillic name without Latin letters")
    void validUniqueIinsAndCyrillicNames() {
        Set<String> iins = new HashSet<>();
        for (int i = 0; i < data.size(); i++) {
            var person = (Map<?, ?>) data.record(i).get("person");
            String iin = (String) person.get("iin");
            assertThat(Iin.check(iin)).as(iin).isEmpty();
            assertThat(iins.add(iin)).as("unique " + iin).isTrue();
            assertThat(person.get("surname") + " " + person.get("givenName") + " " + person.get("patronymic"))
                    .doesNotContainPattern("[A-Za-z]");
        }
    }

    @Test
    @DisplayName("the cases hold programmes, referrals in every status, cases of the demo NGO and city districts")
    void casesCoverTheDomain() {
        Set<String> statuses = new HashSet<>();
        int programmes = 0;
        int demoNgoCases = 0;
        int districts = 0;
        for (int i = 0; i < data.size(); i++) {
            var file = data.caseFile(i);
            programmes += file.programme().isEmpty() ? 0 : 1;
            districts += file.district() == null ? 0 : 1;
            for (var referral : file.referrals()) {
                statuses.add(referral.path().getLast());
                demoNgoCases += referral.to().equals(NationalDataset.DEMO_NGO) ? 1 : 0;
            }
        }
        assertThat(statuses).containsExactlyInAnyOrderElementsOf(NationalDataset.REFERRAL_STATUSES);
        assertThat(programmes).isPositive();
        assertThat(demoNgoCases).isPositive();
        assertThat(districts).isPositive();
    }

    @Test
    @DisplayName("500 NGOs in all: 498 generated with unique codes, besides the two demo ones")
    void fiveHundredNgos() {
        Set<String> codes = new HashSet<>(Set.of(NationalDataset.DEMO_NGO, "NGO-KZ-71-0001"));
        IntStream.range(0, NationalDataset.ngos()).forEach(n -> codes.add(NationalDataset.ngoCode(n)));
        assertThat(codes).hasSize(NationalDataset.NGOS);
    }
}
