package kz.reentry.hub.programme;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import kz.reentry.hub.api.Batches;
import kz.reentry.hub.party.Party;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonRepository;
import kz.reentry.hub.reference.ReferencedRecords;
import kz.reentry.hub.security.CallerScopes;
import kz.reentry.hub.security.RequestContext;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class ProgrammeController {

    private final ProgrammeRepository programmes;
    private final ProgrammeService service;
    private final ReferencedRecords referenced;
    private final PersonRepository persons;
    private final CallerScopes scopes;

    ProgrammeController(ProgrammeRepository programmes, ProgrammeService service, ReferencedRecords referenced,
                        PersonRepository persons, CallerScopes scopes) {
        this.persons = persons;
        this.scopes = scopes;
        this.programmes = programmes;
        this.service = service;
        this.referenced = referenced;
    }

    @QueryMapping
    @PreAuthorize("hasRole('PERSON_READ')")
    Programme programme(@Argument String id) {
        Programme programme = programmes.programmesByIds(List.of(id)).get(id);
        // a programme of a person outside the caller's rows is as absent as the person
        return programme == null || persons.findByIds(List.of(programme.personId())).isEmpty() ? null : programme;
    }

    @MutationMapping
    @PreAuthorize("hasRole('PROGRAMME_WRITE')")
    Programme createProgramme(@Argument CreateProgrammeInput input,
                              @ContextValue(name = RequestContext.END_USER, required = false) String endUser,
                              @ContextValue(name = RequestContext.PURPOSE, required = false) String purpose) {
        return service.create(input, endUser, purpose);
    }

    @MutationMapping
    @PreAuthorize("hasRole('PROGRAMME_WRITE')")
    Programme closeProgramme(@Argument String id, @Argument String note) {
        return service.close(id, note);
    }

    @MutationMapping
    @PreAuthorize("hasRole('PROGRAMME_WRITE')")
    Measure addMeasure(@Argument AddMeasureInput input) {
        return service.addMeasure(input);
    }

    @MutationMapping
    @PreAuthorize("hasRole('MEASURE_UPDATE') or hasRole('PROGRAMME_WRITE')")
    Measure updateMeasure(@Argument UpdateMeasureInput input) {
        return service.updateMeasure(input);
    }

    @MutationMapping
    @PreAuthorize("hasRole('PROGRAMME_WRITE')")
    Assessment recordAssessment(@Argument RecordAssessmentInput input) {
        return service.recordAssessment(input);
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<Programme>> programmes(List<Person> personList) {
        return Batches.matched(personList, Person::id, programmes.programmesOf(Batches.keys(personList, Person::id)));
    }

    @BatchMapping(typeName = "Person")
    Map<Person, List<Assessment>> assessments(List<Person> personList) {
        return Batches.matched(personList, Person::id, programmes.assessmentsOf(Batches.keys(personList, Person::id)));
    }

    @BatchMapping
    Map<Programme, Person> person(List<Programme> list) {
        return referenced.persons(list, Programme::personId);
    }

    @BatchMapping
    Map<Programme, Party> drawnUpBy(List<Programme> list) {
        return referenced.parties(list, Programme::drawnUpByCode);
    }

    @BatchMapping
    Map<Programme, Assessment> basedOn(List<Programme> list) {
        return Batches.matched(list, Programme::assessmentId, programmes.assessmentsByIds(
                Batches.keys(list, Programme::assessmentId).stream().filter(Objects::nonNull).toList()));
    }

    @BatchMapping
    Map<Programme, List<Measure>> measures(List<Programme> list) {
        return Batches.matched(list, Programme::id, programmes.measuresOf(Batches.keys(list, Programme::id),
                scopes.currentHealthScope()));
    }

    @BatchMapping
    Map<Programme, ProgrammeProgress> progress(List<Programme> list) {
        // counted over the measures the caller sees, so that no count tells of a hidden HEALTH measure
        var measures = programmes.measuresOf(Batches.keys(list, Programme::id), scopes.currentHealthScope());
        Map<Programme, ProgrammeProgress> progress = new LinkedHashMap<>();
        list.forEach(p -> progress.put(p, ProgrammeProgress.of(measures.get(p.id()), LocalDate.now())));
        return progress;
    }

    @BatchMapping
    Map<Measure, Party> responsible(List<Measure> list) {
        return referenced.parties(list, Measure::responsibleCode);
    }

    @BatchMapping
    Map<Measure, List<MeasureUpdate>> history(List<Measure> list) {
        return Batches.matched(list, Measure::id, programmes.historyOf(Batches.keys(list, Measure::id)));
    }

    @BatchMapping
    Map<Assessment, Party> assessedBy(List<Assessment> list) {
        return referenced.parties(list, Assessment::assessedByCode);
    }

    record CreateProgrammeInput(String personId, String assessmentId, List<NewMeasureInput> measures) {
    }

    record NewMeasureInput(String domain, String description, String responsible, LocalDate deadline) {
    }

    record AddMeasureInput(String programmeId, NewMeasureInput measure) {
    }

    record UpdateMeasureInput(String measureId, MeasureStatus status, LocalDate deadline, String responsible, String note) {
    }

    record RecordAssessmentInput(String personId, LocalDate assessedOn, String instrument, int riskScore,
                                 String riskLevel, List<String> needs) {
    }
}
