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
import kz.reentry.hub.exchange.FieldError;
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
            MATCH (o:Obligation {id: $id, status: 'OPEN'})-[:CONCERNS]->(p:Person)
            SET o.status = 'MET', o.metAt = $now
            CREATE (:ArrivalConfirmation {arrivedOn: $arrivedOn, registeredOn: $registeredOn, note: $note, at: $now,
                                          by: $by, agency: $agency})-[:CONFIRMS]->(o)
            WITH o, p
            OPTIONAL MATCH (p)-[:SERVED]->(e:CustodyEpisode)-[:AT]->(i:Institution)
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

    /** The arrival awaited for this person, if any: the open E9 duty. */
    Optional<Obligation> awaited(String personId) {
        return obligations.openOf(personId, ObligationKind.E9_ARRIVAL_CONFIRMATION);
    }

    /** What is wrong with the dates of a confirmation (field name, rule, message), on every channel. */
    static Optional<FieldError> datesProblem(LocalDate arrivedOn, LocalDate registeredOn) {
        if (registeredOn.isBefore(arrivedOn)) {
            return Optional.of(new FieldError("registeredOn", "dates.order", "is before the person arrived"));
        }
        if (arrivedOn.isAfter(LocalDate.now())) {
            return Optional.of(new FieldError("arrivedOn", "dates.future", "is in the future"));
        }
        return Optional.empty();
    }

    /** The police confirm through the API; only the body that owes the confirmation may. */
    Obligation confirm(Input input, String endUser, String purpose) {
        Person person = persons.byId(input.personId(), "input.personId");
        datesProblem(input.arrivedOn(), input.registeredOn()).ifPresent(problem -> {
            throw new InvalidArgumentException("input." + problem.field(), problem.rule(), problem.message());
        });
        Caller caller = Caller.current();
        Obligation duty = awaited(person.id()).orElseThrow(() -> new NotFoundException("No arrival of this person is awaited"));
        if (!duty.owedByCode().equals(caller.agency())) {
            throw new ForbiddenException("only the police of the destination (" + duty.owedByCode() + ") confirm the arrival");
        }
        try (var session = driver.session()) {
            session.executeWriteWithoutResult(tx -> confirmIn(tx, duty, person.id(), input.arrivedOn(), input.registeredOn(),
                    input.note(), caller.client(), caller.agency(), endUser, purpose));
        }
        return obligations.byId(duty.id()).orElseThrow();
    }

    /**
     * Inside the caller's transaction, for the API and the E9 intake alike: meets the duty (only if
     * still open: false when another confirmation met it first) and tells the releasing institution.
     */
    boolean confirmIn(TransactionContext tx, Obligation duty, String personId, LocalDate arrivedOn, LocalDate registeredOn,
                      String note, String client, String agency, String endUser, String purpose) {
        var rows = tx.run(CONFIRM, Cypher.params("id", duty.id(), "arrivedOn", arrivedOn, "registeredOn", registeredOn,
                "note", note, "now", ZonedDateTime.now(), "by", client, "agency", agency)).list();
        if (rows.isEmpty()) {
            return false;
        }
        var row = rows.getFirst();
        if (row.get("institution").isNull()) {
            return true;
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("notice", "E9 arrival and registration (003 cl. 51)");
        content.put("person", row.get("person").asMap());
        content.put("arrivedOn", arrivedOn.toString());
        content.put("registeredOn", registeredOn.toString());
        content.put("police", agency);
        // the releasing institution learns of it; no duty of its own
        outbox.enqueue(tx, new NewOutboundMessage(EXCHANGE, row.get("institution").asString(), personId, null,
                json.writeValueAsString(content), endUser, purpose, client));
        return true;
    }
}
