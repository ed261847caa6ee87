package kz.reentry.hub.institution;

/** A penal institution; {@code regionCode} points to its {@code Region}. */
public record Institution(String code, String name, String regionCode) {
}
