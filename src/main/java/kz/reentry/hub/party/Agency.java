package kz.reentry.hub.party;

/** A state body; {@code partOfCode} points to the body it belongs to. */
public record Agency(String code, String name, String shortName, String kind, String jurisdiction, String partOfCode)
        implements Party {
}
