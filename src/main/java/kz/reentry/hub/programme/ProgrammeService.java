package kz.reentry.hub.programme;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import kz.reentry.hub.api.ForbiddenException;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.party.PartyRepository;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.stereotype.Service;

/** The rules of individual programmes: one active programme a person, measures with a responsible party and a deadline. */
@Service
class ProgrammeService {

    private static final Set<String> DOMAINS = Set.of("DOCUMENTS", "HOUSING", "EMPLOYMENT", "HEALTH", "EDUCATION",
            "BENEFITS", "FAMILY");

    private final ProgrammeRepository programmes;
    private final PersonLookup persons;
    private final PartyRepository parties;
    private final CallerScopes scopes;
    private final ProgrammeDeliveries deliveries;

    ProgrammeService(ProgrammeRepository programmes, PersonLookup persons, PartyRepository parties, CallerScopes scopes,
                     ProgrammeDeliveries deliveries) {
        this.deliveries = deliveries;
        this.scopes = scopes;
        this.programmes = programmes;
        this.persons = persons;
        this.parties = parties;
    }

    /**
     * Draws up the person's programme; in the same transaction it goes to the akimat of the
     * destination (E2): to meet the open E2 duty of a person already released, or, drawn up before
     * the release, to the akimat of the chosen residence (order 392 cl. 43 ¶2).
     */
    Programme create(ProgrammeController.CreateProgrammeInput input, String endUser, String purpose) {
        Person person = persons.byId(input.personId(), "input.personId");
        programmes.activeProgrammeOf(person.id()).ifPresent(active -> {
            throw new InvalidArgumentException("input.personId", "programme.active",
                    "already has an active programme (" + active + "); add measures to it instead");
        });
        if (input.assessmentId() != null) {
            var assessment = programmes.assessmentsByIds(List.of(input.assessmentId())).get(input.assessmentId());
            if (assessment == null || !assessment.personId().equals(person.id())) {
                throw new InvalidArgumentException("input.assessmentId", "assessment.unknown",
                        "is not an assessment of this person");
            }
        }
        List<ProgrammeController.NewMeasureInput> measures = input.measures() == null ? List.of() : input.measures();
        for (int i = 0; i < measures.size(); i++) {
            check(measures.get(i), "input.measures[" + i + "]");
        }
        Caller caller = Caller.current();
        requireParty(caller.agency(), "token.agency");
        String id = programmes.create(person.id(), caller.agency(), input.assessmentId(),
                measures.stream().map(ProgrammeService::asNew).toList(), caller,
                tx -> deliveries.drawnUp(tx, person.id(), endUser, purpose, caller.client()));
        return programmes.programmesByIds(List.of(id)).get(id);
    }

    Programme close(String programmeId, String note) {
        Programme programme = activeProgramme(programmeId, "id");
        if (note == null || note.isBlank()) {
            throw new InvalidArgumentException("note", "required", "say why the programme is closed");
        }
        programmes.close(programme.id(), note.strip(), Caller.current());
        return programmes.programmesByIds(List.of(programme.id())).get(programme.id());
    }

    Measure addMeasure(ProgrammeController.AddMeasureInput input) {
        Programme programme = activeProgramme(input.programmeId(), "input.programmeId");
        check(input.measure(), "input.measure");
        return programmes.addMeasure(programme.id(), asNew(input.measure()), Caller.current());
    }

