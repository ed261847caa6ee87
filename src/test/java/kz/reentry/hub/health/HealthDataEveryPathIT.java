package kz.reentry.hub.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.referral.ReferralEvents;
import kz.reentry.hub.support.GraphQlWsClient;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.StandInHealthOrganisation;
import kz.reentry.hub.support.StandInReceivers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import reactor.core.Scannable;

/**
 * That a person has a HEALTH referral, an E3 handoff, a duty to acknowledge it, a medical part or a
 * HEALTH measure is health data (access-policy.yaml, healthReferrals; docs/adr/0011). One person whom
 * an NGO, an employment centre, the police and an akimat all see has every one of them; each of those
 * parties is asked on every path: the person's case, a programme, _entities, the timeline, pages of
 * referrals and obligations, the NGO feed, moves, subscriptions over graphql-ws, the E2 programme the
 * akimat receives, counts, and (with tokens of their own agencies carrying the operator roles) the
 * operators' logs: dead letters, inbound and outbound messages, the disclosure log, indicators.
 * Probation and the prosecutor see status without clinical content.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthDataEveryPathIT extends HubIntegrationTest {

    private static final StandInHealthOrganisation HEALTH = StandInHealthOrganisation.INSTANCE;
    /** The agency of each party outside health care, by its demo client. */
    private static final Map<String, String> AGENCIES = Map.of("ngo-demo", "NGO-KZ-75-0001", "labour-demo", "KZ-CZN-75",
            "police-demo", "KZ-OVD-75", "akimat-demo", "KZ-MIO-75");

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @Autowired
    ReferralEvents events;

    private ReleaseRecords record;
    private String person;
    private String healthReferral;
    private String programme;
    private String healthMeasure;
    private String deadLetter;
    private String deadHandoff;

    @BeforeAll
    void aPersonWithEveryKindOfHealthData() {
        record = ReleaseRecords.validRelease(LocalDate.now().plusDays(12));
        person = filed(record);
        // the employment centre, the NGO, the police (KZ-75) and the akimat (released into KZ-75) see the person
        ok(graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "EMPLOYMENT", "to", "KZ-CZN-75", "reason", "Трудоустройство")).executeSync());
        ok(graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", person,
                "ngo", "NGO-KZ-75-0001", "reason", "Сопровождение")).executeSync());
        // a programme the penal system drew up: housing by the akimat, health by the health administration
        var created = graphQl("kuis-demo").documentName("createProgramme").variable("input", Map.of("personId", person,
                "measures", List.of(
                        Map.of("domain", "HOUSING", "description", "Общежитие", "responsible", "KZ-MIO-75",
                                "deadline", LocalDate.now().plusMonths(2).toString()),
                        Map.of("domain", "HEALTH", "description", "Встать на учёт в центре СПИД", "responsible", "KZ-UZ-75",
                                "deadline", LocalDate.now().plusMonths(1).toString())))).executeSync();
        ok(created);
        programme = created.field("createProgramme.id").getValue();
        healthMeasure = created.field("createProgramme.measures").toEntityList(Map.class).stream()
                .filter(m -> "HEALTH".equals(m.get("domain"))).map(m -> (String) m.get("id")).findFirst().orElseThrow();
        ok(graphQl("health-demo").documentName("updateMeasure").variable("input", Map.of("measureId", healthMeasure,
                "status", "IN_PROGRESS", "note", "АРВТ начата")).executeSync());
        // the medical part, and a broken one naming the person, kept as an E3 dead letter
        assertThat(postMedicalPart(MedicalPartMessages.withDisabilityGroup(UUID.randomUUID().toString(), record.iin(),
                "B20", "HIV", "II")).status()).isEqualTo(200);
        var rejected = postMedicalPart(MedicalPartIT.medicalPart(UUID.randomUUID().toString(), record.iin(), "B20",
                "NOT_A_CATEGORY"));
        assertThat(rejected.status()).isEqualTo(400);
        deadLetter = rejected.body().path("deadLetterId").asString();
        // the HEALTH referral, handed over (E3) at once; the health organisation answers later, so its duty stays open
        HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.RECEIPT_ONLY);
        try {
            healthReferral = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                    "kind", "HEALTH", "to", "KZ-UZ-75", "reason", "АРВ-терапия")).executeSync().field("openReferral.id").getValue();
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(handoffStatus(healthReferral)));
        } finally {
            HEALTH.answer("KZ-UZ-75", StandInHealthOrganisation.Answer.OK);
        }
        // a second one, which its receiver refuses (fatal-error): DEAD in the outbox, replayable by an operator
        HEALTH.answer("KZ-UZ-79", StandInHealthOrganisation.Answer.FATAL_ERROR);
        try {
            String refused = graphQl("kuis-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                    "kind", "HEALTH", "to", "KZ-UZ-79", "reason", "Туберкулёз")).executeSync().field("openReferral.id").getValue();
            await().atMost(Duration.ofSeconds(30)).until(() -> "DEAD".equals(handoffStatus(refused)));
            deadHandoff = driver.executableQuery("""
                            MATCH (h:HealthHandoff)-[:HANDS_OVER]->(:Referral {id: $id}) RETURN h.outboundMessageId""")
                    .withParameters(Map.of("id", refused)).execute().records().getFirst().get(0).asString();
        } finally {
            HEALTH.answer("KZ-UZ-79", StandInHealthOrganisation.Answer.OK);
        }
        // and a broken release record: a dead letter every intake operator may see (E5)
        assertThat(postRelease(ReleaseRecords.validRelease(LocalDate.now().plusDays(40)).remove("person.surname").json())
                .status()).isEqualTo(400);
        // the health body reads the case: an entry of the disclosure log by a health body, about the person
        // (what a health body may read of it: not the states, which are criminal record to it)
        ok(graphQl("health-demo").document("""
                query ($id: ID!) { personById(id: $id) { id iin programmes { id measures { id domain status } }
                  referrals { id kind status } obligations { id kind dueOn status } } }""")
                .variable("id", person).executeSync());
        // released into KZ-75: the programme (E2) goes to the akimat
        ok(graphQl("kuis-demo").documentName("recordRelease").variable("input", Map.of("personId", person,
                "date", LocalDate.now().toString(), "type", "END_OF_TERM", "destinationRegion", "KZ-75",
                "sourceSystem", "KUIS")).executeSync());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ngo-demo", "labour-demo", "police-demo", "akimat-demo"})
    @DisplayName("the person's case, a programme and _entities show no HEALTH referral, E3 duty, HEALTH measure (nor its count) or medical part")
    void caseProgrammeAndEntities(String client) {
        var reply = graphQl(client).documentName("healthDataPaths").variable("id", person).executeSync();
        assertThat((Object) reply.field("personById.id").getValue()).as("sees the person").isEqualTo(person);
        List<Map<String, Object>> referrals = reply.field("personById.referrals").getValue();
        assertThat(referrals).isNotEmpty().noneMatch(r -> "HEALTH".equals(r.get("kind")));
        List<Map<String, Object>> obligations = reply.field("personById.obligations").getValue();
        assertThat(obligations).noneMatch(o -> "E3_HANDOFF_ACKNOWLEDGEMENT".equals(o.get("kind")));
        List<Map<String, Object>> programmes = reply.field("personById.programmes").getValue();
        assertThat(programmes).singleElement().satisfies(p -> {
            assertThat(measures(p)).extracting(m -> m.get("domain")).containsExactly("HOUSING");
            assertThat((Map<String, Object>) p.get("progress")).containsEntry("total", 1).containsEntry("inProgress", 0);
        });
        assertThat((Object) reply.field("personById.medicalParts").getValue()).isNull();
        assertHealthDataRefusal(reply, "personById.medicalParts", "Person.medicalParts");

        var byId = graphQl(client).documentName("programmeMeasures").variable("id", programme).executeSync();
        assertThat(byId.field("programme.measures").toEntityList(Map.class)).extracting(m -> (Object) m.get("domain"))
                .containsExactly("HOUSING");
        assertThat((Object) byId.field("programme.progress.total").getValue()).isEqualTo(1);

        var entity = graphQl(client).documentName("personEntity").variable("representations",
                List.of(Map.of("__typename", "Person", "id", person))).executeSync();
        String entityText = JSON.writeValueAsString(entity.field("_entities").getValue());
        assertThat(entityText).contains(person).doesNotContain("HEALTH").doesNotContain("E3_")
                .doesNotContain(healthReferral).doesNotContain(healthMeasure);
        assertThat(entity.field("_entities").toEntityList(Map.class).getFirst().get("medicalParts")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ngo-demo", "labour-demo", "police-demo", "akimat-demo"})
    @DisplayName("the timeline, the pages of referrals and obligations, and the NGO feed leave every trace out")
    void timelineAndPages(String client) {
        var events = graphQl(client).documentName("caseTimeline").variable("personId", person).variable("first", 200)
                .executeSync().field("caseTimeline.edges").toEntityList(Map.class);
        assertThat(events).isNotEmpty().extracting(e -> String.valueOf(((Map<?, ?>) e.get("node")).get("summary")))
                .noneMatch(summary -> summary.contains("HEALTH") || summary.contains("E3") || summary.contains("KZ-UZ-75"));

        String own = AGENCIES.get(client);
        var healthPage = graphQl(client).document("""
                        { referrals(kind: HEALTH, first: 100) { edges { node { id from { code } to { code } } } } }""")
                .executeSync().field("referrals.edges").toEntityList(Map.class);
        assertThat(healthPage).extracting(e -> (Map<?, ?>) e.get("node")).noneMatch(n -> healthReferral.equals(n.get("id")))
                .allMatch(n -> own.equals(((Map<?, ?>) n.get("from")).get("code")) || own.equals(((Map<?, ?>) n.get("to")).get("code")));
        var due = graphQl(client).documentName("dueObligations").variable("party", "KZ-UZ-75")
                .variable("until", LocalDate.now().plusYears(1).toString()).executeSync()
                .field("dueObligations.edges").toEntityList(Map.class);
        assertThat(due).as("the health body's due duties, which are all E3").isEmpty();
        var overdue = graphQl(client).documentName("overdueObligations").variable("party", "KZ-UZ-75")
                .variable("asOf", LocalDate.now().plusYears(1).toString()).variable("first", 100).executeSync()
                .field("overdueObligations.edges").toEntityList(Map.class);
        assertThat(overdue).as("the health body's overdue duties, which are all E3").isEmpty();
        if (client.equals("ngo-demo")) {
            var feed = graphQl(client).documentName("myAssignedCases").variable("first", 500).executeSync()
                    .field("myAssignedCases.edges").toEntityList(Map.class);
            assertThat(JSON.writeValueAsString(feed)).doesNotContain(healthReferral);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ngo-demo", "labour-demo", "akimat-demo"})
    @DisplayName("moving the HEALTH referral or the HEALTH measure is NOT_FOUND, as for an id that does not exist")
    void movesAreNotFound(String client) {
        assertErrorType(graphQl(client).documentName("updateMeasure").variable("input", Map.of("measureId", healthMeasure,
                "status", "MET", "note", "probe")).executeSync(), "NOT_FOUND");
        if (!client.equals("ngo-demo")) {
            assertErrorType(graphQl(client).documentName("moveReferral").variable("input", Map.of("referralId", healthReferral,
                    "status", "CANCELLED", "note", "probe")).executeSync(), "NOT_FOUND");
        }
    }

    @Test
    @DisplayName("the E2 programme the akimat receives leaves the HEALTH measure out; the housing measure is there")
    void programmeSentToTheAkimat() {
        var received = await().atMost(Duration.ofSeconds(30)).until(() -> StandInReceivers.INSTANCE.receiver("akimat").applied()
                .stream().filter(r -> "E2".equals(r.exchange())
                        && record.iin().equals(r.content().path("person").path("iin").asString(null))).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        var measures = received.content().path("programme").path("measures");
        assertThat(measures.size()).isEqualTo(1);
        assertThat(measures.get(0).path("domain").asString()).isEqualTo("HOUSING");
        assertThat(received.body()).doesNotContain("HEALTH").doesNotContain("KZ-UZ-75").doesNotContain(healthMeasure);
    }

    @Test
    @DisplayName("over graphql-ws no party outside health care hears of the HEALTH referral's moves; its sender does")
    void subscriptions() throws Exception {
        URI ws = URI.create("ws://localhost:" + port + "/graphql-ws");
        List<GraphQlWsClient> outsiders = new ArrayList<>();
        try (var sender = GraphQlWsClient.connect(ws, tokenFor("kuis-demo"))) {
            subscribed(() -> sender.subscribe("mine", "subscription { referralStatusChanged { id kind status } }"));
            for (String client : List.of("ngo-demo", "labour-demo", "police-demo", "akimat-demo")) {
                var outsider = GraphQlWsClient.connect(ws, tokenFor(client));
                outsiders.add(outsider);
                subscribed(() -> outsider.subscribe("all", "subscription { referralStatusChanged { id kind status to { code } } }"));
                subscribed(() -> outsider.subscribe("one", "subscription { referralStatusChanged(referralId: \""
                        + healthReferral + "\") { id status } }"));
                if (client.equals("ngo-demo")) {
                    subscribed(() -> outsider.subscribe("cases", "subscription { caseAssigned { id } }"));
                }
            }
            // ACCEPTED is a move from REQUESTED and from RECEIVED alike (the news of the release recorded in
            // the set-up may have been acknowledged already)
            ok(graphQl("health-demo").documentName("moveReferral").variable("input", Map.of("referralId", healthReferral,
                    "status", "ACCEPTED")).executeSync());

            String heard = null;
            for (int i = 0; i < 10 && heard == null; i++) {
                var message = sender.next(10);
                if (message != null && message.toString().contains(healthReferral)) {
                    heard = message.toString();
                }
            }
            assertThat(heard).as("the sender hears of the move").contains("ACCEPTED");
            for (var outsider : outsiders) {
                for (var message = outsider.next(2); message != null; message = outsider.next(1)) {
                    assertThat(message.toString()).doesNotContain(healthReferral).doesNotContain("HEALTH");
                }
            }
        } finally {
            outsiders.forEach(GraphQlWsClient::close);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ngo-demo", "labour-demo", "police-demo", "akimat-demo"})
    @DisplayName("with the operator, audit and indicator roles, an agency outside health care still sees no E3 message, entry or count")
    void operatorLogsAndCounts(String client) {
        String agency = AGENCIES.get(client);
        // the police operator works for the whole jurisdiction: it sees every person, so dead letters too
        // (only a party that sees every person sees them), and still no E3 one
        boolean national = client.equals("police-demo");
        var operator = graphQlWithToken(new HubTokens(hubSigningKeys).issue("operator-" + UUID.randomUUID(), agency,
                national ? "KZ" : "KZ-75",
                List.of("PERSON_READ", "INTAKE_OPERATOR", "EXCHANGE_OPERATOR", "AUDIT_READ", "INDICATORS_READ")));

        List<Map<String, Object>> deadLetters = allDeadLetters(operator);
        if (national) {
            assertThat(deadLetters).as("dead letters").isNotEmpty();
        }
        assertThat(deadLetters).as("dead letters").noneMatch(d -> "E3".equals(d.get("exchange")))
                .noneMatch(d -> deadLetter.equals(d.get("id")));
        assertErrorType(operator.documentName("replayDeadLetter").variable("id", deadLetter).executeSync(), "NOT_FOUND");

        var inbound = operator.documentName("inboundMessages").variable("person", person).variable("first", 100).executeSync()
                .field("inboundMessages.edges").toEntityList(Map.class);
        assertThat(inbound).as("the person's inbound messages").extracting(e -> (Object) ((Map<?, ?>) e.get("node")).get("exchange"))
                .contains("E5").doesNotContain("E3");
        var latestInbound = operator.documentName("inboundMessages").variable("first", 100).executeSync()
                .field("inboundMessages.edges").toEntityList(Map.class);
        assertThat(latestInbound).extracting(e -> (Object) ((Map<?, ?>) e.get("node")).get("exchange")).doesNotContain("E3");

        var outbound = operator.documentName("outboundMessages").variable("person", person).variable("first", 100).executeSync()
                .field("outboundMessages.edges").toEntityList(Map.class);
        assertThat(outbound).as("the person's outbound messages").extracting(e -> (Object) ((Map<?, ?>) e.get("node")).get("exchange"))
                .contains("E1").doesNotContain("E3");
        var e3 = operator.documentName("outboundMessages").variable("exchange", "E3").variable("first", 100).executeSync()
                .field("outboundMessages.edges").toEntityList(Map.class);
        assertThat(e3).extracting(e -> (Object) ((Map<?, ?>) e.get("node")).get("recipient")).allMatch(agency::equals);
        assertErrorType(operator.documentName("replayOutboundMessage").variable("id", deadHandoff).executeSync(), "NOT_FOUND");

        var entries = operator.documentName("disclosures").variable("person", person).variable("first", 500).executeSync()
                .field("disclosures.edges").toEntityList(Map.class).stream().map(e -> (Map<?, ?>) e.get("node")).toList();
        assertThat(entries).as("disclosure entries about the person").isNotEmpty()
                .noneMatch(e -> String.valueOf(e.get("operation")).contains("E3"))
                .noneMatch(e -> "KZ-UZ-75".equals(e.get("agency")))
                .noneMatch(e -> String.valueOf(e.get("fields")).contains("MedicalPart"));

        var indicators = operator.documentName("indicators").variable("from", LocalDate.now().minusDays(1).toString())
                .variable("to", LocalDate.now().plusDays(1).toString()).executeSync();
        assertThat((Object) indicators.field("indicators.treatmentHandedOver").getValue()).isNull();
        assertHealthDataRefusal(indicators, "indicators.treatmentHandedOver", "Indicators.treatmentHandedOver");
    }

    @Test
    @DisplayName("the prosecutor sees the HEALTH referral, the E3 duty, messages, entries and dead letter, never the reason, the medical part or the dead letter's content")
    void prosecutorSeesStatusWithoutClinicalContent() {
        var prosecutor = graphQl("prosecutor-demo");
        var reply = prosecutor.documentName("healthDataPaths").variable("id", person).executeSync();
        List<Map<String, Object>> referrals = reply.field("personById.referrals").getValue();
        assertThat(referrals).anySatisfy(r -> assertThat(r).containsEntry("id", healthReferral).containsEntry("kind", "HEALTH")
                .containsEntry("reason", null));
        assertHealthDataRefusal(reply, null, "Referral.reason");
        assertHealthDataRefusal(reply, "personById.medicalParts", "Person.medicalParts");
        List<Map<String, Object>> obligations = reply.field("personById.obligations").getValue();
        assertThat(obligations).anyMatch(o -> (healthReferral + "/E3/KZ-UZ-75").equals(o.get("id")));
        assertThat(measures(((List<Map<String, Object>>) reply.field("personById.programmes").getValue()).getFirst()))
                .anyMatch(m -> healthMeasure.equals(m.get("id")) && m.get("description") == null);

        Map<String, Object> kept = allDeadLetters(prosecutor).stream().filter(d -> deadLetter.equals(d.get("id")))
                .findFirst().orElseThrow();
        assertThat(kept).containsEntry("exchange", "E3").containsEntry("status", "PENDING")
                .containsEntry("payload", null).containsEntry("errors", null);
        var page = prosecutor.documentName("deadLetterPayloads").variable("first", 500).executeSync();
        assertThat(page.getErrors()).anySatisfy(error -> {
            assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN");
            assertThat(error.getExtensions()).containsEntry("reason", "HEALTH_DATA").containsEntry("field", "DeadLetter.payload");
        });

        var outbound = prosecutor.documentName("outboundMessages").variable("person", person).variable("first", 100).executeSync()
                .field("outboundMessages.edges").toEntityList(Map.class);
        assertThat(outbound).extracting(e -> (Object) ((Map<?, ?>) e.get("node")).get("exchange")).contains("E3");
        var entries = prosecutor.documentName("disclosures").variable("person", person).variable("first", 500).executeSync()
                .field("disclosures.edges").toEntityList(Map.class).stream().map(e -> (Map<?, ?>) e.get("node")).toList();
        assertThat(entries).anyMatch(e -> String.valueOf(e.get("operation")).startsWith("E3 medical part"))
                .anyMatch(e -> "KZ-UZ-75".equals(e.get("agency")));
        var events = prosecutor.documentName("caseTimeline").variable("personId", person).variable("first", 200)
                .executeSync().field("caseTimeline.edges").toEntityList(Map.class);
        assertThat(events).extracting(e -> String.valueOf(((Map<?, ?>) e.get("node")).get("summary")))
                .anyMatch(s -> s.startsWith("HEALTH referral to KZ-UZ-75")).anyMatch(s -> s.startsWith("HEALTH measure IN_PROGRESS"))
                .noneMatch(s -> s.contains("АРВТ начата"));
        var due = prosecutor.documentName("dueObligations").variable("party", "KZ-UZ-75")
                .variable("until", LocalDate.now().plusYears(1).toString()).executeSync()
                .field("dueObligations.edges").toEntityList(Map.class);
        assertThat(due).extracting(e -> (Object) ((Map<?, ?>) e.get("node")).get("id")).contains(healthReferral + "/E3/KZ-UZ-75");
        var indicators = prosecutor.documentName("indicators").variable("from", LocalDate.now().minusDays(1).toString())
                .variable("to", LocalDate.now().plusDays(1).toString()).executeSync();
        assertThat(indicators.getErrors()).isEmpty();
        assertThat((Object) indicators.field("indicators.treatmentHandedOver").getValue()).isNotNull();
    }

    @Test
    @DisplayName("probation sees the HEALTH referral's status, the E3 duty and the HEALTH measure, not the reason or the medical part")
    void probationSeesStatusWithoutClinicalContent() {
        var reply = graphQl("probation-demo").documentName("healthDataPaths").variable("id", person).executeSync();
        List<Map<String, Object>> referrals = reply.field("personById.referrals").getValue();
        assertThat(referrals).anySatisfy(r -> assertThat(r).containsEntry("id", healthReferral).containsEntry("reason", null));
        assertHealthDataRefusal(reply, null, "Referral.reason");
        assertHealthDataRefusal(reply, "personById.medicalParts", "Person.medicalParts");
        List<Map<String, Object>> obligations = reply.field("personById.obligations").getValue();
        assertThat(obligations).anyMatch(o -> "E3_HANDOFF_ACKNOWLEDGEMENT".equals(o.get("kind")));
        var programmes = (List<Map<String, Object>>) reply.field("personById.programmes").getValue();
        assertThat(measures(programmes.getFirst())).extracting(m -> (Object) m.get("domain")).containsExactlyInAnyOrder("HOUSING", "HEALTH");
        assertThat((Map<String, Object>) programmes.getFirst().get("progress")).containsEntry("total", 2);
        assertThat(measures(programmes.getFirst())).filteredOn(m -> "HEALTH".equals(m.get("domain")))
                .singleElement().satisfies(m -> assertThat(m.get("description")).isNull());
        assertHealthDataRefusal(reply, null, "Measure.description");
        var events = graphQl("probation-demo").documentName("caseTimeline").variable("personId", person).variable("first", 200)
                .executeSync().field("caseTimeline.edges").toEntityList(Map.class);
        assertThat(events).extracting(e -> String.valueOf(((Map<?, ?>) e.get("node")).get("summary")))
                .anyMatch(s -> s.startsWith("HEALTH referral to KZ-UZ-75: REQUESTED"))
                .anyMatch(s -> s.startsWith("E3_HANDOFF_ACKNOWLEDGEMENT due"))
                .anyMatch(s -> s.startsWith("HEALTH measure"))
                .noneMatch(s -> s.contains("АРВ-терапия"));
    }

    @Test
    @DisplayName("the health body and the penal system read the medical part, with its disability group; the penal system reads the E3 dead letter's payload")
    void clinicalContentForHealthCare() {
        for (String client : List.of("health-demo", "kuis-demo")) {
            var reply = graphQl(client).documentName("medicalParts").variable("id", person).executeSync();
            assertThat(reply.getErrors()).as(client).isEmpty();
            List<Map<String, Object>> parts = reply.field("personById.medicalParts").getValue();
            assertThat(parts).as(client).singleElement().satisfies(part -> {
                assertThat(part).containsEntry("disabilityGroup", "II").containsEntry("allergies", List.of("penicillin"))
                        .containsEntry("author", "Медицинская часть УК-161/2");
                assertThat(String.valueOf(part.get("conditions"))).contains("icd10=B20").contains("category=HIV");
            });
        }
        Map<String, Object> kept = allDeadLetters(graphQl("kuis-demo")).stream().filter(d -> deadLetter.equals(d.get("id")))
                .findFirst().orElseThrow();
        assertThat((String) kept.get("payload")).contains(record.iin()).contains("B20");
        assertThat(String.valueOf(kept.get("errors"))).contains("e3.category");
    }

    // --- helpers

    /** The outbox status of the referral's handoff message, or null before it is handed over. */
    private String handoffStatus(String referral) {
        var rows = driver.executableQuery("""
                        MATCH (:Referral {id: $id})<-[:HANDS_OVER]-(h:HealthHandoff)
                        MATCH (m:OutboundMessage {id: h.outboundMessageId})
                        RETURN m.status""")
                .withParameters(Map.of("id", referral)).execute().records();
        return rows.isEmpty() ? null : rows.getFirst().get(0).asString();
    }

    private Reply postMedicalPart(String body) {
        return MedicalPartMessages.post(http, tokenFor("kuis-demo"), body);
    }

    /** Every pending dead letter the client may see, page by page (oldest first). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> allDeadLetters(HttpSyncGraphQlClient client) {
        List<Map<String, Object>> all = new ArrayList<>();
        String after = null;
        do {
            var page = client.documentName("deadLetterPayloads").variable("first", 100).variable("after", after).executeSync();
            page.field("deadLetters.edges").toEntityList(Map.class).forEach(e -> all.add((Map<String, Object>) e.get("node")));
            after = Boolean.TRUE.equals(page.field("deadLetters.pageInfo.hasNextPage").getValue())
                    ? page.field("deadLetters.pageInfo.endCursor").getValue() : null;
        } while (after != null);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> measures(Map<String, Object> programme) {
        return (List<Map<String, Object>>) programme.get("measures");
    }

    /** A FORBIDDEN error with the reason HEALTH_DATA for the field (at the path, when given). */
    private static void assertHealthDataRefusal(ClientGraphQlResponse reply, String path, String field) {
        assertThat(reply.getErrors()).anySatisfy(error -> {
            assertThat(error.getErrorType().toString()).isEqualTo("FORBIDDEN");
            assertThat(error.getExtensions()).containsEntry("reason", "HEALTH_DATA").containsEntry("field", field);
            if (path != null) {
                assertThat(error.getPath()).isEqualTo(path);
            }
        });
    }

    private static void ok(ClientGraphQlResponse reply) {
        assertThat(reply.getErrors()).isEmpty();
    }

    /** Sends a subscribe message and waits until the hub holds it (an event before then would not reach it). */
    private void subscribed(Runnable subscribe) {
        long before = Scannable.from(events.changes()).inners().count();
        subscribe.run();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Scannable.from(events.changes()).inners().count() > before);
    }
}
