package kz.reentry.hub.reconciliation;

import java.time.LocalDate;
import java.util.List;

import kz.reentry.hub.disclosure.AboutPersons;

/** A person some sources list and others do not; reading any of it is a disclosure about that person. */
public record Discrepancy(String personId, String iin, String surname, String givenName, String patronymic,
                          LocalDate birthDate, List<ReconciliationSource> listedBy,
                          List<ReconciliationSource> missingFrom) implements AboutPersons {

    @Override
    public List<String> personIds() {
        return List.of(personId != null ? personId : "iin:" + iin);
    }
}
