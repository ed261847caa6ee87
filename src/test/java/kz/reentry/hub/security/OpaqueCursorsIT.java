package kz.reentry.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
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
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.HttpSyncGraphQlClient;

/**
 * Cursors are opaque and mean nothing outside the hub, on every connection field: they show none of
 * the sort keys (IINs, dates, hub ids, event summaries), a forged or altered one is a BAD_REQUEST
 * naming its argument (never INTERNAL_ERROR), and one is of no use to another client or another query.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpaqueCursorsIT extends HubIntegrationTest {

    /** A name for the caseworkers' client of the NGO this class registers (see {@link #graphQl}). */
    private static final String OWN_NGO = "own-ngo";

    private static final LocalDate TODAY = LocalDate.now();

    @Autowired
    JWKSource<SecurityContext> hubSigningKeys;

    private TestNgo ngo;

    private ReleaseRecords record;
    private String personId;

    /**
     * One connection field: its arguments besides the page, the argument the cursor goes in, the
     * client that pages it, another client that may call it (null where no other demo client may),
     * the kind and number of sort keys of the hub's former plain cursors.
     */
    record Field(String name, String arguments, String cursorArgument, String owner, String other, String legacyKind,
                 int legacyKeys) {

        String query() {
            return "query ($cursor: String) { %s(%sfirst: 1, %s: $cursor) { pageInfo { endCursor } } }"
                    .formatted(name, arguments.isEmpty() ? "" : arguments + ", ", cursorArgument);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    void data() {
        ngo = TestNgo.register(driver, new HubTokens(hubSigningKeys), "KZ-75", 5);
        // released within a year: the E1 notice is due and in the outbox at once
        // a surname of its own: the one every test record shares matches too many persons to search by
        record = ReleaseRecords.validRelease(TODAY.plusMonths(3)).set("person.surname", "Курсорова");
        personId = filed(record);
        assertThat(graphQl("akimat-demo").documentName("assignCase").variable("input", Map.of("personId", personId,
                "ngo", ngo.code(), "reason", "Сопровождение")).executeSync().getErrors()).isEmpty();
        postRelease(ReleaseRecords.validRelease(TODAY.plusMonths(3)).remove("person.surname").json());
        // released in three years: its E1 notice is an open obligation for two years yet
        filed(ReleaseRecords.validRelease(TODAY.plusYears(3)));
    }

    Stream<Field> connections() {
        String window = "from: \"%s\", to: \"%s\"".formatted(TODAY, TODAY.plusYears(4));
        String later = TODAY.plusYears(30).toString();
        return Stream.of(
                new Field("upcomingReleases", window, "after", "kuis-demo", "probation-demo", "release", 2),
                new Field("searchPersons", "name: \"Курсорова\"", "after", "kuis-demo", "probation-demo", "search", 3),
                new Field("caseTimeline", "personId: \"" + personId + "\"", "after", "kuis-demo", "probation-demo", "timeline", 3),
                new Field("referrals", "kind: NGO_CASE", "after", "kuis-demo", "akimat-demo", "referral", 1),
                new Field("myAssignedCases", "", "updatedSince", OWN_NGO, "ngo2-demo", "cases", 1),
                new Field("overdueObligations", "asOf: \"" + later + "\"", "after", "kuis-demo", "probation-demo", "obligation", 2),
                new Field("dueObligations", "until: \"" + later + "\"", "after", "kuis-demo", "probation-demo", "obligation", 2),
                new Field("outboundMessages", "", "after", "kuis-demo", "prosecutor-demo", "outbound", 2),
                new Field("inboundMessages", "", "after", "kuis-demo", "prosecutor-demo", "inbound", 2),
                new Field("deadLetters", "", "after", "kuis-demo", "prosecutor-demo", "deadLetter", 2),
                new Field("parties", "", "after", "kuis-demo", "ngo-demo", "party", 1),
                new Field("disclosures", "", "after", "prosecutor-demo", null, "disclosure", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connections")
    @DisplayName("a cursor in the hub's former plain form (the sort keys in Base64) is a BAD_REQUEST on its argument")
    void forgedCursorRefused(Field field) {
        String forged = "%s\u001f%s".formatted(field.legacyKind(),
                String.join("\u001f", Collections.nCopies(field.legacyKeys(), "not-a-key")));

        var reply = page(field, field.owner(), Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)));

        assertBadRequest(reply, field.cursorArgument(), "cursor");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connections")
    @DisplayName("a real cursor shows none of its sort keys, works for its own client, and altered or in another client's hands is a BAD_REQUEST")
    void realCursorOpaqueAndBound(Field field) {
        String cursor = endCursor(field, field.owner());
        String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);

        assertThat(decoded).doesNotContain(field.legacyKind()).doesNotContain(record.iin()).doesNotContain(personId);
        assertThat(page(field, field.owner(), cursor).getErrors()).as("its own client pages on").isEmpty();
        assertBadRequest(page(field, field.owner(), altered(cursor)), field.cursorArgument(), "cursor");
        if (field.other() != null) {
            assertBadRequest(page(field, field.other(), cursor), field.cursorArgument(), "cursor");
        }
    }

    @Test
    @DisplayName("a cursor of one query is a BAD_REQUEST in another, and the release page's cursor does not show the IIN or the date")
    void cursorBoundToItsQuery() {
        var connections = connections().toList();
        Field releases = connections.getFirst();
        Field timeline = connections.get(2);
        String releaseCursor = endCursor(releases, "kuis-demo");

        assertBadRequest(page(timeline, "kuis-demo", releaseCursor), "after", "cursor");
        assertBadRequest(page(releases, "kuis-demo", endCursor(timeline, "kuis-demo")), "after", "cursor");
        String decoded = new String(Base64.getUrlDecoder().decode(releaseCursor), StandardCharsets.ISO_8859_1);
        assertThat(decoded).doesNotContainPattern("\\d{12}").doesNotContainPattern("20\\d\\d-\\d\\d-\\d\\d");
        assertThat(count("MATCH (s:HubSecret {name: 'cursor-key'}) RETURN count(s)", Map.of())).isEqualTo(1);
    }

    private String endCursor(Field field, String client) {
        var reply = page(field, client, null);
        assertThat(reply.getErrors()).as("%s as %s", field, client).isEmpty();
        String cursor = reply.field(field.name() + ".pageInfo.endCursor").getValue();
        assertThat(cursor).as("%s has a row for %s", field, client).isNotNull();
        return cursor;
    }

    private ClientGraphQlResponse page(Field field, String client, String cursor) {
        return graphQl(client).document(field.query()).variable("cursor", cursor).executeSync();
    }

    /** The cursor with one character in its middle changed (still Base64url). */
    private static String altered(String cursor) {
        int middle = cursor.length() / 2;
        char changed = cursor.charAt(middle) == 'A' ? 'B' : 'A';
        return cursor.substring(0, middle) + changed + cursor.substring(middle + 1);
    }

    /** The NGO this class registers for itself, so that its cases and capacity are this class's alone; asked for as {@value #OWN_NGO}. */
    @Override
    protected HttpSyncGraphQlClient graphQl(String clientId) {
        return OWN_NGO.equals(clientId) ? graphQlWithToken(ngo.token()) : super.graphQl(clientId);
    }
}
