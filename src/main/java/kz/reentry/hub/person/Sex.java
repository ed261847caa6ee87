package kz.reentry.hub.person;

public enum Sex {
    MALE, FEMALE
}
