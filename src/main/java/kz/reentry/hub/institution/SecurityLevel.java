package kz.reentry.hub.institution;

public enum SecurityLevel {
    MINIMUM, MEDIUM, MAXIMUM, EXTREME, FULL, MIXED
}
