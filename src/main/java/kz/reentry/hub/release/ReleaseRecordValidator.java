package kz.reentry.hub.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.exchange.RecordRejectedException;
import kz.reentry.hub.person.Iin;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.stereotype.Component;

/** The domain rules a well-formed release record must keep before it may touch the graph. */
@Component("releaseRecordValidator")
public class ReleaseRecordValidator {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final RegionRepository regions;

    ReleaseRecordValidator(RegionRepository regions) {
        this.regions = regions;
    }

    public ReleaseRecord validate(ReleaseRecord record) {
        List<FieldError> errors = new ArrayList<>();
        checkPerson(record.person(), errors);
        checkDates(record, errors);
        checkRegion("institution.region", record.institution().region(), errors);
        checkRegion("release.residenceRegion", record.release().residenceRegion(), errors);
        if (!errors.isEmpty()) {
            throw new RecordRejectedException(record.messageId(), errors);
        }
        return record;
    }

    private static void checkPerson(ReleaseRecord.PersonData person, List<FieldError> errors) {
        var problem = Iin.check(person.iin());
        if (problem.isPresent()) {
            errors.add(new FieldError("person.iin", problem.get().rule(), problem.get().message()));
        } else {
            Iin iin = new Iin(person.iin());
            if (!iin.birthDate().equals(person.birthDate())) {
                errors.add(new FieldError("person.birthDate", "iin.birthDate",
                        "is " + person.birthDate() + " but the IIN " + iin.value() + " encodes " + iin.birthDate()));
            }
        }
        if (!COUNTRIES.contains(person.citizenship())) {
            errors.add(new FieldError("person.citizenship", "country.code",
                    "must be an ISO 3166-1 alpha-2 country code such as KZ, not '" + person.citizenship() + "'"));
        }
    }

    private static void checkDates(ReleaseRecord record, List<FieldError> errors) {
        var custody = record.custody();
        if (custody.termStart().isAfter(custody.termEnd())) {
            errors.add(new FieldError("custody.termEnd", "dates.order",
                    "the term ends (" + custody.termEnd() + ") before it starts (" + custody.termStart() + ")"));
        }
        if (custody.formalParoleDate() != null && (custody.formalParoleDate().isBefore(custody.termStart())
                || custody.formalParoleDate().isAfter(custody.termEnd()))) {
            errors.add(new FieldError("custody.formalParoleDate", "dates.order",
                    "must lie within the term (" + custody.termStart() + " to " + custody.termEnd() + ")"));
        }
        if (record.release().date().isBefore(custody.termStart())) {
            errors.add(new FieldError("release.date", "dates.order",
                    "the release (" + record.release().date() + ") is before the term starts (" + custody.termStart() + ")"));
        }
        if (custody.termStart().isBefore(record.person().birthDate())) {
            errors.add(new FieldError("custody.termStart", "dates.order",
                    "the term starts (" + custody.termStart() + ") before the person was born"));
        }
    }

    private void checkRegion(String field, String code, List<FieldError> errors) {
        if (!regions.exists(code)) {
            errors.add(new FieldError(field, "region.unknown",
                    "'" + code + "' is not a region code of the hub's reference data (ISO 3166-2, such as KZ-75)"));
        }
    }
}
