package kz.reentry.hub.referral;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import kz.reentry.hub.api.ForbiddenException;
import kz.reentry.hub.api.InvalidArgumentException;
import kz.reentry.hub.api.NotFoundException;
import kz.reentry.hub.party.Ngo;
import kz.reentry.hub.party.Party;
import kz.reentry.hub.party.PartyRepository;
import kz.reentry.hub.person.Person;
import kz.reentry.hub.person.PersonLookup;
import kz.reentry.hub.security.Caller;
import kz.reentry.hub.security.CallerScopes;
import org.springframework.stereotype.Service;

/** Opens referrals and moves them through their lifecycle, telling subscribers after each commit. */
@Service
class ReferralService {

    /** Which kind of party receives which kind of referral. */
    private static final Map<String, List<String>> RECEIVERS = Map.of(
            "HEALTH", List.of("HEALTH"),
            "EMPLOYMENT", List.of("EMPLOYMENT_CENTRE", "LABOUR"),
            "NGO_CASE", List.of("NGO"));

    private final ReferralRepository referrals;
    private final PersonLookup persons;
    private final PartyRepository parties;
    private final ReferralEvents events;
    private final CallerScopes scopes;
    private final ReferralReceivers receivers;
    private final NgoAgreements agreements;
    private final OpenVacancies vacancies;

    ReferralService(ReferralRepository referrals, PersonLookup persons, PartyRepository parties, ReferralEvents events,
                    CallerScopes scopes, ReferralReceivers receivers, NgoAgreements agreements, OpenVacancies vacancies) {
        this.agreements = agreements;
        this.vacancies = vacancies;
        this.scopes = scopes;
        this.receivers = receivers;
        this.referrals = referrals;
        this.persons = persons;
        this.parties = parties;
        this.events = events;
    }

    Referral open(ReferralController.OpenReferralInput input) {
        if ("NGO_CASE".equals(input.kind())) {
            throw new InvalidArgumentException("input.kind", "referral.ngoCase", "cases are assigned to NGOs with assignCase");
        }
        if (input.condition() != null && !"HEALTH".equals(input.kind())) {
            throw new InvalidArgumentException("input.condition", "referral.condition",
                    "only a HEALTH referral names a condition category");
        }
        if (input.employment() != null && !"EMPLOYMENT".equals(input.kind())) {
            throw new InvalidArgumentException("input.employment", "referral.employment",
                    "only an EMPLOYMENT referral carries an employment profile");
        }
        String vacancyId = input.employment() == null ? null : input.employment().vacancyId();
        if (vacancyId != null && !vacancies.isOpen(vacancyId)) {
            throw new InvalidArgumentException("input.employment.vacancyId", "vacancy.unknown",
                    "no open vacancy '" + vacancyId + "' in the labour ministry's feed (never sent, or closed)");
        }
        if (input.to() != null) {
            return openReferral(input.personId(), input.kind(), input.to(), input.reason(), input.condition(), null,
                    input.employment(), "input.to");
        }
        if ("EMPLOYMENT".equals(input.kind())) {
            var choice = employmentReceiver(input.personId());
            return openReferral(input.personId(), input.kind(), choice.receiver(), input.reason(), null, null,
                    input.employment(), "input.to");
        }
        if (!"HEALTH".equals(input.kind())) {
            throw new InvalidArgumentException("input.to", "required", "name the party the person is referred to");
        }
        var choice = healthReceiver(input.personId(), input.condition());
        return openReferral(input.personId(), input.kind(), choice.receiver(), input.reason(), input.condition(),
                choice.destination(), null, "input.to");
    }

    /** The reference data's choice: the employment centre of the person's destination. */
    private ReferralReceivers.Choice employmentReceiver(String personId) {
        return chosen(personId, receivers::forEmployment,
                destination -> "no employment centre serves " + destination + " in the reference data: name the receiver");
    }

    /** The reference data's choice: the health organisation of the destination that takes over the condition. */
    private ReferralReceivers.Choice healthReceiver(String personId, String condition) {
        return chosen(personId, id -> receivers.forHealth(id, condition),
                destination -> "no health organisation of " + destination + " takes over "
                        + (condition == null ? "primary care" : condition) + " in the reference data: name the receiver");
    }

    /** A receiver the reference data names for the person's destination, or why there is none, in the caller's terms. */
    private ReferralReceivers.Choice chosen(String personId, Function<String, Optional<ReferralReceivers.Choice>> choose,
                                           Function<String, String> nobodyThere) {
        Person person = persons.byId(personId, "input.personId");
        var choice = choose.apply(person.id()).orElseThrow(() -> new InvalidArgumentException("input.to",
                "referral.destination", "the hub knows no destination for this person yet (no planned or recorded "
                        + "release): name the receiver"));
        if (choice.receiver() == null) {
            throw new InvalidArgumentException("input.to", "referral.noReceiver", nobodyThere.apply(choice.destination()));
        }
        return choice;
    }

