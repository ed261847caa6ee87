package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import kz.reentry.hub.referral.ReferralEvents;
import kz.reentry.hub.support.GraphQlWsClient;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestNgo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.HttpSyncGraphQlClient;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.HttpHeaders;
import reactor.core.Scannable;
import tools.jackson.databind.JsonNode;

/**
 * Every root field of the schema, with every nested path it can reach generated from the schema itself,
 * asked by callers whose rows hold person A and not person B: a regional prosecutor's office (rows by
 * region), the akimat (released into its territory), the employment centre (referred to it) and an NGO
 * (its assigned cases; B's case it was given and declined). Nothing of B (IIN, hub id, surname) may come
 * back on any path, A must, and the penal system's national view (the control) must see B through the
 * same probe, so a probe that could not catch a leak fails too. A root field, or a subscription, that no
 * probe here covers fails {@link #everyRootFieldHasAProbe}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPersonReadIT extends HubIntegrationTest {

    /** Reference data: parties and territories carry no person; below them the probes select leaves only. */
    private static final Set<String> REFERENCE_DATA = Set.of("Party", "Agency", "Ngo", "Institution", "Region",
            "District", "Agreement", "Territory");
    private static final int MAX_PAGES = 30;
    private static final String CONTROL = "prosecutor-demo";

    @Autowired
    GraphQlSource graphQlSource;

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    @Autowired
    ReferralEvents referralEvents;

    private GraphQLSchema schema;
    private TestNgo ngo;
    private Subject a;
    private Subject b;
    private String bCase;
    private OffsetDateTime fixtureStart;
    private List<Restricted> restricted;
    /** Callers of another jurisdiction (Belarus): their rows hold neither A nor B, whatever they are. */
    private List<Restricted> foreign;
    private final List<JsonNode> events = new ArrayList<>();
    private final Map<String, String> institutionRegions = new HashMap<>();
    /** E7: an emergency naming each subject, at an institution of the region its regional prosecutor sees (A) or not (B). */
    private final Map<String, String> emergencyOf = new HashMap<>();

    /** A person of the fixture, with what the probes ask by and what must never leak. */
    record Subject(String label, String id, String iin, String surname, LocalDate release, String region,
                   String institution, String employmentCentre, String programme) {

        List<String> markers() {
            return List.of(iin, id, surname);
        }
    }

    /** A caller whose rows hold A, not B. */
    /** @param ownReferralsOnly a kind that knows only the referrals it sent or receives (access-policy.yaml, referrals) */
    record Restricted(String label, HttpSyncGraphQlClient client, boolean ownReferralsOnly) {

        Restricted(String label, HttpSyncGraphQlClient client) {
            this(label, client, false);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What a root field returns, and so what is asked of it. */
    enum Kind {
        /** Persons or rows about persons: a restricted caller sees A's, never B's. */
        ROWS,
        /** Rows that cannot be placed within a caller's rows: only a caller who sees every person sees them. */
        ALL_SEEING_ONLY,
        /** Counts: no row comes back; small counts are the small-cell rule's (ADR 0007, SmallCellDifferencingIT). */
        AGGREGATE,
        /** Reference data or the log's integrity: no person at all (the schema must agree, see everyRootFieldHasAProbe). */
        NO_PERSON
    }

    /**
     * One way of asking a root field.
     *
     * @param targeted whether the arguments name the subject (its key, filter, region): then the answer
     *                 for B must be empty (null, or no edges), exactly as for nobody
     * @param fullPerson whether a person is asked with everything under it; once (personById) is enough, as
     *                 what hangs off a person is read by the same loaders whichever field found it
     * @param control  whether the national control can ask it (myAssignedCases is for NGOs only)
     */
    record Probe(String field, String how, Kind kind, boolean targeted, boolean fullPerson, boolean control,
                 Function<Subject, Map<String, Object>> arguments) {

        @Override
        public String toString() {
            return field + " " + how;
        }
    }

    @BeforeAll
    void fixture() throws Exception {
        schema = graphQlSource.schema();
        var tokens = new HubTokens(hubSigningKeys);
        ngo = TestNgo.register(driver, tokens, "KZ-75", 5);
        TestNgo otherNgo = TestNgo.register(driver, tokens, "KZ-43", 5);
        fixtureStart = OffsetDateTime.now();
        a = person("A", LocalDate.now().plusDays(200), "KZ-35", "KZ-75", "KZ-CZN-75");
        b = person("B", LocalDate.now().plusDays(201), "KZ-62", "KZ-43", "KZ-CZN-43");
        // A's notice went to the stand-in akimat and police, which met it; a later term's notice is still open
        filed(record(a, a.release().plusDays(200)));
        bCase = mutate("kuis-demo", "mutation ($input: AssignCaseInput!) { assignCase(input: $input) { id } }",
                Map.of("input", Map.of("personId", b.id(), "ngo", ngo.code(), "reason", "Сопровождение")), "assignCase.id");
        deadLetterNaming(a);
        deadLetterNaming(b);
        emergencyOf.put("A", emergencyNaming(a, "KZ-75"));
        emergencyOf.put("B", emergencyNaming(b, "KZ-62"));
        // an open vacancy in A's region, so that vacancyMatches has one to suggest for A
        assertThat(postVacancies("[{\"id\": \"EP-" + UUID.randomUUID() + "\", \"status\": \"OPEN\", \"employer\": \"ТОО «Тест»\", "
                + "\"position\": \"разнорабочий\", \"speciality\": \"разнорабочий\", \"region\": \"" + a.region() + "\", "
                + "\"openedOn\": \"" + LocalDate.now() + "\"}]", "application/json", "labour-demo").status()).isEqualTo(200);

        try (var subscriber = GraphQlWsClient.connect(URI.create("ws://localhost:" + port + "/graphql-ws"), ngo.token())) {
            long before = subscribers();
            for (GraphQLFieldDefinition field : schema.getSubscriptionType().getFieldDefinitions()) {
                subscriber.subscribe(field.getName(), "subscription { " + field.getName()
                        + selection(field.getType(), new LinkedHashSet<>(), false) + " }");
            }
            int subscriptions = schema.getSubscriptionType().getFieldDefinitions().size();
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() >= before + subscriptions);

            String aCase = mutate("akimat-demo", "mutation ($input: AssignCaseInput!) { assignCase(input: $input) { id } }",
                    Map.of("input", Map.of("personId", a.id(), "ngo", ngo.code(), "reason", "Сопровождение")), "assignCase.id");
            mutate(ngo.token(), "mutation ($id: ID!) { declineCase(referralId: $id, reason: \"Нет мест\") { id } }",
                    Map.of("id", bCase), "declineCase.id");
            mutate(ngo.token(), "mutation ($id: ID!) { acceptCase(referralId: $id) { id } }", Map.of("id", aCase),
                    "acceptCase.id");
            // B's case goes on to another NGO: nothing of it may reach this one
            mutate("kuis-demo", "mutation ($input: AssignCaseInput!) { assignCase(input: $input) { id } }",
                    Map.of("input", Map.of("personId", b.id(), "ngo", otherNgo.code(), "reason", "Сопровождение")),
                    "assignCase.id");
            // caseAssigned for A; referralStatusChanged for A's assignment, B's decline, A's acceptance
            for (int i = 0; i < 4; i++) {
                JsonNode event = subscriber.next(10);
                assertThat(event).as("subscription event " + (i + 1)).isNotNull();
                events.add(event);
            }
            JsonNode more = subscriber.next(1);
            if (more != null) {
                events.add(more);
            }
        }

        restricted = List.of(
                new Restricted("a regional prosecutor's office (KZ-PR-75, rows by region)",
                        graphQlWithToken(tokens.issue("regional-prosecutor-" + UUID.randomUUID(), "KZ-PR-75", "KZ-75",
                                List.of("PERSON_READ", "INTAKE_OPERATOR", "EXCHANGE_OPERATOR", "INDICATORS_READ", "AUDIT_READ",
                                        "RECONCILIATION", "EMERGENCY_SUPERVISION")))),
                new Restricted("the akimat of Almaty (released into its territory)", graphQl("akimat-demo")),
                new Restricted("the employment centre of Almaty (referred to it)", graphQl("labour-demo")),
                new Restricted("an NGO (its assigned cases)", graphQlWithToken(ngo.token()), true));
        List<String> allRoles = List.of("PERSON_READ", "PERSON_STATE_WRITE", "PROGRAMME_WRITE", "REFERRAL_WRITE",
                "REFERRAL_RECEIVE", "NGO_CASEWORKER", "INTAKE_OPERATOR", "EXCHANGE_OPERATOR", "INDICATORS_READ", "AUDIT_READ");
        foreign = List.of(
                new Restricted("Belarus's penal system (ДИН, rows ALL within Belarus)",
                        graphQlWithToken(tokens.issue("by-din-" + UUID.randomUUID(), "BY-DIN", "BY", allRoles))),
                new Restricted("a Belarus directorate whose token claims Almaty (BY-DIN-HM, region KZ-75)",
                        graphQlWithToken(tokens.issue("by-udin-" + UUID.randomUUID(), "BY-DIN-HM", "KZ-75", allRoles))),
                new Restricted("a Belarus executive committee claiming Almaty (BY-MIO-HM, region KZ-75)",
                        graphQlWithToken(tokens.issue("by-mio-" + UUID.randomUUID(), "BY-MIO-HM", "KZ-75", allRoles))));
    }

    Stream<Probe> probes() {
        LocalDate today = LocalDate.now();
        return Stream.of(
                probe("person", "by IIN", Kind.ROWS, true, false, s -> Map.of("iin", s.iin())),
                probe("personById", "by hub id", Kind.ROWS, true, true, s -> Map.of("id", s.id())),
                probe("personByIdentifier", "by the IIN identity", Kind.ROWS, true, false,
                        s -> Map.of("kind", "KZ_IIN", "value", s.iin())),
                probe("searchPersons", "by surname", Kind.ROWS, true, false, s -> Map.of("name", s.surname(), "first", 5)),
                probe("_entities", "by either key", Kind.ROWS, true, false, s -> Map.of("representations", List.of(
                        Map.of("__typename", "Person", "iin", s.iin()), Map.of("__typename", "Person", "id", s.id())))),
                probe("upcomingReleases", "on the day, into the region", Kind.ROWS, true, false,
                        s -> Map.of("from", s.release().toString(), "to", s.release().toString(), "region", s.region(), "first", 100)),
                probe("programme", "by id", Kind.ROWS, true, false, s -> Map.of("id", s.programme())),
                probe("caseTimeline", "of the person", Kind.ROWS, true, false, s -> Map.of("personId", s.id(), "first", 100)),
                // not for the prosecutor (the control): vacancies are for the parties of employment referrals
                new Probe("vacancyMatches", "for the person", Kind.ROWS, true, false, false,
                        s -> Map.of("personId", s.id(), "first", 5)),
                probe("referrals", "to the fixture's NGO", Kind.ROWS, false, false,
                        s -> Map.of("to", ngo.code(), "first", 20)),
                probe("referrals", "to the person's employment centre", Kind.ROWS, true, false,
                        s -> Map.of("to", s.employmentCentre(), "kind", "EMPLOYMENT", "first", 20)),
                new Probe("myAssignedCases", "since the start", Kind.ROWS, false, false, false, s -> Map.of("first", 20)),
                probe("overdueObligations", "owed by the person's institution", Kind.ROWS, true, false,
                        s -> Map.of("party", s.institution(), "asOf", s.release().toString(), "first", 100)),
                probe("dueObligations", "owed by the person's institution", Kind.ROWS, true, false,
                        s -> Map.of("party", s.institution(), "until", s.release().toString(), "first", 100)),
                // E7: an emergency naming the person; the akimat, the centre and the NGO are refused by role
                probe("emergency", "naming the person, by id", Kind.ROWS, true, false, s -> Map.of("id", emergencyOf.get(s.label()))),
                probe("emergencies", "all the caller sees", Kind.ROWS, false, false, s -> Map.of("first", 10)),
                probe("outboundMessages", "about the person", Kind.ROWS, true, false, s -> Map.of("person", s.id(), "first", 100)),
                probe("inboundMessages", "about the person", Kind.ROWS, true, false, s -> Map.of("person", s.id(), "first", 100)),
                probe("disclosures", "about the person", Kind.ROWS, true, false, s -> Map.of("person", s.id(), "first", 200)),
                probe("disclosures", "since the fixture began", Kind.ROWS, false, false,
                        s -> Map.of("from", fixtureStart.toString(), "first", 200)),
                probe("deadLetters", "pending", Kind.ALL_SEEING_ONLY, false, false, s -> Map.of("first", 200)),
                probe("personStateCount", "in the person's region", Kind.AGGREGATE, false, false,
                        s -> Map.of("state", "PROBATIONER", "on", today.toString(), "region", s.region())),
                probe("indicators", "for the person's region", Kind.AGGREGATE, false, false,
                        s -> Map.of("from", today.minusYears(1).toString(), "to", today.plusYears(1).toString(), "region", s.region())),
                probe("obligationIndicators", "for the person's region", Kind.AGGREGATE, false, false,
                        s -> Map.of("from", today.minusYears(2).toString(), "to", today.plusYears(2).toString(), "region", s.region())),
                // E8: a regional office reconciles its own region only (the other is FORBIDDEN, as null)
                probe("reconciliation", "of parolees in the person's region", Kind.ROWS, true, false,
                        s -> Map.of("region", s.region(), "category", "PAROLEE", "from", today.minusMonths(6).toString(),
                                "to", today.toString())),
                probe("ngoCaseReport", "of the fixture's NGO", Kind.AGGREGATE, false, false,
                        s -> Map.of("from", today.minusYears(1).toString(), "to", today.plusYears(1).toString(), "ngo", ngo.code())),
                probe("batchFiles", "latest", Kind.NO_PERSON, false, false, s -> Map.of("first", 5)),
                // counts over the messages inboundMessages / outboundMessages list; circuits are configuration
                probe("intakeHistory", "since the fixture began", Kind.AGGREGATE, false, false,
                        s -> Map.of("from", fixtureStart.toString(), "to", fixtureStart.plus(java.time.Duration.ofDays(2)).toString(),
                                "step", "DAY")),
                probe("outboxDepth", "since the fixture began", Kind.AGGREGATE, false, false,
                        s -> Map.of("from", fixtureStart.toString(), "to", fixtureStart.plus(java.time.Duration.ofDays(1)).toString())),
                probe("receiverCircuits", "all", Kind.NO_PERSON, false, false, s -> Map.of()),
                probe("party", "the fixture's NGO", Kind.NO_PERSON, false, false, s -> Map.of("code", ngo.code())),
                probe("parties", "NGOs of Almaty", Kind.NO_PERSON, false, false,
                        s -> Map.of("kind", "NGO", "region", "KZ-75", "first", 5)),
                probe("verifyDisclosureLog", "whole", Kind.NO_PERSON, false, false, s -> Map.of()),
                probe("_service", "sdl", Kind.NO_PERSON, false, false, s -> Map.of()));
    }

    private static Probe probe(String field, String how, Kind kind, boolean targeted, boolean fullPerson,
                               Function<Subject, Map<String, Object>> arguments) {
        return new Probe(field, how, kind, targeted, fullPerson, true, arguments);
    }

    @Test
    @DisplayName("every root field of the schema has a probe here, and a field said to carry no person cannot reach one")
    void everyRootFieldHasAProbe() {
        Set<String> probed = probes().map(Probe::field).collect(Collectors.toCollection(TreeSet::new));
        Set<String> fields = schema.getQueryType().getFieldDefinitions().stream().map(GraphQLFieldDefinition::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(probed).as("root query fields with a probe in probes()").isEqualTo(fields);
        probes().filter(p -> p.kind() == Kind.NO_PERSON || p.kind() == Kind.AGGREGATE).forEach(p ->
                assertThat(reachesPerson(GraphQLTypeUtil.unwrapAll(schema.getQueryType().getFieldDefinition(p.field()).getType()),
                        new LinkedHashSet<>())).as(p + " is said to carry no person").isFalse());
        assertThat(schema.getSubscriptionType().getFieldDefinitions()).extracting(GraphQLFieldDefinition::getName)
                .as("subscriptions, all checked by subscriptions()").containsExactlyInAnyOrder("caseAssigned", "referralStatusChanged");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    @DisplayName("a root field and every path under it show a restricted caller nothing of a person outside its rows, and a Belarus body nothing of a Kazakh person")
    void nothingOutsideTheRows(Probe probe) {
        int allowed = 0;
        for (Restricted caller : restricted) {
            List<JsonNode> forA = ask(caller.client(), probe, a);
            if (refusedByRole(forA, probe.field())) {
                continue;
            }
            allowed++;
            List<JsonNode> forB = probe.targeted() ? ask(caller.client(), probe, b) : forA;
            assertNothingOf(b, forA, probe, caller);
            assertNothingOf(b, forB, probe, caller);
            switch (probe.kind()) {
                case ROWS -> {
                    if (probe.targeted()) {
                        // an NGO knows no referral but its own: the employment centre's of A is not for it
                        boolean othersReferrals = probe.field().equals("referrals") && caller.ownReferralsOnly();
                        assertThat(empty(forA, probe.field())).as(caller + " asking " + probe + " for A")
                                .isEqualTo(othersReferrals);
                        assertThat(empty(forB, probe.field())).as(caller + " asking " + probe + " for B").isTrue();
                    } else {
                        assertThat(data(forA)).as(caller + " asking " + probe).contains(a.id());
                    }
                }
                case ALL_SEEING_ONLY -> assertThat(empty(forA, probe.field())).as(caller + " asking " + probe).isTrue();
                case AGGREGATE, NO_PERSON -> {
                }
            }
        }
        if (probe.kind() == Kind.ROWS) {
            assertThat(allowed).as("restricted callers allowed to ask " + probe).isPositive();
        }
        // a body of another jurisdiction sees neither A nor B, on every path, whatever its kind and claims
        for (Restricted caller : foreign) {
            List<JsonNode> forA = ask(caller.client(), probe, a);
            if (refusedByRole(forA, probe.field())) {
                continue;
            }
            List<JsonNode> forB = probe.targeted() ? ask(caller.client(), probe, b) : forA;
            for (Subject subject : List.of(a, b)) {
                assertNothingOf(subject, forA, probe, caller);
                assertNothingOf(subject, forB, probe, caller);
            }
            if (probe.targeted() && (probe.kind() == Kind.ROWS || probe.kind() == Kind.ALL_SEEING_ONLY)) {
                assertThat(empty(forA, probe.field())).as(caller + " asking " + probe + " for A").isTrue();
            }
            if (probe.kind() == Kind.ALL_SEEING_ONLY) {
                assertThat(empty(forA, probe.field())).as(caller + " asking " + probe).isTrue();
            }
        }
        if (probe.control() && (probe.kind() == Kind.ROWS || probe.kind() == Kind.ALL_SEEING_ONLY)) {
            List<JsonNode> control = ask(graphQl(CONTROL), probe, b);
            if (probe.targeted()) {
                assertThat(empty(control, probe.field())).as("the national view of " + probe + " for B (the probe can see B at all)")
                        .isFalse();
            } else {
                assertThat(b.markers()).as("the national view of " + probe + " (the probe can see B at all)")
                        .anyMatch(data(control)::contains);
            }
        }
    }

    @Test
    @DisplayName("subscriptions tell an NGO of its own cases, and of a case it declined without the person")
    void subscriptions() {
        String all = events.toString();
        for (String marker : b.markers()) {
            assertThat(all).as("subscription events of the NGO").doesNotContain(marker);
        }
        assertThat(events).extracting(e -> e.path("id").asString())
                .contains("caseAssigned", "referralStatusChanged");
        assertThat(events).filteredOn(e -> e.path("id").asString().equals("caseAssigned")).singleElement()
                .satisfies(e -> assertThat(e.toString()).contains(a.id(), a.iin(), a.surname()));
        JsonNode declined = events.stream().map(e -> e.path("payload").path("data").path("referralStatusChanged"))
                .filter(r -> bCase.equals(r.path("id").asString(null))).findFirst().orElseThrow();
        assertThat(declined.path("status").asString()).isEqualTo("REJECTED");
        assertThat(declined.path("person").isNull()).as("the person of a declined case").isTrue();
        assertThat(events.stream().map(e -> e.path("payload").path("data").path("referralStatusChanged").path("person")
                .path("id").asString(null))).contains(a.id());
    }

    @Test
    @DisplayName("a regional prosecutor's subject access export knows no person outside its region")
    void subjectAccessWithinTheRows() {
        String token = new HubTokens(hubSigningKeys).issue("regional-auditor-" + UUID.randomUUID(), "KZ-PR-75", "KZ-75",
                List.of("PERSON_READ", "AUDIT_READ"));
        assertThat(export(b.id(), token)).isEqualTo(404);
        assertThat(export(UUID.randomUUID().toString(), token)).isEqualTo(404);
        assertThat(export(a.id(), token)).isEqualTo(200);
        assertThat(export(b.id(), tokenFor(CONTROL))).isEqualTo(200);
    }

    // --- the probes' requests

    /** Every page of the probe's answer for the subject (a connection is followed to its end). */
    private List<JsonNode> ask(HttpSyncGraphQlClient client, Probe probe, Subject subject) {
        GraphQLFieldDefinition field = schema.getQueryType().getFieldDefinition(probe.field());
        Map<String, Object> variables = new HashMap<>(probe.arguments().apply(subject));
        String cursor = field.getArgument("after") != null ? "after" : field.getArgument("updatedSince") != null ? "updatedSince" : null;
        Set<String> declared = new LinkedHashSet<>(variables.keySet());
        if (cursor != null) {
            declared.add(cursor);
        }
        String document = "query" + (declared.isEmpty() ? "" : declared.stream()
                .map(name -> "$" + name + ": " + GraphQLTypeUtil.simplePrint(field.getArgument(name).getType()))
                .collect(Collectors.joining(", ", "(", ")")))
                + " { " + probe.field() + (declared.isEmpty() ? "" : declared.stream().map(name -> name + ": $" + name)
                .collect(Collectors.joining(", ", "(", ")")))
                + selection(field.getType(), new LinkedHashSet<>(), probe.fullPerson()) + " }";
        List<JsonNode> pages = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode answer = JSON.valueToTree(client.document(document).variables(variables).executeSync().toMap());
            if (answer.path("data").isNull() || answer.path("data").isMissingNode()) {
                // an answer the edge aborted (the cost of the selection) asked nothing: say so, not "empty"
                String errors = answer.path("errors").toString();
                if (errors.contains("ExecutionAborted")) {
                    throw new AssertionError(probe + " was not answered: " + errors);
                }
            }
            pages.add(withoutAsked(answer, variables));
            JsonNode info = answer.path("data").path(probe.field()).path("pageInfo");
            if (cursor == null || !info.path("hasNextPage").asBoolean(false)) {
                return pages;
            }
            variables.put(cursor, info.path("endCursor").asString());
        }
        throw new AssertionError(probe + " has more than " + MAX_PAGES + " pages: narrow its arguments");
    }

    /** The errors without what the caller itself sent (an error may name the key it was asked for). */
    private static JsonNode withoutAsked(JsonNode answer, Map<String, Object> variables) {
        String errors = answer.path("errors").toString();
        for (Object value : variables.values()) {
            if (value instanceof String asked && asked.length() > 3) {
                errors = errors.replace(asked, "<asked>");
            }
        }
        var page = JSON.createObjectNode();
        page.set("data", answer.path("data"));
        page.put("errors", errors);
        return page;
    }

    private void assertNothingOf(Subject subject, List<JsonNode> pages, Probe probe, Restricted caller) {
        String text = pages.toString();
        for (String marker : subject.markers()) {
            assertThat(text).as(caller + " asking " + probe + " must see nothing of " + subject.label()).doesNotContain(marker);
        }
    }

    private static boolean refusedByRole(List<JsonNode> pages, String field) {
        String errors = pages.getFirst().path("errors").asString();
        JsonNode value = pages.getFirst().path("data").path(field);
        return (value.isNull() || value.isMissingNode()) && errors.contains("\"classification\":\"FORBIDDEN\"")
                && errors.contains("Your client's roles do not allow this operation");
    }

    private static String data(List<JsonNode> pages) {
        return pages.stream().map(p -> p.path("data").toString()).collect(Collectors.joining("\n"));
    }

    /** Null, a list of nulls, or a connection without edges, on every page. */
    private static boolean empty(List<JsonNode> pages, String field) {
        return pages.stream().map(p -> p.path("data").path(field)).allMatch(value -> value.isNull() || value.isMissingNode()
                || value.isArray() && value.valueStream().allMatch(JsonNode::isNull)
                || value.has("edges") && value.path("edges").isEmpty());
    }

    // --- selections generated from the schema

    /**
     * Every field of the type and, recursively, of the types under it, each type once per path; reference
     * data (parties, territories) and, unless {@code fullPerson}, persons reached through a row about them,
     * with their leaves only: a person's own subtree is probed whole through personById.
     */
    private String selection(GraphQLOutputType type, Set<String> path, boolean fullPerson) {
        GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
        if (leaf(named)) {
            return "";
        }
        String name = named.getName();
        boolean leavesOnly = name.equals("Person") ? !fullPerson
                : REFERENCE_DATA.contains(name) && !reachesPerson(named, new LinkedHashSet<>());
        Set<String> inner = new LinkedHashSet<>(path);
        inner.add(name);
        StringBuilder selection = new StringBuilder(" { __typename");
        if (named instanceof GraphQLFieldsContainer container) {
            for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
                if (field.getArguments().stream().anyMatch(arg -> arg.getType() instanceof GraphQLNonNull && !arg.hasSetDefaultValue())) {
                    continue;
                }
                GraphQLNamedType child = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(field.getType());
                if (leaf(child)) {
                    selection.append(' ').append(field.getName());
                } else if (!leavesOnly && !inner.contains(child.getName())) {
                    selection.append(' ').append(field.getName()).append(selection(field.getType(), inner, fullPerson));
                }
            }
        }
        if (!leavesOnly && (named instanceof GraphQLInterfaceType || named instanceof GraphQLUnionType)) {
            for (GraphQLObjectType member : members(named)) {
                if (!inner.contains(member.getName())) {
                    selection.append(" ... on ").append(member.getName()).append(selection(member, inner, fullPerson));
                }
            }
        }
        return selection.append(" }").toString();
    }

    private boolean reachesPerson(GraphQLNamedType type, Set<String> seen) {
        if (type.getName().equals("Person")) {
            return true;
        }
        if (leaf(type) || !seen.add(type.getName())) {
            return false;
        }
        List<GraphQLNamedType> next = new ArrayList<>(members(type));
        if (type instanceof GraphQLFieldsContainer container) {
            container.getFieldDefinitions().forEach(f -> next.add((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(f.getType())));
        }
        return next.stream().anyMatch(t -> reachesPerson(t, seen));
    }

    private List<GraphQLObjectType> members(GraphQLNamedType type) {
        if (type instanceof GraphQLInterfaceType face) {
            return schema.getImplementations(face);
        }
        if (type instanceof GraphQLUnionType union) {
            return union.getTypes().stream().map(GraphQLObjectType.class::cast).toList();
        }
        return List.of();
    }

    private static boolean leaf(GraphQLNamedType type) {
        return type instanceof GraphQLScalarType || type instanceof GraphQLEnumType;
    }

    // --- the fixture

    /**
     * A person released into the region, with something on every path: a corrected record (history),
     * a name variant, a state, an assessment, a programme with a measure moved on, an employment
     * referral, an E1 notice (obligation and outbound message) owed by an institution of its own.
     */
    private Subject person(String label, LocalDate release, String institutionRegion, String region, String employmentCentre) {
        String surname = uniqueSurname();
        String institution = "EP" + label + "-" + ThreadLocalRandom.current().nextInt(1000, 10000) + "-"
                + ThreadLocalRandom.current().nextInt(1, 100);
        ReleaseRecords record = ReleaseRecords.validRelease(release).set("person.surname", surname)
                .set("institution.code", institution).set("institution.name", "Учреждение " + institution)
                .set("institution.region", institutionRegion).set("release.residenceRegion", region);
        String id = filed(record);
        institutionRegions.put(institution, institutionRegion);
        assertThat(postRelease(record.newMessage().set("person.patronymic", "Ерланқызы")
                .set("custody.court", "Суд № 2").set("release.type", "PAROLE").json()).status()).isEqualTo(200);
        mutate("kuis-demo", "mutation ($input: AddNameVariantInput!) { addNameVariant(input: $input) { id } }",
                Map.of("input", Map.of("personId", id, "surname", surname + "а", "source", "test")), "addNameVariant.id");
        mutate("kuis-demo", "mutation ($input: RecordPersonStateInput!) { recordPersonState(input: $input) { id } }",
                Map.of("input", Map.of("personId", id, "kind", "PROBATIONER", "from", LocalDate.now().minusDays(3).toString(),
                        "region", region, "sourceSystem", "test")), "recordPersonState.id");
        String assessment = mutate("kuis-demo", "mutation ($input: RecordAssessmentInput!) { recordAssessment(input: $input) { id } }",
                Map.of("input", Map.of("personId", id, "assessedOn", LocalDate.now().toString(), "instrument", "RNR-1",
                        "riskScore", 40, "riskLevel", "MEDIUM", "needs", List.of("HOUSING"))), "recordAssessment.id");
        String programme = mutate("kuis-demo", "mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }",
                Map.of("input", Map.of("personId", id, "assessmentId", assessment, "measures", List.of(Map.of(
                        "domain", "HOUSING", "description", "Общежитие", "responsible", "KZ-KUIS",
                        "deadline", LocalDate.now().plusMonths(2).toString())))), "createProgramme.id");
        String measure = mutate("kuis-demo", "query ($id: ID!) { programme(id: $id) { measures { id } } }",
                Map.of("id", programme), "programme.measures[0].id");
        mutate("kuis-demo", "mutation ($input: UpdateMeasureInput!) { updateMeasure(input: $input) { id } }",
                Map.of("input", Map.of("measureId", measure, "status", "IN_PROGRESS", "note", "Начато")), "updateMeasure.id");
        mutate("kuis-demo", "mutation ($input: OpenReferralInput!) { openReferral(input: $input) { id } }",
                Map.of("input", Map.of("personId", id, "kind", "EMPLOYMENT", "to", employmentCentre, "reason", "Трудоустройство")),
                "openReferral.id");
        return new Subject(label, id, record.iin(), surname, release, region, institution, employmentCentre, programme);
    }

    /** Another term of the subject's, at the same institution, ending on the day given. */
    private ReleaseRecords record(Subject subject, LocalDate release) {
        return ReleaseRecords.validRelease(release).set("person.iin", subject.iin()).set("person.surname", subject.surname())
                .set("institution.code", subject.institution()).set("institution.name", "Учреждение " + subject.institution())
                .set("institution.region", institutionRegions.get(subject.institution()))
                .set("release.residenceRegion", subject.region());
    }

    /**
     * An emergency (E7) naming the subject, reported by the penal system at a new institution of the
     * region (the institution comes from a release record of another person held there).
     */
    private String emergencyNaming(Subject subject, String institutionRegion) {
        String institution = "EME" + subject.label() + "-" + ThreadLocalRandom.current().nextInt(1000, 10000);
        filed(ReleaseRecords.validRelease(LocalDate.now().plusYears(1)).set("institution.code", institution)
                .set("institution.name", "Учреждение " + institution).set("institution.region", institutionRegion));
        return mutate("kuis-demo", "mutation ($input: ReportEmergencyInput!) { reportEmergency(input: $input) { id } }",
                Map.of("input", Map.of("kind", "MASS_RIOT", "institution", institution,
                        "occurredAt", OffsetDateTime.now().minusHours(4).toString(), "place", "жилая зона",
                        "circumstances", "Массовые беспорядки", "participants", List.of(Map.of("personId", subject.id())))),
                "reportEmergency.id");
    }

    /** A record about the subject the intake refused (no birth date): a dead letter naming it. */
    private void deadLetterNaming(Subject subject) {
        ReleaseRecords broken = ReleaseRecords.validRelease(subject.release()).set("person.iin", subject.iin())
                .set("person.surname", subject.surname()).remove("person.birthDate");
        assertThat(postRelease(broken.json()).status()).isEqualTo(400);
    }

    private String mutate(String clientOrToken, String document, Map<String, Object> variables, String path) {
        var client = clientOrToken.endsWith("-demo") ? graphQl(clientOrToken) : graphQlWithToken(clientOrToken);
        var reply = client.document(document).variables(variables).executeSync();
        assertThat(reply.getErrors()).as(document).isEmpty();
        return reply.field(path).getValue();
    }

    private static String uniqueSurname() {
        String letters = "бвгджзклмнпрстфхцчшщ";
        StringBuilder surname = new StringBuilder("Ж");
        for (int i = 0; i < 9; i++) {
            surname.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
            surname.append("аеоуы".charAt(ThreadLocalRandom.current().nextInt(5)));
        }
        return surname.toString();
    }

    private long subscribers() {
        return Scannable.from(referralEvents.changes()).inners().count();
    }

    private int export(String person, String token) {
        return http.get().uri("/disclosures/subject-access/{id}", person)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-End-User", "auditor-" + UUID.randomUUID()).header("X-Purpose", "subject-access-check")
                .exchange((request, response) -> response.getStatusCode().value());
    }
}
