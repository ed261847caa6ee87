package kz.reentry.hub.party;

public enum SecurityLevel {
    MINIMUM, MEDIUM, MAXIMUM, EXTREME, FULL, MIXED
}
