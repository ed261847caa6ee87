package kz.reentry.hub.party;

public record Ngo(String code, String name, String kind, String jurisdiction, int capacity) implements Party {
}
