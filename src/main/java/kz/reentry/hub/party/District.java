package kz.reentry.hub.party;

public record District(String code, String name, String regionCode) {
}
