package kz.reentry.hub.release;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.exchange.RecordRejectedException;
import kz.reentry.hub.party.InstitutionRepository;
import kz.reentry.hub.person.Iin;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.stereotype.Component;

/** The domain rules a well-formed release record must keep before it may touch the graph. */
@Component("releaseRecordValidator")
public class ReleaseRecordValidator {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** No one is born before this, and no term ends this far ahead: a date outside is a typo (9999). */
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final int LATEST_YEARS_AHEAD = 50;
    /** How the penal system codes its institutions: УК-161/2, UK-161-2, ЛА-155/14, OV-2. */
    private static final Pattern INSTITUTION_CODE =
            Pattern.compile("[A-ZА-ЯЁ]{2,5}(-[A-ZА-ЯЁ]{2,5})?-\\d{1,4}([-/]\\d{1,4})?");

    private final RegionRepository regions;
    private final InstitutionRepository institutions;

    ReleaseRecordValidator(RegionRepository regions, InstitutionRepository institutions) {
        this.regions = regions;
        this.institutions = institutions;
    }

    public ReleaseRecord validate(ReleaseRecord record) {
        return validateInGroup(record, institutions::isOtherPartysCode);
    }

    /**
     * {@link #validate} with the question whether a code is another party's answered by the caller:
     * a batch file's group asks the graph once per code, not once per record (E5 records never make a
     * code another party's, so the answer holds for the group).
     */
    ReleaseRecord validateInGroup(ReleaseRecord record, java.util.function.Predicate<String> otherPartysCode) {
        List<FieldError> errors = new ArrayList<>();
        checkPerson(record.person(), errors);
        checkDates(record, errors);
        checkDatesPlausible(record, errors);
        checkReleaseEvent(record.release(), errors);
        checkInstitution(record.institution().code(), otherPartysCode, errors);
        checkRegion("institution.region", record.institution().region(), errors);
        checkRegion("release.residenceRegion", record.release().residenceRegion(), errors);
        checkDistrict(record.release(), errors);
        if (!errors.isEmpty()) {
            throw new RecordRejectedException(record.messageId(), errors);
        }
        return record;
    }

    private static void checkPerson(ReleaseRecord.PersonData person, List<FieldError> errors) {
        checkName("person.surname", person.surname(), errors);
        checkName("person.givenName", person.givenName(), errors);
        checkName("person.patronymic", person.patronymic(), errors);
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

    private static void checkName(String field, String name, List<FieldError> errors) {
        if (name != null && !TextRules.isName(name)) {
            errors.add(new FieldError(field, "name.letters", "must be written in Cyrillic or Latin letters,"
                    + " words joined by a space, a hyphen or an apostrophe, not '" + name + "'"));
        }
    }

    private void checkDatesPlausible(ReleaseRecord record, List<FieldError> errors) {
        LocalDate today = LocalDate.now();
        LocalDate birth = record.person().birthDate();
        if (birth.isAfter(today)) {
            errors.add(new FieldError("person.birthDate", "dates.future", "is " + birth + ", which has not come yet"));
        } else if (birth.isBefore(EARLIEST_BIRTH)) {
            errors.add(new FieldError("person.birthDate", "dates.range", "is " + birth + ", before " + EARLIEST_BIRTH));
        }
        LocalDate latest = today.plusYears(LATEST_YEARS_AHEAD);
        var custody = record.custody();
        checkNotBeyond("custody.termEnd", custody.termEnd(), latest, errors);
        checkNotBeyond("custody.formalParoleDate", custody.formalParoleDate(), latest, errors);
        checkNotBeyond("release.date", record.release().date(), latest, errors);
    }

    /** A release reported as happened has happened; supervision set at release ends after it. */
    private static void checkReleaseEvent(ReleaseRecord.ReleaseData release, List<FieldError> errors) {
        if (release.happened() && release.date().isAfter(LocalDate.now())) {
            errors.add(new FieldError("release.date", "dates.future", "is " + release.date()
                    + ", which has not come yet, but release.status says RELEASED (send PLANNED for a release ahead)"));
        }
        LocalDate supervisionUntil = release.administrativeSupervisionUntil();
        if (supervisionUntil != null && !release.happened()) {
            errors.add(new FieldError("release.administrativeSupervisionUntil", "release.status",
                    "is given only with release.status RELEASED: a court sets supervision at release"));
        } else if (supervisionUntil != null && !supervisionUntil.isAfter(release.date())) {
            errors.add(new FieldError("release.administrativeSupervisionUntil", "dates.order",
                    "is " + supervisionUntil + ", not after the release (" + release.date() + ")"));
        }
    }

    private static void checkNotBeyond(String field, LocalDate date, LocalDate latest, List<FieldError> errors) {
        if (date != null && date.isAfter(latest)) {
            errors.add(new FieldError(field, "dates.range", "is " + date + ", more than " + LATEST_YEARS_AHEAD
                    + " years ahead (at most " + latest + ")"));
        }
    }

    /**
     * An institution the hub does not know yet is created from the record, so its code must look like
     * one and must not be the code of another party (an agency, an NGO): that would merge two parties.
     */
    private static void checkInstitution(String code, java.util.function.Predicate<String> otherPartysCode,
                                         List<FieldError> errors) {
        if (!INSTITUTION_CODE.matcher(code).matches()) {
            errors.add(new FieldError("institution.code", "institution.code",
                    "must be an institution code of the penal system such as UK-161-2 or УК-161/2, not '" + code + "'"));
        } else if (otherPartysCode.test(code)) {
            errors.add(new FieldError("institution.code", "institution.code.taken",
                    "'" + code + "' is the code of an agency or NGO, not of an institution"));
        }
    }

    private void checkDistrict(ReleaseRecord.ReleaseData release, List<FieldError> errors) {
        String district = release.residenceDistrict();
        if (district != null && !regions.districtOf(district, release.residenceRegion())) {
            errors.add(new FieldError("release.residenceDistrict", "district.unknown", "'" + district
                    + "' is not a district of " + release.residenceRegion() + " in the hub's reference data (such as KZ-75-BOS)"));
        }
    }

    private void checkRegion(String field, String code, List<FieldError> errors) {
        if (!regions.exists(code)) {
            errors.add(new FieldError(field, "region.unknown",
                    "'" + code + "' is not a region code of the hub's reference data (ISO 3166-2, such as KZ-75)"));
        }
    }
}
