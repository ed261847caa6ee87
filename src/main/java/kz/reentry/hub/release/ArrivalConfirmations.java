package kz.reentry.hub.release;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import kz.reentry.hub.api.ForbiddenException;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.delivery.NewOutboundMessage;
import kz.reentry.hub.delivery.Outbox;
import kz.reentry.hub.graph.Cypher;
import kz.reentry.hub.obligation.Obligation;
import kz.reentry.hub.obligation.ObligationKind;
import kz.reentry.hub.obligation.ObligationRepository;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.security.Caller;
import org.neo4j.driver.Driver;
import org.neo4j.driver.TransactionContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * E9 (instruction No. 7; 003 cl. 51 (3), (9), (10)): a parolee released to a residence must arrive
 * there and be registered by its police, who tell the releasing institution. A recorded parole
 * release makes the police of the destination owe that confirmation within
 * hub.arrival.confirmation-days; unconfirmed, it is overdue for probation, the institution and the
 * prosecutor to see (overdueObligations). The confirmation meets the duty and goes to the institution
 * through the outbox, in one transaction.
 */
@Service
@EnableConfigurationProperties(ArrivalProperties.class)
public class ArrivalConfirmations {

    static final String EXCHANGE = "E9";

    private static final String POLICE_OF = """
            MATCH (police:Agency {kind: 'POLICE'})-[:SERVES]->(:Region {code: $region})
            RETURN police.code AS code ORDER BY police.code LIMIT 1
            """;
    private static final String CONFIRM = """
            MATCH (o:Obligation {id: $id, status: 'OPEN'})
            SET o.status = 'MET', o.metAt = $now
            CREATE (:ArrivalConfirmation {arrivedOn: $arrivedOn, registeredOn: $registeredOn, note: $note, at: $now,
                                          by: $by, agency: $agency})-[:CONFIRMS]->(o)
            WITH o
            MATCH (o)-[:CONCERNS]->(p:Person)-[:SERVED]->(e:CustodyEpisode)-[:AT]->(i:Institution)
            WITH o, p, i ORDER BY e.termStart DESC LIMIT 1
            RETURN i.code AS institution,
                   p {.iin, .surname, .givenName, .patronymic, birthDate: toString(p.birthDate)} AS person
            """;

    private final Driver driver;
    private final ObligationRepository obligations;
    private final PersonLookup persons;
    private final Outbox outbox;
    private final JsonMapper json;
    private final ArrivalProperties properties;

    ArrivalConfirmations(Driver driver, ObligationRepository obligations, PersonLookup persons, Outbox outbox,
                         JsonMapper json, ArrivalProperties properties) {
        this.driver = driver;
        this.obligations = obligations;
        this.persons = persons;
        this.outbox = outbox;
        this.json = json;
        this.properties = properties;
    }

    /**
     * Inside recordRelease's transaction: a parolee's arrival is owed by the police of the destination;
     * false when the destination has no police body in the reference data (Belarus: not under order 392).
     */
    boolean owe(TransactionContext tx, String releaseStateId, String personId, String destination, LocalDate releasedOn) {
        var police = tx.run(POLICE_OF, Map.of("region", destination)).list();
        if (police.isEmpty()) {
            return false;
        }
        obligations.open(tx, releaseStateId + "/E9", ObligationKind.E9_ARRIVAL_CONFIRMATION, personId,
                police.getFirst().get("code").asString(), destination, releasedOn.plusDays(properties.confirmationDays()));
        return true;
    }

    public record Input(String personId, LocalDate arrivedOn, LocalDate registeredOn, String note) {
    }

    /** The police confirm; only the body that owes the confirmation may. */
    Obligation confirm(Input input, String endUser, String purpose) {
        Person person = persons.byId(input.personId(), "input.personId");
        if (input.registeredOn().isBefore(input.arrivedOn())) {
            throw new InvalidArgumentException("input.registeredOn", "dates.order", "is before the person arrived");
        }
        if (input.arrivedOn().isAfter(LocalDate.now())) {
            throw new InvalidArgumentException("input.arrivedOn", "dates.future", "is in the future");
        }
        Caller caller = Caller.current();
        Optional<Obligation> owed = obligations.openOf(person.id(), ObligationKind.E9_ARRIVAL_CONFIRMATION);
        if (owed.isEmpty()) {
            throw new NotFoundException("No arrival of this person is awaited");
        }
        Obligation duty = owed.get();
        if (!duty.owedByCode().equals(caller.agency())) {
            throw new ForbiddenException("only the police of the destination (" + duty.owedByCode() + ") confirm the arrival");
        }
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> {
                var row = tx.run(CONFIRM, Cypher.params("id", duty.id(), "arrivedOn", input.arrivedOn(),
                        "registeredOn", input.registeredOn(), "note", input.note(), "now", ZonedDateTime.now(),
                        "by", caller.client(), "agency", caller.agency())).single();
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("notice", "E9 arrival and registration (003 cl. 51)");
                content.put("person", row.get("person").asMap());
                content.put("arrivedOn", input.arrivedOn().toString());
                content.put("registeredOn", input.registeredOn().toString());
                content.put("police", caller.agency());
                // the releasing institution learns of it; no duty of its own
                outbox.enqueue(tx, new NewOutboundMessage(EXCHANGE, row.get("institution").asString(), person.id(), null,
                        json.writeValueAsString(content), endUser, purpose, caller.client()));
            });
        }
        return obligations.byId(duty.id()).orElseThrow();
    }
}
