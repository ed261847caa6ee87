package kz.reentry.hub.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import kz.reentry.hub.support.DisclosureLog;
import kz.reentry.hub.support.GraphQlWsClient;
import kz.reentry.hub.support.HubIntegrationTest;
import kz.reentry.hub.support.HubTokens;
import kz.reentry.hub.support.ReleaseRecords;
import kz.reentry.hub.support.TestNgo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.Scannable;

/** Each test registers its own two NGOs in Astana (KZ-71): the subscriber, and another that must not be heard of. */
class SubscriptionIT extends HubIntegrationTest {

    @Autowired
    ReferralEvents events;

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private TestNgo ngo;
    private TestNgo otherNgo;

    @BeforeEach
    void ngos() {
        var tokens = new HubTokens(hubSigningKeys);
        ngo = TestNgo.register(driver, tokens, "KZ-71", 5);
        otherNgo = TestNgo.register(driver, tokens, "KZ-71", 5);
    }

    @Test
    @DisplayName("an NGO subscribed over graphql-ws hears of a case assigned to it, and not of a case assigned to another NGO")
    void caseAssigned() throws Exception {
        try (var subscriber = connect(ngo.token(), END_USER)) {
            subscribed(() -> subscriber.subscribe("cases", "subscription { caseAssigned { id status person { id } to { code } } }"));

            assign(filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 1))), otherNgo.code());
            String person = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 2)));
            String referral = assign(person, ngo.code());

            var message = subscriber.next(10);
            assertThat(message).isNotNull();
            assertThat(message.get("type").asString()).isEqualTo("next");
            var assigned = message.get("payload").get("data").get("caseAssigned");
            assertThat(assigned.get("id").asString()).isEqualTo(referral);
            assertThat(assigned.get("person").get("id").asString()).isEqualTo(person);
            assertThat(assigned.get("to").get("code").asString()).isEqualTo(ngo.code());
            assertThat(subscriber.next(1)).isNull();
        }
    }

    @Test
    @DisplayName("each event of a subscription is logged on its own, naming only the person of that event, and another NGO's case is neither sent nor logged")
    void eventsLoggedOneByOne() throws Exception {
        String endUser = DisclosureLog.uniqueEndUser("ngo-subscriber");
        String first;
        String second;
        String foreign;
        try (var subscriber = connect(ngo.token(), endUser)) {
            subscribed(() -> subscriber.subscribe("cases", "subscription { caseAssigned { id person { id surname } } }"));

            first = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 4)));
            assign(first, ngo.code());
            assertThat(subscriber.next(10)).isNotNull();
            foreign = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 5)));
            assign(foreign, otherNgo.code());
            second = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 6)));
            assign(second, ngo.code());
            var next = subscriber.next(10);
            assertThat(next.get("payload").get("data").get("caseAssigned").get("person").get("id").asString())
                    .isEqualTo(second);
            assertThat(subscriber.next(1)).isNull();
        }

        var logged = DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("agency", ngo.code()), endUser);
        assertThat(logged).extracting(e -> e.get("persons")).containsExactly(List.of(second), List.of(first));
        assertThat(logged).allSatisfy(e -> assertThat(e).containsEntry("client", ngo.client())
                .containsEntry("operation", "SUBSCRIPTION caseAssigned").containsEntry("outcome", "DISCLOSED"));
        assertThat(logged).noneMatch(e -> ((List<?>) e.get("persons")).contains(foreign));
    }

    @Test
    @DisplayName("a subscription without X-End-User is refused, naming the headers, and the refusal is logged")
    void subscriptionNeedsPurpose() throws Exception {
        String purpose = DisclosureLog.uniqueEndUser("purpose-without-user");
        try (var subscriber = GraphQlWsClient.connect(wsUri(), ngo.token(), Map.of("X-Purpose", purpose), Map.of())) {
            subscriber.subscribe("cases", "subscription { caseAssigned { id person { id } } }");

            var message = subscriber.next(10);
            assertThat(message).isNotNull();
            assertThat(message.toString()).contains("request.purpose").contains("X-End-User").doesNotContain("\"data\"");
        }
        assertThat(DisclosureLog.entries(graphQl("prosecutor-demo"), Map.of("agency", ngo.code())))
                .filteredOn(entry -> purpose.equals(entry.get("purpose"))).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("outcome", "REFUSED")
                        .containsEntry("operation", "REFUSED at the edge: no X-End-User or X-Purpose"));
    }

    @Test
    @DisplayName("a browser, which cannot set handshake headers, names the end user and purpose in connection_init, and they are logged")
    void purposeInConnectionInit() throws Exception {
        String endUser = DisclosureLog.uniqueEndUser("browser-user");
        try (var subscriber = GraphQlWsClient.connect(wsUri(), ngo.token(),
                Map.of(), Map.of("X-End-User", endUser, "X-Purpose", "case-from-browser"))) {
            subscribed(() -> subscriber.subscribe("cases", "subscription { caseAssigned { id person { id } } }"));
            String person = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 7)));
            assign(person, ngo.code());

            var message = subscriber.next(10);
            assertThat(message.get("type").asString()).isEqualTo("next");
            assertThat(message.get("payload").get("data").get("caseAssigned").get("person").get("id").asString())
                    .isEqualTo(person);
            assertThat(DisclosureLog.byEndUser(graphQl("prosecutor-demo"), Map.of("person", person), endUser))
                    .singleElement().satisfies(entry -> assertThat(entry).containsEntry("purpose", "case-from-browser")
                            .containsEntry("client", ngo.client()));
        }
    }

    @Test
    @DisplayName("the sender of a referral hears of each status change the receiver makes")
    void referralStatusChanged() throws Exception {
        String person = filed(ReleaseRecords.validRelease(LocalDate.of(2042, 1, 3)));
        String referral = graphQl("akimat-demo").documentName("openReferral").variable("input", Map.of("personId", person,
                "kind", "EMPLOYMENT", "to", "KZ-CZN-75", "reason", "Трудоустройство")).executeSync().field("openReferral.id").getValue();

        try (var akimat = GraphQlWsClient.connect(wsUri(), tokenFor("akimat-demo"))) {
            subscribed(() -> akimat.subscribe("changes",
                    "subscription { referralStatusChanged(referralId: \"" + referral + "\") { id status } }"));
            graphQl("labour-demo").documentName("moveReferral").variable("input", Map.of("referralId", referral,
                    "status", "ACCEPTED")).executeSync();

            var message = akimat.next(10);
            assertThat(message).isNotNull();
            assertThat(message.get("payload").get("data").get("referralStatusChanged").get("status").asString())
                    .isEqualTo("ACCEPTED");
        }
    }

    /**
     * Sends a subscribe message and waits until the hub has subscribed it to the referral events: an
     * event published before then would not reach it (the stream keeps nothing for late subscribers).
     */
    private void subscribed(Runnable subscribe) {
        long before = subscribers();
        subscribe.run();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> subscribers() > before);
    }

    /** Subscriptions the hub holds on the referral events now (Reactor's own introspection of the sink). */
    private long subscribers() {
        return Scannable.from(events.changes()).inners().count();
    }

    private GraphQlWsClient connect(String token, String endUser) throws Exception {
        return GraphQlWsClient.connect(wsUri(), token, endUser);
    }

    private URI wsUri() {
        return URI.create("ws://localhost:" + port + "/graphql-ws");
    }

    private String assign(String person, String ngoCode) {
        return graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", person,
                "ngo", ngoCode, "reason", "Сопровождение")).executeSync().field("assignCase.id").getValue();
    }
}
