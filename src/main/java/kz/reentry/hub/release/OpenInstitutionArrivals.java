package kz.reentry.hub.release;

import java.time.LocalDate;
import java.util.List;

import kz.reentry.hub.api.ForbiddenException;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.obligation.Deadlines;
import kz.reentry.hub.obligation.Obligation;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.party.InstitutionRepository;
import kz.reentry.hub.party.InstitutionType;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.territory.RegionRepository;
import org.neo4j.driver.Driver;
import org.springframework.stereotype.Service;

/**
 * Belarus, MVD resolution No. 15 (2017), the rules of open-type correctional institutions (ИУОТ): a
 * convict who arrives at an ИУОТ is received and registered by it (cl. 15, 18: the decision on
 * registration, appendix 1-1) and has the medical examination within three working days after arrival
 * (cl. 19). Order 392's duties (E1, E2) are Kazakh law and do not apply in Belarus; these are the duties the
 * hub can follow there, as far as the graph holds the arrival. Belarus's penal system (ДИН and its
 * directorates) records the arrival and each step; the duties are owed by the ИУОТ and counted in
 * Belarus's working days. Clause 18 sets no term for the registration: the hub takes the reception it
 * describes (cl. 15) to be the day of arrival, or the first working day after it when the convict arrives
 * on a day off.
 */
@Service
class OpenInstitutionArrivals {

    static final String JURISDICTION = "BY";
    /** Resolution 15, cl. 19. */
    static final int MEDICAL_EXAMINATION_WORKING_DAYS = 3;

    private final Driver driver;
    private final PersonLookup persons;
    private final RegionRepository regions;
    private final InstitutionRepository institutions;
    private final ObligationRepository obligations;
    private final Deadlines deadlines;
    private final CallerScopes scopes;

    OpenInstitutionArrivals(Driver driver, PersonLookup persons, RegionRepository regions, InstitutionRepository institutions,
                            ObligationRepository obligations, Deadlines deadlines, CallerScopes scopes) {
        this.driver = driver;
        this.persons = persons;
        this.regions = regions;
        this.institutions = institutions;
        this.obligations = obligations;
        this.deadlines = deadlines;
        this.scopes = scopes;
    }

    record ArrivalInput(String personId, String institution, String institutionName, String region, LocalDate arrivedOn) {
    }

    enum Step {
        REGISTRATION(ObligationKind.BY_OPEN_INSTITUTION_REGISTRATION),
        MEDICAL_EXAMINATION(ObligationKind.BY_OPEN_INSTITUTION_MEDICAL_EXAMINATION);

        final ObligationKind kind;

        Step(ObligationKind kind) {
            this.kind = kind;
        }
    }

    record StepInput(String personId, Step step, LocalDate on) {
    }

    /** The arrival: the ИУОТ (filed as reported, as E5 files institutions) owes the registration and the examination. */
    List<Obligation> arrive(ArrivalInput input) {
        Person person = persons.byId(input.personId(), "input.personId");
        requireBelarusPenalSystem();
        Region region = regions.require("input.region", input.region());
        if (!JURISDICTION.equals(region.jurisdiction())) {
            throw new InvalidArgumentException("input.region", "region.jurisdiction",
                    "resolution No. 15 is Belarus's: the ИУОТ must be in a region of Belarus, not " + region.code());
        }
        if (input.arrivedOn().isAfter(LocalDate.now())) {
            throw new InvalidArgumentException("input.arrivedOn", "dates.future", "is in the future");
        }
        var known = institutions.findByCodes(List.of(input.institution())).get(input.institution());
        if ((known == null && institutions.isOtherPartysCode(input.institution()))
                || (known != null && !region.code().equals(known.regionCode()))) {
            throw new InvalidArgumentException("input.institution", "institution.conflict",
                    "names a party the hub holds elsewhere, not an ИУОТ of " + region.code());
        }
        String base = person.id() + "/R15/" + input.institution() + "/" + input.arrivedOn();
        LocalDate registrationDue = deadlines.workingDaysAfter(JURISDICTION, input.arrivedOn().minusDays(1), 1);
        LocalDate examinationDue = deadlines.workingDaysAfter(JURISDICTION, input.arrivedOn(), MEDICAL_EXAMINATION_WORKING_DAYS);
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                institutions.fileAsReported(tx, input.institution(), input.institutionName(), region.code(),
                        InstitutionType.OPEN_TYPE.name(), null);
                obligations.open(tx, base + "/REGISTRATION", ObligationKind.BY_OPEN_INSTITUTION_REGISTRATION, person.id(),
                        input.institution(), region.code(), registrationDue);
                obligations.open(tx, base + "/MEDICAL_EXAMINATION", ObligationKind.BY_OPEN_INSTITUTION_MEDICAL_EXAMINATION,
                        person.id(), input.institution(), region.code(), examinationDue);
            });
        }
        return List.of(obligations.byId(base + "/REGISTRATION").orElseThrow(),
                obligations.byId(base + "/MEDICAL_EXAMINATION").orElseThrow());
    }

    /**
     * A step done: the person's open duty of that kind is met. As everywhere, a person outside the caller's
     * rows is NOT_FOUND first; a caller who sees the person but is not Belarus's penal system is FORBIDDEN.
     */
    Obligation recordStep(StepInput input) {
        Person person = persons.byId(input.personId(), "input.personId");
        requireBelarusPenalSystem();
        if (input.on().isAfter(LocalDate.now())) {
            throw new InvalidArgumentException("input.on", "dates.future", "is in the future");
        }
        Obligation duty = obligations.openOf(person.id(), input.step().kind)
                .orElseThrow(() -> new NotFoundException("No open " + input.step() + " of this person at an ИУОТ"));
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> obligations.meet(tx, duty.id()));
        }
        return obligations.byId(duty.id()).orElseThrow();
    }

    private void requireBelarusPenalSystem() {
        Caller caller = Caller.current();
        if (!"PENAL_SYSTEM".equals(scopes.partyKind(caller)) || !JURISDICTION.equals(scopes.currentJurisdiction())) {
            throw new ForbiddenException("arrivals at open-type institutions (resolution No. 15) are recorded by Belarus's"
                    + " penal system");
        }
    }
}
