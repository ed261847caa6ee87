package kz.reentry.hub.reconciliation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import kz.reentry.hub.Sha256;
import kz.reentry.hub.exchange.FieldError;
import kz.reentry.hub.party.Party;
import kz.reentry.hub.party.PartyRepository;
import kz.reentry.hub.person.Iin;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.territory.Region;
import kz.reentry.hub.territory.RegionRepository;
import org.springframework.stereotype.Service;

/**
 * Checks and files a source's list, whichever way it came (the mutation, the inbound route, a replayed dead
 * letter): one set of rules, every broken one reported, and one message id per sender and list.
 * The source is the sender's party as the reference data has it: its kind says which source it speaks as,
 * the territory it serves the region it gives lists for (a national body serves none: any region of its
 * jurisdiction).
 */
@Service
class StatementFiling {

    /** A list longer than this is more than a region's parolees; the edge's body limit comes first anyway. */
    static final int MAX_PERSONS = 20_000;

    private final ReconciliationRepository repository;
    private final PartyRepository parties;
    private final RegionRepository regions;
    private final PersonLookup persons;

    StatementFiling(ReconciliationRepository repository, PartyRepository parties, RegionRepository regions,
                    PersonLookup persons) {
        this.repository = repository;
        this.parties = parties;
        this.regions = regions;
        this.persons = persons;
    }

    /** Who sends the list: the party (agency code) whose word it is, and the client that sent it. */
    record Sender(String agency, String client) {
    }

    /** A broken rule; the mutation answers the first by its kind, the inbound route all as field errors. */
    record Problem(Kind kind, String field, String rule, String message) {

        enum Kind { BAD_REQUEST, FORBIDDEN, NOT_FOUND }

        FieldError asFieldError() {
            return new FieldError(field, rule, message);
        }
    }

    /** The list broke one or more rules (in the order checked); nothing was filed. */
    static final class Refused extends RuntimeException {

        private final transient List<Problem> problems;

        Refused(List<Problem> problems) {
            super(problems.getFirst().message());
            this.problems = List.copyOf(problems);
        }

        List<Problem> problems() {
            return problems;
        }
    }

    /** A list that keeps every rule, ready to file. */
    record Checked(String id, String messageId, ReconciliationSource source, Sender sender, ReconciliationCategory category,
                   String region, LocalDate from, LocalDate to, List<Map<String, Object>> lines, String contentHash) {
    }

    /** @param duplicate the sender had sent this list under this message id before; nothing changed */
    record Filed(ReconciliationStatement statement, boolean duplicate) {
    }

    /** Checks and files; {@link Refused} with every broken rule, or if the message id came before with other content. */
    Filed file(Reconciliations.StatementInput input, Sender sender) {
        return file(check(input, sender));
    }

    Filed file(Checked checked) {
        var stored = repository.store(checked.id(), checked.messageId(), checked.source(), checked.sender().agency(),
                checked.sender().client(), checked.category(), checked.region(), checked.from(), checked.to(),
                checked.lines(), checked.contentHash());
        if (stored.reused()) {
            throw new Refused(List.of(new Problem(Problem.Kind.BAD_REQUEST, "messageId", "messageId.reused",
                    "message " + checked.messageId() + " was received before with a different list; a new or corrected "
                            + "list needs a new messageId")));
        }
        return new Filed(stored.statement(), stored.duplicate());
    }