    /**
     * E6: the NGO must have an agreement in force today that covers where the person goes, and room for
     * one more case under its capacity. The person is looked up first: one outside the caller's rows is
     * NOT_FOUND before anything about its destination is checked.
     */
    Referral assignCase(ReferralController.AssignCaseInput input) {
        Party ngo = parties.findByCodes(List.of(input.ngo())).get(input.ngo());
        if (!(ngo instanceof Ngo registered)) {
            throw new InvalidArgumentException("input.ngo", "party.notNgo", "'" + input.ngo() + "' is not an NGO known to the hub");
        }
        agreements.requireCovering(registered.code(), persons.byId(input.personId(), "input.personId").id(), LocalDate.now());
        int open = parties.openCases(List.of(registered.code())).getOrDefault(registered.code(), 0);
        if (open >= registered.capacity()) {
            throw new InvalidArgumentException("input.ngo", "ngo.capacity",
                    "the NGO already carries " + open + " open cases, its capacity");
        }
        return openReferral(input.personId(), "NGO_CASE", input.ngo(), input.reason(), null, null, null, "input.ngo");
    }

    Referral move(String referralId, ReferralStatus next, String note, String outcome) {
        Referral referral = referrals.byIds(List.of(referralId)).get(referralId);
        // a referral of a person outside the caller's rows is as absent as the person
        if (referral == null || !persons.isVisible(referral.personId()) || !knownToCaller(referral)) {
            throw new NotFoundException("No referral with id " + referralId);
        }
        Caller caller = Caller.current();
        boolean receiver = caller.agency().equals(referral.toCode());
        boolean sender = caller.agency().equals(referral.fromCode());
        if (!receiver && !sender) {
            throw new ForbiddenException("only the sender or the receiver may move a referral");
        }
        boolean allowed = (receiver && referral.status().receiverMayMoveTo(next))
                || (sender && referral.status().senderMayMoveTo(next));
        if (!allowed) {
            throw new InvalidArgumentException("input.status", "referral.transition", "the " + (receiver ? "receiver" : "sender")
                    + " cannot move a referral from " + referral.status() + " to " + next);
        }
        if (next == ReferralStatus.COMPLETED && (outcome == null || outcome.isBlank())) {
            throw new InvalidArgumentException("input.outcome", "required", "say what came of the referral");
        }
        if (next == ReferralStatus.REJECTED && (note == null || note.isBlank())) {
            throw new InvalidArgumentException("input.note", "required", "say why the referral is rejected");
        }
        Referral moved = referrals.move(referralId, referral.status(), next, note, outcome, caller);
        if (moved == null) {
            throw new InvalidArgumentException("input.referralId", "referral.concurrent",
                    "was moved by someone else meanwhile; read it again");
        }
        events.published(moved);
        return moved;
    }

    /**
     * A HEALTH referral, or for an NGO another party's referral, is as absent as a missing one to a
     * party that may not know of it (HealthScope).
     */
    private boolean knownToCaller(Referral referral) {
        return scopes.currentHealthScope().knows(referral.healthRelated(), referral.fromCode(), referral.toCode());
    }

    private Referral openReferral(String personId, String kind, String to, String reason, String condition,
                                  String destination, EmploymentProfile employment, String toArgument) {
        Person person = persons.byId(personId, "input.personId");
        Party receiver = parties.findByCodes(List.of(to)).get(to);
        if (receiver == null) {
            throw new InvalidArgumentException(toArgument, "party.unknown", "'" + to + "' is not a party known to the hub");
        }
        if (!RECEIVERS.get(kind).contains(receiver.kind())) {
            throw new InvalidArgumentException(toArgument, "referral.receiver",
                    "a " + kind + " referral goes to a party of kind " + RECEIVERS.get(kind) + ", not " + receiver.kind());
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidArgumentException("input.reason", "required", "say why the person is referred");
        }
        if (referrals.hasOpenSimilar(person.id(), kind, to, condition)) {
            throw new InvalidArgumentException(toArgument, "referral.open",
                    "this person already has an open " + kind + " referral to " + to
                            + (condition == null ? "" : " for " + condition));
        }
        Caller caller = Caller.current();
        Referral opened = referrals.open(kind, person.id(), caller.agency(), to, reason.strip(), condition, destination,
                employment, caller);
        if (opened == null) {
            throw new InvalidArgumentException("token.agency", "party.unknown",
                    "your client's agency '" + caller.agency() + "' is not a party known to the hub");
        }
        events.published(opened);
        return opened;
    }
}