    /**
     * The responsible party moves its own measure, even for a person it does not otherwise see (an
     * employment centre named in an akimat's programme); whoever may write programmes may also
     * re-plan any measure of a person in its rows. Every change is kept with who made it.
     */
    Measure updateMeasure(ProgrammeController.UpdateMeasureInput input) {
        Caller caller = Caller.current();
        // a HEALTH measure the caller may not know of is as absent as a missing one (HealthScope)
        Measure measure = programmes.measuresByIds(List.of(input.measureId()), scopes.currentHealthScope())
                .get(input.measureId());
        boolean responsible = measure != null && caller.agency().equals(measure.responsibleCode());
        Programme programme = measure == null ? null : responsible
                ? programmes.programmesByIds(List.of(measure.programmeId())).get(measure.programmeId())
                : visibleProgramme(measure.programmeId());
        if (programme == null) {
            throw new NotFoundException("No measure with id " + input.measureId());
        }
        requireActive(programme, "input.measureId");
        if (!responsible && !caller.hasRole("PROGRAMME_WRITE")) {
            throw new ForbiddenException("only the responsible party or a programme author may change this measure");
        }
        MeasureStatus status = input.status() == null ? measure.status() : input.status();
        if (status != measure.status() && !measure.status().canMoveTo(status)) {
            throw new InvalidArgumentException("input.status", "measure.transition",
                    "a measure that is " + measure.status() + " cannot become " + status);
        }
        if (input.responsible() != null) {
            requireParty(input.responsible(), "input.responsible");
        }
        if (status == MeasureStatus.DECLINED && (input.note() == null || input.note().isBlank())) {
            throw new InvalidArgumentException("input.note", "required", "say why the measure was declined");
        }
        return programmes.updateMeasure(measure.id(), status,
                input.deadline() == null ? measure.deadline() : input.deadline(),
                input.responsible() == null ? measure.responsibleCode() : input.responsible(), input.note(), caller);
    }

    Assessment recordAssessment(ProgrammeController.RecordAssessmentInput input) {
        Person person = persons.byId(input.personId(), "input.personId");
        if (input.riskScore() < 0 || input.riskScore() > 100) {
            throw new InvalidArgumentException("input.riskScore", "range", "must be between 0 and 100");
        }
        if (input.assessedOn().isAfter(LocalDate.now())) {
            throw new InvalidArgumentException("input.assessedOn", "date.future", "must not be in the future");
        }
        if (input.instrument().isBlank()) {
            throw new InvalidArgumentException("input.instrument", "required", "must not be blank");
        }
        Caller caller = Caller.current();
        requireParty(caller.agency(), "token.agency");
        return programmes.recordAssessment(person.id(), caller.agency(), input.assessedOn(), input.instrument().strip(),
                input.riskScore(), input.riskLevel(), input.needs(), caller);
    }

    private Programme activeProgramme(String programmeId, String argument) {
        Programme programme = visibleProgramme(programmeId);
        if (programme == null) {
            throw new NotFoundException("No programme with id " + programmeId);
        }
        return requireActive(programme, argument);
    }

    /** The programme, or null when there is none or its person is outside the caller's rows (non-disclosure). */
    private Programme visibleProgramme(String programmeId) {
        Programme programme = programmes.programmesByIds(List.of(programmeId)).get(programmeId);
        return programme != null && persons.isVisible(programme.personId()) ? programme : null;
    }

    private static Programme requireActive(Programme programme, String argument) {
        if (!programme.status().equals("ACTIVE")) {
            throw new InvalidArgumentException(argument, "programme.closed", "the programme is closed");
        }
        return programme;
    }

    private void check(ProgrammeController.NewMeasureInput measure, String path) {
        if (!DOMAINS.contains(measure.domain())) {
            throw new InvalidArgumentException(path + ".domain", "enum", "is not a measure domain");
        }
        if (measure.description() == null || measure.description().isBlank()) {
            throw new InvalidArgumentException(path + ".description", "required", "must say what is to be done");
        }
        if (measure.deadline().isBefore(LocalDate.now())) {
            throw new InvalidArgumentException(path + ".deadline", "date.past", "must not be in the past");
        }
        requireParty(measure.responsible(), path + ".responsible");
    }

    private void requireParty(String code, String argument) {
        if (code == null || parties.findByCodes(List.of(code)).isEmpty()) {
            throw new InvalidArgumentException(argument, "party.unknown",
                    "'" + code + "' is not a party known to the hub (agency, NGO or institution code)");
        }
    }

    private static ProgrammeRepository.NewMeasure asNew(ProgrammeController.NewMeasureInput input) {
        return new ProgrammeRepository.NewMeasure(input.domain(), input.description().strip(), input.responsible(),
                input.deadline());
    }
}
