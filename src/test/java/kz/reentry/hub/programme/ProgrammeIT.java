package kz.reentry.hub.programme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.ReleaseRecords;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;

class ProgrammeIT extends HubIntegrationTest {

    private static final String SOON = LocalDate.now().plusMonths(3).toString();

    @Test
    @DisplayName("an akimat draws up a programme on an assessment; the responsible employment centre moves its measure and every change is kept with who made it")
    void programmeLifecycle() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2037, 1, 10)));
        String assessment = graphQl("probation-demo").documentName("recordAssessment").variable("input", Map.of(
                "personId", person, "assessedOn", LocalDate.now().toString(), "instrument", "RNR-KZ v1",
                "riskScore", 62, "riskLevel", "MEDIUM", "needs", List.of("HOUSING", "EMPLOYMENT"))).executeSync()
                .field("recordAssessment.id").getValue();

        var created = createProgramme(person, assessment, List.of(
                measure("HOUSING", "Место в центре социальной адаптации", "KZ-MIO-75"),
                measure("EMPLOYMENT", "Направление в центр занятости", "KZ-CZN-75")));
        assertThat(created.getErrors()).isEmpty();
        assertThat((Object) created.field("createProgramme.drawnUpBy.code").getValue()).isEqualTo("KZ-MIO-75");
        assertThat((Object) created.field("createProgramme.basedOn.id").getValue()).isEqualTo(assessment);
        assertThat((Object) created.field("createProgramme.progress.notStarted").getValue()).isEqualTo(2);
        String employment = created.field("createProgramme.measures").toEntityList(Map.class).stream()
                .filter(m -> m.get("domain").equals("EMPLOYMENT")).map(m -> (String) m.get("id")).findFirst().orElseThrow();

        update("labour-demo", Map.of("measureId", employment, "status", "IN_PROGRESS", "note", "Приглашён на собеседование"));
        var met = update("labour-demo", Map.of("measureId", employment, "status", "MET", "note", "Трудоустроен"));

        assertThat(met.getErrors()).isEmpty();
        assertThat(met.field("updateMeasure.history").toEntityList(Map.class))
                .extracting(h -> h.get("status") + " by " + h.get("agency"))
                .containsExactly("MET by KZ-CZN-75", "IN_PROGRESS by KZ-CZN-75", "NOT_STARTED by KZ-MIO-75");
        String programme = created.field("createProgramme.id").getValue();
        var progress = graphQl("kuis-demo").documentName("programme").variable("id", programme).executeSync();
        assertThat((Object) progress.field("programme.progress.met").getValue()).isEqualTo(1);
        assertThat((Object) progress.field("programme.progress.notStarted").getValue()).isEqualTo(1);
    }

    @Test
    @DisplayName("a person has one active programme; a second is refused, measures are added to the first")
    void oneActiveProgramme() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2037, 1, 11)));
        String programme = createProgramme(person, null, List.of()).field("createProgramme.id").getValue();

        assertBadRequest(createProgramme(person, null, List.of()), "input.personId", "programme.active");
        var added = graphQl("akimat-demo").documentName("addMeasure").variable("input", Map.of("programmeId", programme,
                "measure", measure("DOCUMENTS", "Восстановить удостоверение личности", "KZ-MIO-75"))).executeSync();
        assertThat((Object) added.field("addMeasure.status").getValue()).isEqualTo("NOT_STARTED");
    }

    @Test
    @DisplayName("only the responsible party, or a programme author, may move a measure, and only along its lifecycle")
    void measureRules() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2037, 1, 12)));
        var measures = createProgramme(person, null, List.of(measure("HEALTH", "Взять на учёт", "KZ-UZ-75"),
                measure("DOCUMENTS", "Восстановить удостоверение личности", "KZ-MIO-75")))
                .field("createProgramme.measures").toEntityList(Map.class);
        String measure = (String) measures.stream().filter(m -> "HEALTH".equals(m.get("domain"))).findFirst().orElseThrow().get("id");
        String documents = (String) measures.stream().filter(m -> "DOCUMENTS".equals(m.get("domain"))).findFirst().orElseThrow().get("id");

        // the employment centre sees the person once referred to it, but is not responsible for these measures
        assertErrorType(update("labour-demo", Map.of("measureId", documents, "status", "IN_PROGRESS")), "NOT_FOUND");
        graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "EMPLOYMENT", "to", "KZ-CZN-75", "reason", "Трудоустройство")).executeSync();
        var notResponsible = update("labour-demo", Map.of("measureId", documents, "status", "IN_PROGRESS"));
        assertErrorType(notResponsible, "FORBIDDEN");
        assertThat(notResponsible.getErrors().getFirst().getMessage()).contains("only the responsible party");
        // a HEALTH measure it may not even know of (access-policy.yaml, healthReferrals)
        assertErrorType(update("labour-demo", Map.of("measureId", measure, "status", "IN_PROGRESS")), "NOT_FOUND");
        assertBadRequest(update("health-demo", Map.of("measureId", measure, "status", "DECLINED")), "input.note", "required");
        update("health-demo", Map.of("measureId", measure, "status", "MET", "note", "Поставлен на учёт"));
        assertBadRequest(update("health-demo", Map.of("measureId", measure, "status", "IN_PROGRESS")),
                "input.status", "measure.transition");
    }

    @Test
    @DisplayName("a measure needs a known responsible party, a description, and a deadline not in the past")
    void measureValidation() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2037, 1, 13)));

        assertBadRequest(createProgramme(person, null, List.of(measure("HOUSING", "Жильё", "KZ-NOBODY"))),
                "input.measures[0].responsible", "party.unknown");
        assertBadRequest(createProgramme(person, null, List.of(Map.of("domain", "HOUSING", "description", " ",
                "responsible", "KZ-MIO-75", "deadline", SOON))), "input.measures[0].description", "required");
        assertBadRequest(createProgramme(person, null, List.of(Map.of("domain", "HOUSING", "description", "Жильё",
                "responsible", "KZ-MIO-75", "deadline", "2020-01-01"))), "input.measures[0].deadline", "date.past");
        assertErrorType(graphQl("labour-demo").documentName("createProgramme")
                .variable("input", Map.of("personId", person)).executeSync(), "FORBIDDEN");
    }

    @Test
    @DisplayName("a closed programme takes no more measures, and a new programme may then be drawn up")
    void closeProgramme() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2037, 1, 16)));
        String programme = createProgramme(person, null, List.of()).field("createProgramme.id").getValue();

        assertBadRequest(graphQl("akimat-demo").documentName("closeProgramme").variable("id", programme).variable("note", " ")
                .executeSync(), "note", "required");
        var closed = graphQl("akimat-demo").documentName("closeProgramme").variable("id", programme)
                .variable("note", "Переехал в другой регион").executeSync();

        assertThat((Object) closed.field("closeProgramme.status").getValue()).isEqualTo("CLOSED");
        assertThat((Object) closed.field("closeProgramme.closedAt").getValue()).isNotNull();
        assertBadRequest(graphQl("akimat-demo").documentName("addMeasure").variable("input", Map.of("programmeId", programme,
                "measure", measure("DOCUMENTS", "Паспорт", "KZ-MIO-75"))).executeSync(), "input.programmeId", "programme.closed");
        assertThat(createProgramme(person, null, List.of()).getErrors()).isEmpty();
        assertBadRequest(createProgramme(filed(ReleaseRecords.validRelease(LocalDate.of(2037, 1, 17))), "no-such-assessment",
                List.of()), "input.assessmentId", "assessment.unknown");
    }

    @Test
    @DisplayName("a programme of a person outside the caller's rows cannot be closed or changed, and the refusal reads exactly like one for a programme that does not exist")
    void writesObeyRows() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2037, 1, 18)).set("release.residenceRegion", "KZ-71"));
        var created = graphQl("kuis-demo").documentName("createProgramme").variable("input", Map.of("personId", person,
                "measures", List.of(measure("HOUSING", "Место в центре адаптации", "KZ-MIO-71")))).executeSync();
        String programme = created.field("createProgramme.id").getValue();
        String measure = created.field("createProgramme.measures[0].id").getValue();

        var close = graphQl("akimat-demo").documentName("closeProgramme").variable("id", programme)
                .variable("note", "Закрыть чужую программу").executeSync();
        var closeMissing = graphQl("akimat-demo").documentName("closeProgramme").variable("id", "no-such-programme")
                .variable("note", "Закрыть чужую программу").executeSync();
        var add = graphQl("akimat-demo").documentName("addMeasure").variable("input", Map.of("programmeId", programme,
                "measure", measure("DOCUMENTS", "Паспорт", "KZ-MIO-75"))).executeSync();
        var updated = update("akimat-demo", Map.of("measureId", measure, "status", "DECLINED", "note", "Отказ"));
        var updateMissing = update("akimat-demo", Map.of("measureId", "no-such-measure", "status", "DECLINED", "note", "Отказ"));

        assertErrorType(close, "NOT_FOUND");
        assertThat(close.getErrors().getFirst().getMessage())
                .isEqualTo(closeMissing.getErrors().getFirst().getMessage().replace("no-such-programme", programme));
        assertErrorType(add, "NOT_FOUND");
        assertErrorType(updated, "NOT_FOUND");
        assertThat(updated.getErrors().getFirst().getMessage())
                .isEqualTo(updateMissing.getErrors().getFirst().getMessage().replace("no-such-measure", measure));
        var unchanged = graphQl("kuis-demo").documentName("programme").variable("id", programme).executeSync();
        assertThat((Object) unchanged.field("programme.status").getValue()).isEqualTo("ACTIVE");
        assertThat((Object) unchanged.field("programme.progress.total").getValue()).isEqualTo(1);
        assertThat((Object) unchanged.field("programme.progress.notStarted").getValue()).isEqualTo(1);
    }

    @Test
    @DisplayName("a programme author re-plans a measure: new deadline and responsible party, kept in its history")
    void replanMeasure() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2037, 1, 14)));
        String measure = (String) createProgramme(person, null, List.of(measure("FAMILY", "Восстановить связь с семьёй", "KZ-MIO-75")))
                .field("createProgramme.measures").toEntityList(Map.class).getFirst().get("id");
        String later = LocalDate.now().plusMonths(6).toString();

        var replanned = update("akimat-demo", Map.of("measureId", measure, "deadline", later, "responsible", "NGO-KZ-75-0001",
                "note", "Передано НПО"));

        assertThat((Object) replanned.field("updateMeasure.deadline").getValue()).isEqualTo(later);
        assertThat((Object) replanned.field("updateMeasure.responsible.code").getValue()).isEqualTo("NGO-KZ-75-0001");
        assertThat((Object) replanned.field("updateMeasure.history[0].responsible").getValue()).isEqualTo("NGO-KZ-75-0001");
        assertThat((Object) replanned.field("updateMeasure.history[1].responsible").getValue()).isEqualTo("KZ-MIO-75");
        assertThat((Object) update("ngo-demo", Map.of("measureId", measure, "status", "IN_PROGRESS"))
                .field("updateMeasure.status").getValue()).isEqualTo("IN_PROGRESS");
        assertBadRequest(update("akimat-demo", Map.of("measureId", measure, "responsible", "KZ-NOBODY")),
                "input.responsible", "party.unknown");
    }

    @Test
    @DisplayName("an assessment needs a score from 0 to 100, a date not in the future and a named instrument")
    void assessmentValidation() {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2037, 1, 15)));
        Map<String, Object> valid = Map.of("personId", person, "assessedOn", LocalDate.now().toString(),
                "instrument", "RNR-KZ v1", "riskScore", 40, "riskLevel", "LOW", "needs", List.of("EDUCATION"));

        assertBadRequest(assess(with(valid, "riskScore", 101)), "input.riskScore", "range");
        assertBadRequest(assess(with(valid, "assessedOn", LocalDate.now().plusDays(1).toString())), "input.assessedOn", "date.future");
        assertBadRequest(assess(with(valid, "instrument", "  ")), "input.instrument", "required");
        assertThat((Object) assess(valid).field("recordAssessment.assessedBy.code").getValue()).isEqualTo("KZ-SP-75");
    }

    private ClientGraphQlResponse assess(Map<String, Object> input) {
        return graphQl("probation-demo").documentName("recordAssessment").variable("input", input).executeSync();
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        var copy = new java.util.HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private ClientGraphQlResponse createProgramme(String person, String assessment, List<Map<String, Object>> measures) {
        var input = new java.util.HashMap<String, Object>(Map.of("personId", person, "measures", measures));
        if (assessment != null) {
            input.put("assessmentId", assessment);
        }
        return graphQl("akimat-demo").documentName("createProgramme").variable("input", input).executeSync();
    }

    private ClientGraphQlResponse update(String client, Map<String, Object> input) {
        return graphQl(client).documentName("updateMeasure").variable("input", input).executeSync();
    }

    private static Map<String, Object> measure(String domain, String description, String responsible) {
        return Map.of("domain", domain, "description", description, "responsible", responsible, "deadline", SOON);
    }
}