    /** Every rule of a list, in one pass; {@link Refused} naming all that are broken. */
    Checked check(Reconciliations.StatementInput input, Sender sender) {
        List<Problem> problems = new ArrayList<>();
        String agency = sender.agency();
        Party party = agency == null ? null : parties.findByCodes(List.of(agency)).get(agency);
        ReconciliationSource source = party == null ? null : ReconciliationSource.of(agency, party.kind()).orElse(null);
        if (source == null) {
            problems.add(new Problem(Problem.Kind.FORBIDDEN, "$", "source.unknown", "Reconciliation lists come from the courts, "
                    + "the probation service, the police, the committee on legal statistics (КПСиСУ) and the penal system "
                    + "(003 cl. 29, 49, 52); " + agency + " is none of them"));
        }
        String messageId = input.messageId();
        if (messageId == null || messageId.isBlank() || messageId.length() > 200) {
            problems.add(new Problem(Problem.Kind.BAD_REQUEST, "messageId", "required", "is required (at most 200 characters)"));
        }
        if (input.category() == null) {
            problems.add(new Problem(Problem.Kind.BAD_REQUEST, "category", "required", "is required"));
        }
        Region region = null;
        if (input.region() == null) {
            problems.add(new Problem(Problem.Kind.BAD_REQUEST, "region", "required", "is required"));
        } else {
            region = regions.exists(input.region()) ? regions.findByCodes(List.of(input.region())).get(input.region()) : null;
            if (region == null) {
                problems.add(new Problem(Problem.Kind.BAD_REQUEST, "region", "region.unknown", "'" + input.region()
                        + "' is not a region code of the hub's reference data (ISO 3166-2, such as KZ-75)"));
            }
        }
        if (input.from() == null) {
            problems.add(new Problem(Problem.Kind.BAD_REQUEST, "from", "required", "is required"));
        }
        if (input.to() == null) {
            problems.add(new Problem(Problem.Kind.BAD_REQUEST, "to", "required", "is required"));
        } else if (input.from() != null && input.to().isBefore(input.from())) {
            problems.add(new Problem(Problem.Kind.BAD_REQUEST, "to", "dates.order", "must not be before 'from' (" + input.from() + ")"));
        }
        if (source != null && region != null) {
            ownRegion(party, region).ifPresent(problems::add);
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        if (input.persons() == null) {
            problems.add(new Problem(Problem.Kind.BAD_REQUEST, "persons", "required", "is required (an empty list says nobody)"));
        } else if (input.persons().size() > MAX_PERSONS) {
            problems.add(new Problem(Problem.Kind.BAD_REQUEST, "persons", "size", "at most " + MAX_PERSONS + " persons a list"));
        } else {
            for (int i = 0; i < input.persons().size(); i++) {
                lines.add(line(input.persons().get(i), "persons[" + i + "]", problems));
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        String id = UUID.nameUUIDFromBytes(String.join("\u001f", "ReconciliationStatement", agency, messageId)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new Checked(id, messageId, source, sender, input.category(), input.region(), input.from(), input.to(), lines,
                contentHash(input.category(), input.region(), input.from(), input.to(), lines));
    }

    /** A regional body gives lists for the region it serves; a national one for any region of its jurisdiction. */
    private Optional<Problem> ownRegion(Party party, Region region) {
        String agency = party.code();
        List<String> served = parties.servedBy(List.of(agency)).get(agency).stream()
                .map(s -> s.regionCode() != null ? s.regionCode() : s.code()).distinct().toList();
        boolean allowed = served.isEmpty() ? region.jurisdiction().equals(party.jurisdiction())
                : served.contains(region.code());
        return allowed ? Optional.empty() : Optional.of(new Problem(Problem.Kind.FORBIDDEN, "region",
                "region.notServed", agency + " gives lists for " + (served.isEmpty() ? "its jurisdiction ("
                + party.jurisdiction() + ")" : "the region it serves (" + String.join(", ", served) + ")")
                + ", not " + region.code()));
    }

    private Map<String, Object> line(Reconciliations.PersonInput person, String at, List<Problem> problems) {
        if (person == null) {
            problems.add(new Problem(Problem.Kind.BAD_REQUEST, at, "required", "a person is required"));
            return Map.of();
        }
        if (person.iin() == null && person.personId() == null) {
            problems.add(new Problem(Problem.Kind.BAD_REQUEST, at + ".iin", "required",
                    "an IIN, or the hub's id of the person, is required"));
        }
        if (person.iin() != null) {
            Iin.check(person.iin()).ifPresent(problem -> problems.add(new Problem(Problem.Kind.BAD_REQUEST, at + ".iin",
                    problem.rule(), problem.message())));
        }
        if (person.personId() != null) {
            if (person.personId().isBlank() || person.personId().length() > 64) {
                problems.add(new Problem(Problem.Kind.BAD_REQUEST, at + ".personId", "id.length",
                        "a hub id is a UUID (at most 64 characters)"));
            } else if (!persons.isVisible(person.personId())) {
                problems.add(new Problem(Problem.Kind.NOT_FOUND, at + ".personId", "person.unknown",
                        "No person with id " + person.personId() + " (" + at + ".personId) is known to the hub"));
            }
        }
        for (var field : Map.of("surname", nullToEmpty(person.surname()), "givenName", nullToEmpty(person.givenName())).entrySet()) {
            if (field.getValue().isBlank() || field.getValue().length() > 100) {
                problems.add(new Problem(Problem.Kind.BAD_REQUEST, at + "." + field.getKey(), "required",
                        "is required (at most 100 characters)"));
            }
        }
        Map<String, Object> line = new HashMap<>();
        line.put("iin", person.iin());
        line.put("personId", person.personId());
        line.put("surname", nullToEmpty(person.surname()).strip());
        line.put("givenName", nullToEmpty(person.givenName()).strip());
        line.put("patronymic", person.patronymic() == null || person.patronymic().isBlank() ? null : person.patronymic().strip());
        line.put("birthDate", person.birthDate());
        return line;
    }

    /** The list as filed, independent of how it was written (JSON key order, white space, channel). */
    private static String contentHash(ReconciliationCategory category, String region, LocalDate from, LocalDate to,
                                      List<Map<String, Object>> lines) {
        StringBuilder text = new StringBuilder().append(category).append('\u001e').append(region).append('\u001e')
                .append(from).append('\u001e').append(to);
        for (var line : lines) {
            text.append('\u001e');
            for (String key : List.of("iin", "personId", "surname", "givenName", "patronymic", "birthDate")) {
                text.append(Objects.toString(line.get(key), "")).append('\u001f');
            }
        }
        return Sha256.hex(text.toString());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
