package kz.reentry.hub.timeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import kz.reentry.hub.security.FieldVisibility;

/**
 * What of a case timeline a party may see, by the same field rules as the fields the events are made
 * of (schema/access-policy.yaml): a kind of event only if it sees every field its summary is made of,
 * the fields of corrections it sees on each corrected type, and whether notes of health measures.
 *
 * @param kinds            the kinds of event shown
 * @param revisable        for each corrected type, the fields whose corrections are named
 * @param healthNotesShown whether the note of a HEALTH measure's update is in its summary
 * @param caseNotesShown   whether an NGO's notes on its case (contacts, measures taken, how it ended) are
 */
record TimelineView(Set<String> kinds, Map<String, List<String>> revisable, boolean healthNotesShown,
                    boolean caseNotesShown) {

    /** The schema fields each kind of event is made of: its time, summary and actor. */
    static final Map<String, List<String>> SUMMARISED = Map.of(
            "STATE", List.of("Person.states", "PersonState.kind", "PersonState.from", "PersonState.to",
                    "PersonState.receivedAt", "PersonState.sourceSystem"),
            "MESSAGE", List.of("Person.sourceMessageId"),
            "CORRECTION", List.of("Revision.supersededAt", "Revision.supersededByMessageId", "Revision.values"),
            "PROGRAMME", List.of("Programme.createdAt", "Programme.drawnUpBy"),
            "MEASURE", List.of("Measure.domain", "MeasureUpdate.at", "MeasureUpdate.status", "MeasureUpdate.deadline",
                    "MeasureUpdate.responsible", "MeasureUpdate.agency"),
            "ASSESSMENT", List.of("Person.assessments", "Assessment.riskLevel", "Assessment.instrument",
                    "Assessment.assessedBy"),
            "REFERRAL", List.of("Referral.kind", "Referral.to", "ReferralTransition.status", "ReferralTransition.at",
                    "ReferralTransition.agency"),
            "OBLIGATION", List.of("Obligation.kind", "Obligation.dueOn", "Obligation.status", "Obligation.owedBy"),
            "CASE_WORK", List.of("Referral.contacts", "Referral.measuresTaken", "CaseContact.kind", "CaseContact.on",
                    "CaseContact.recordedAt", "CaseContact.agency", "CaseMeasure.domain", "CaseMeasure.on",
                    "CaseMeasure.measure", "CaseMeasure.recordedAt", "CaseMeasure.agency"));

    /** The types whose earlier values the graph keeps as revisions (history.RevisionRepository.RevisedEntity). */
    static final List<String> CORRECTED = List.of("Person", "CustodyEpisode", "PlannedRelease");

    static TimelineView of(FieldVisibility fields, String partyKind) {
        Set<String> kinds = SUMMARISED.entrySet().stream()
                .filter(kind -> kind.getValue().stream().allMatch(field -> fields.shows(field, partyKind)))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
        Map<String, List<String>> revisable = new LinkedHashMap<>();
        CORRECTED.forEach(type -> revisable.put(type, fields.shownFields(type, partyKind)));
        return new TimelineView(kinds, revisable, fields.shows("MeasureUpdate", "note", partyKind),
                fields.shows("CaseContact", "note", partyKind) && fields.shows("CaseMeasure", "note", partyKind));
    }
}
